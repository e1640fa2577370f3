/**
 * Runs the Keystone table (identity-cases.ts) against the local server and, when
 * REAL_OPENSTACK_FIXTURES is set, a real Keystone (otherwise that target shows as skipped).
 */
import type { Party } from "./cases";
import { call, passwordToken } from "./http";
import { IDENTITY_CASES, type IdentityCase } from "./identity-cases";
import { localTarget, type OpenTarget, REAL_ENV, realTarget, type Target } from "./targets";

const PARTIES: Party[] = ["owner", "consumer", "third"];
const realFixtures = process.env[REAL_ENV];
const targets: Target[] = realFixtures ? [localTarget, realTarget(realFixtures)] : [localTarget];

interface TokenBody {
  token: {
    methods: string[];
    expires_at: string;
    issued_at: string;
    project?: { id: string; name: string };
    roles?: { name: string }[];
    catalog?: { type: string; endpoints: { region: string; interface: string; url: string }[] }[];
    application_credential?: { id: string };
  };
}

describe.each(targets.map((t) => [t.name, t] as const))("Keystone v3 conformance: %s", (name, target) => {
  let t: OpenTarget;
  const values = new Map<string, string>();
  let ownerTokenExpiry = "";

  beforeAll(async () => {
    t = await target.open();
    const f = t.fixtures;
    values.set("domain", f.domain);
    for (const p of PARTIES) {
      values.set(`${p}.user.id`, f.users[p].id);
      values.set(`${p}.user.name`, f.users[p].name);
      values.set(`${p}.password`, f.users[p].password);
      values.set(`${p}.project.id`, f.projects[p].id);
      values.set(`${p}.project.name`, f.projects[p].name);
    }
    values.set("ac.id", f.applicationCredential.id);
    values.set("ac.name", f.applicationCredential.name);
    values.set("ac.secret", f.applicationCredential.secret);
    const login = (p: Party) =>
      passwordToken(f.authUrl, {
        user: f.users[p].name,
        password: f.users[p].password,
        project: f.projects[p].name,
        domain: f.domain,
      });
    const owner = await login("owner");
    values.set("token.owner", owner);
    values.set("token.consumer", await login("consumer"));
    values.set("token.admin", await passwordToken(f.authUrl, t.admin));
    const revoked = await login("owner");
    const del = await call("DELETE", `${f.authUrl}/auth/tokens`, {
      headers: { "x-auth-token": owner, "x-subject-token": revoked },
    });
    if (del.status !== 204) throw new Error(`revoking a token: ${del.status} ${del.text}`);
    values.set("token.revoked", revoked);
    const validated = await call("GET", `${f.authUrl}/auth/tokens`, {
      headers: { "x-auth-token": owner, "x-subject-token": owner },
    });
    ownerTokenExpiry = (validated.json as TokenBody).token.expires_at;
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  /** Fill the placeholders of a table value. */
  function fill<T>(value: T): T {
    if (typeof value === "string") {
      return value.replace(/\{([a-z.]+)\}/g, (whole, key: string) => values.get(key) ?? whole) as T;
    }
    if (Array.isArray(value)) return value.map(fill) as T;
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)])) as T;
    }
    return value;
  }

  async function run(c: IdentityCase): Promise<void> {
    const url = `${t.fixtures.authUrl.replace(/\/+$/, "")}${fill(c.path)}`;
    const res = await call(c.method, url, {
      json: c.raw === undefined && c.body !== undefined ? fill(c.body) : undefined,
      raw: c.raw,
      headers: fill(c.headers ?? {}),
    });
    if (res.status !== c.expect.status) {
      throw new Error(
        `${c.method} ${c.path}: expected ${c.expect.status}, got ${res.status}: ${res.text.slice(0, 400)}`,
      );
    }
    expect(res.headers["x-openstack-request-id"]).toMatch(/^req-[0-9a-f-]{36}$/);
    if (c.expect.status === 401) expect(res.headers["www-authenticate"]).toMatch(/^Keystone uri="/);
    if (c.expect.message !== undefined) {
      const error = (res.json as { error: { code: number; message: string; title: string } }).error;
      expect(error.code).toBe(c.expect.status);
      if (c.expect.partial) expect(error.message.startsWith(c.expect.message)).toBe(true);
      else expect(error.message).toBe(c.expect.message);
    }
    if (c.path === "" && c.method === "GET") {
      expect(res.json).toMatchObject({ version: { id: expect.stringMatching(/^v3\./), status: "stable" } });
    }
    checkReads(c, res.json as Record<string, unknown>, url);
    const want = c.expect.token;
    if (!want) return;
    const subject = res.headers["x-subject-token"];
    expect(typeof subject).toBe("string");
    if (c.method === "GET") expect(subject).toBe(fill(c.headers?.["x-subject-token"]));
    const token = (res.json as TokenBody).token;
    // Keystone keeps a rescoped token's methods in a set: their order varies between runs.
    expect([...token.methods].sort()).toEqual([...want.methods].sort());
    expect(token.project?.id).toBe(t.fixtures.projects[want.project].id);
    expect(token.project?.name).toBe(t.fixtures.projects[want.project].name);
    expect((token.roles ?? []).map((r) => r.name).sort()).toEqual([...want.roles].sort());
    expect(token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(token.issued_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Boolean(token.application_credential)).toBe(Boolean(want.applicationCredential));
    if (want.sameExpiryAsOwnerToken) expect(token.expires_at).toBe(ownerTokenExpiry);
    const image = token.catalog?.find((s) => s.type === "image");
    const publicUrl = image?.endpoints.find(
      (e) => e.interface === "public" && e.region === t.fixtures.region,
    )?.url;
    expect(publicUrl).toBe(t.fixtures.imageUrl);
  }

  /** The project and user documents of the read rows, as a real Keystone renders them. */
  function checkReads(c: IdentityCase, json: Record<string, unknown>, url: string): void {
    const f = t.fixtures;
    const project = (p: Party) => ({
      id: f.projects[p].id,
      name: f.projects[p].name,
      domain_id: "default",
      description: "test",
      enabled: true,
      parent_id: "default",
      is_domain: false,
      tags: [],
      options: {},
      links: { self: `${f.authUrl}/projects/${f.projects[p].id}` },
    });
    if (c.expect.project) expect(json).toEqual({ project: project(c.expect.project) });
    if (c.expect.projects) {
      expect(json).toEqual({
        projects: c.expect.projects.map(project),
        links: { next: null, self: url, previous: null },
      });
    }
    if (c.expect.user) {
      const p = c.expect.user;
      expect(json).toEqual({
        user: {
          id: f.users[p].id,
          name: f.users[p].name,
          domain_id: "default",
          enabled: true,
          default_project_id: f.projects[p].id,
          password_expires_at: null,
          options: {},
          links: { self: `${f.authUrl}/users/${f.users[p].id}` },
        },
      });
    }
  }

  for (const c of IDENTITY_CASES) {
    test(`[${name}] ${c.method} /v3${c.path.replace(/\?.*/, "")}: ${c.name} → ${c.expect.status}`, () =>
      run(c));
  }
});

if (!realFixtures) {
  describe.skip(`Keystone v3 conformance: real (${REAL_ENV} not set, real Keystone not tested)`, () => {
    test(`[real] ${IDENTITY_CASES.length} rows skipped: set ${REAL_ENV} to a fixtures.json of toolchain/real-openstack/start.sh`, () => {});
  });
}
