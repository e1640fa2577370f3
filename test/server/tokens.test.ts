/** The local Keystone: issuing, validating and expiring tokens, and the catalog they carry. */
import { type LocalCloud, startLocalCloud } from "../../provider/testing";
import { http, login, sleep } from "./helpers";

describe("local cloud: Keystone tokens", () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startLocalCloud();
  });
  afterAll(() => cloud.close());

  test("password auth issues a project-scoped token with Keystone's body and catalog", async () => {
    const { token, res } = await login(cloud, "owner");
    expect(res.status).toBe(201);
    expect(token.length).toBeGreaterThan(100);
    expect(res.headers["x-openstack-request-id"]).toMatch(/^req-[0-9a-f-]{36}$/);
    const body = res.json as { token: Record<string, unknown> };
    const f = cloud.fixtures;
    expect(body.token).toMatchObject({
      methods: ["password"],
      user: { id: f.users.owner.id, name: "alice", domain: { id: "default", name: "Default" } },
      project: { id: f.projects.owner.id, name: "owner", domain: { id: "default", name: "Default" } },
      roles: expect.arrayContaining([expect.objectContaining({ name: "member" })]),
      expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      issued_at: expect.stringMatching(/\.\d{6}Z$/),
    });
    expect(f.projects.owner.id).toMatch(/^[0-9a-f]{32}$/);
    const lifetime = Date.parse(body.token.expires_at as string) - Date.parse(body.token.issued_at as string);
    expect(lifetime).toBe(3600_000);

    const catalog = body.token.catalog as { type: string; endpoints: Record<string, string>[] }[];
    const image = catalog.find((s) => s.type === "image")!;
    const urls = image.endpoints.map((e) => `${e.region}/${e.interface} ${e.url}`).sort();
    expect(urls).toEqual([
      `RegionOne/internal ${cloud.url}/internal/image`,
      `RegionOne/public ${cloud.url}/image`,
      `RegionTwo/public ${cloud.url}/region-two/image/v2`,
    ]);
    for (const e of image.endpoints)
      expect(Object.keys(e).sort()).toEqual(["id", "interface", "region", "region_id", "url"]);
    expect(catalog.find((s) => s.type === "identity")?.endpoints[0].url).toBe(f.authUrl);
    expect(f.imageUrl).toBe(`${cloud.url}/image`);
  });

  test("GET /v3/auth/tokens validates; unknown subject 404, bad X-Auth-Token 401", async () => {
    const { token, res: issued } = await login(cloud, "consumer");
    const ok = await http("GET", `${cloud.fixtures.authUrl}/auth/tokens`, {
      token,
      headers: { "x-subject-token": token },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers["x-subject-token"]).toBe(token);
    expect(ok.json).toEqual(issued.json);

    const unknown = await http("GET", `${cloud.fixtures.authUrl}/auth/tokens`, {
      token,
      headers: { "x-subject-token": "gAAAAABnope" },
    });
    expect(unknown.status).toBe(404);

    const badCaller = await http("GET", `${cloud.fixtures.authUrl}/auth/tokens`, {
      token: "nope",
      headers: { "x-subject-token": token },
    });
    expect(badCaller.status).toBe(401);
    expect(badCaller.json).toEqual({
      error: {
        code: 401,
        message: "The request you have made requires authentication.",
        title: "Unauthorized",
      },
    });
    expect(badCaller.headers["www-authenticate"]).toBe(`Keystone uri="${cloud.fixtures.authUrl}"`);
  });

  test("application credential: by id, by name + user; a scope is refused", async () => {
    const f = cloud.fixtures;
    const ac = f.applicationCredential;
    const byId = await http("POST", `${f.authUrl}/auth/tokens`, {
      json: {
        auth: {
          identity: {
            methods: ["application_credential"],
            application_credential: { id: ac.id, secret: ac.secret },
          },
        },
      },
    });
    expect(byId.status).toBe(201);
    expect((byId.json as { token: { project: { id: string } } }).token.project.id).toBe(f.projects.owner.id);
    const byName = await http("POST", `${f.authUrl}/auth/tokens`, {
      json: {
        auth: {
          identity: {
            methods: ["application_credential"],
            application_credential: { name: ac.name, secret: ac.secret, user: { id: f.users.owner.id } },
          },
        },
      },
    });
    expect(byName.status).toBe(201);
    const scoped = await http("POST", `${f.authUrl}/auth/tokens`, {
      json: {
        auth: {
          identity: {
            methods: ["application_credential"],
            application_credential: { id: ac.id, secret: ac.secret },
          },
          scope: { project: { id: f.projects.owner.id } },
        },
      },
    });
    expect(scoped.status).toBe(401);
  });

  test("token method rescopes and keeps the expiry; wrong password is 401", async () => {
    const f = cloud.fixtures;
    const { token, res } = await login(cloud, "owner");
    const rescoped = await http("POST", `${f.authUrl}/auth/tokens`, {
      json: {
        auth: {
          identity: { methods: ["token"], token: { id: token } },
          scope: { project: { id: f.projects.owner.id } },
        },
      },
    });
    expect(rescoped.status).toBe(201);
    const first = (res.json as { token: { expires_at: string } }).token;
    const second = (rescoped.json as { token: { expires_at: string; methods: string[] } }).token;
    expect(second.expires_at).toBe(first.expires_at);
    expect(second.methods).toEqual(["token", "password"]);

    const wrong = await http("POST", `${f.authUrl}/auth/tokens`, {
      json: {
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { id: f.users.owner.id, password: "wrong" } },
          },
        },
      },
    });
    expect(wrong.status).toBe(401);
  });

  test("expireAllTokens: Glance answers 401, Keystone no longer validates them", async () => {
    const { token } = await login(cloud, "owner");
    const image = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
    const members = `${cloud.fixtures.imageUrl}/v2/images/${image}/members`;
    expect((await http("GET", members, { token })).status).toBe(200);
    cloud.expireAllTokens();
    const denied = await http("GET", members, { token });
    expect(denied.status).toBe(401);
    expect(denied.headers["www-authenticate"]).toBe(`Keystone uri="${cloud.url}"`);
    const { token: fresh } = await login(cloud, "owner");
    const validation = await http("GET", `${cloud.fixtures.authUrl}/auth/tokens`, {
      token: fresh,
      headers: { "x-subject-token": token },
    });
    expect(validation.status).toBe(404);
    expect((await http("GET", members, { token: fresh })).status).toBe(200);
  });
});

describe("local cloud: token lifetime", () => {
  test("tokenTtlSeconds makes tokens expire mid-run", async () => {
    const cloud = await startLocalCloud({ tokenTtlSeconds: 1 });
    try {
      const { token, res } = await login(cloud, "owner");
      const t = (res.json as { token: { expires_at: string; issued_at: string } }).token;
      expect(Date.parse(t.expires_at) - Date.parse(t.issued_at)).toBe(1000);
      const image = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
      const url = `${cloud.fixtures.imageUrl}/v2/images/${image}`;
      await sleep(Math.max(0, Date.parse(t.expires_at) - Date.now()) + 50);
      expect((await http("GET", url, { token })).status).toBe(401);
    } finally {
      await cloud.close();
    }
  });
});
