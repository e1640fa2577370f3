/**
 * Every Keystone path against the local Keystone over HTTP, through ProviderContext as the
 * hooks use it, asserting the token requests made: one per identity per deployment, one more
 * after expiry or a 401.
 */
import { MembersApi } from "../../provider/glance/members";
import { ProviderContext } from "../../provider/auth/provider-context";
import { startLocalCloud, type LocalCloud, type Role } from "../../provider/testing";
import { passwordEntry, removeTempDirs, writeCloudsYaml } from "./helpers/clouds-yaml";
import { RecordingAgent } from "./helpers/recording-agent";

let cloud: LocalCloud;
let agent: RecordingAgent;
let clock: number;

beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(async () => {
  await cloud.close();
  removeTempDirs();
});
beforeEach(() => {
  agent = new RecordingAgent();
  clock = Date.now();
  cloud.clearRequests();
});
afterEach(() => agent.close());

const f = () => cloud.fixtures;

function contextWith(env: NodeJS.ProcessEnv, config: Record<string, string> = {}): ProviderContext {
  const context = new ProviderContext({
    env: () => env,
    dispatcher: agent,
    policy: { baseDelayMs: 1, maxDelayMs: 2 },
    now: () => clock,
    clouds: { cwd: () => "/nonexistent" },
  });
  context.configure({ get: (key) => config[key] });
  return context;
}

function passwordEnv(role: Role, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    OS_AUTH_URL: f().authUrl,
    OS_USERNAME: f().users[role].name,
    OS_PASSWORD: f().users[role].password,
    OS_PROJECT_NAME: f().projects[role].name,
    OS_USER_DOMAIN_NAME: f().domain,
    OS_PROJECT_DOMAIN_NAME: f().domain,
    ...extra,
  };
}

/** One Glance request as the identity: lists the members of a fresh image of the owner. */
async function listMembers(context: ProviderContext, cloudName?: string) {
  const service = await context.imageService({ cloud: cloudName });
  const image = cloud.createImage({ owner: f().projects.owner.id });
  await new MembersApi(service.client, service.glanceUrl).list(image);
  return service;
}

async function unscopedToken(role: Role): Promise<string> {
  const res = await fetch(`${f().authUrl}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { id: f().users[role].id, password: f().users[role].password } },
        },
      },
    }),
  });
  return res.headers.get("x-subject-token") ?? "";
}

describe("password", () => {
  test("user and project by name with their domains", async () => {
    const service = await listMembers(contextWith(passwordEnv("owner")));
    expect(agent.tokenRequests()).toEqual(["POST password scope=project"]);
    expect(service.projectId).toBe(f().projects.owner.id);
    expect(service.glanceUrl).toBe(`${cloud.url}/image/v2`);
    const body = JSON.parse(agent.sent[0].body ?? "");
    expect(body.auth.identity.password.user).toEqual({
      name: "alice",
      domain: { name: "Default" },
      password: f().users.owner.password,
    });
    expect(body.auth.scope).toEqual({ project: { name: "owner", domain: { name: "Default" } } });
  });

  test("user and project by id, auth URL without /v3", async () => {
    const env = {
      OS_AUTH_URL: cloud.url,
      OS_USER_ID: f().users.consumer.id,
      OS_PASSWORD: f().users.consumer.password,
      OS_PROJECT_ID: f().projects.consumer.id,
    };
    const service = await contextWith(env).imageService({});
    expect(service.projectId).toBe(f().projects.consumer.id);
    expect(agent.sent[0].path).toBe("/v3/auth/tokens");
    expect(JSON.parse(agent.sent[0].body ?? "").auth).toEqual({
      identity: {
        methods: ["password"],
        password: { user: { id: f().users.consumer.id, password: f().users.consumer.password } },
      },
      scope: { project: { id: f().projects.consumer.id } },
    });
  });

  test("domain scope: the token acts for no project", async () => {
    const env = {
      OS_AUTH_URL: f().authUrl,
      OS_USERNAME: "admin",
      OS_PASSWORD: "AdminPass123",
      OS_USER_DOMAIN_NAME: f().domain,
      OS_DOMAIN_NAME: f().domain,
    };
    const service = await listMembers(contextWith(env));
    expect(agent.tokenRequests()).toEqual(["POST password scope=domain"]);
    expect(service.projectId).toBeUndefined();
  });

  test("a wrong password is ERR_AUTH_FAILED, names where the settings came from, echoes no secret", async () => {
    const context = contextWith(passwordEnv("owner", { OS_PASSWORD: "not-the-Password-42" }));
    const error = await context.imageService({}).catch((e) => e);
    expect(error.code).toBe("ERR_AUTH_FAILED");
    expect(error.message).toContain("password from OS_PASSWORD");
    expect(error.message).toContain("projectName from OS_PROJECT_NAME");
    expect(error.message).not.toContain("not-the-Password-42");
  });
});

describe("application credential", () => {
  test("by id: no scope is sent, the credential's project is learnt", async () => {
    const env = {
      OS_AUTH_URL: f().authUrl,
      OS_APPLICATION_CREDENTIAL_ID: f().applicationCredential.id,
      OS_APPLICATION_CREDENTIAL_SECRET: f().applicationCredential.secret,
      OS_PROJECT_NAME: "ignored",
    };
    const service = await listMembers(contextWith(env));
    expect(agent.tokenRequests()).toEqual(["POST application_credential"]);
    expect(service.projectId).toBe(f().projects.owner.id);
  });

  test("by name with its user, from a clouds.yaml entry whose auth_type says so", async () => {
    const file = writeCloudsYaml({
      appcred: {
        auth_type: "v3applicationcredential",
        auth: {
          auth_url: f().authUrl,
          application_credential_name: f().applicationCredential.name,
          application_credential_secret: f().applicationCredential.secret,
          username: f().users.owner.name,
          user_domain_name: f().domain,
          password: "a stray password the auth_type does not use",
        },
      },
    });
    const service = await listMembers(contextWith({ OS_CLIENT_CONFIG_FILE: file, OS_CLOUD: "appcred" }));
    expect(agent.tokenRequests()).toEqual(["POST application_credential"]);
    expect(JSON.parse(agent.sent[0].body ?? "").auth.identity.application_credential).toEqual({
      name: f().applicationCredential.name,
      secret: f().applicationCredential.secret,
      user: { name: "alice", domain: { name: "Default" } },
    });
    expect(service.projectId).toBe(f().projects.owner.id);
  });
});

describe("token", () => {
  test("with a scope it is rescoped with the token method", async () => {
    const token = await unscopedToken("owner");
    const env = { OS_AUTH_URL: f().authUrl, OS_TOKEN: token, OS_PROJECT_ID: f().projects.owner.id };
    const service = await listMembers(contextWith(env));
    expect(agent.tokenRequests()).toEqual(["POST token scope=project"]);
    expect(JSON.parse(agent.sent[0].body ?? "").auth.identity).toEqual({
      methods: ["token"],
      token: { id: token },
    });
    expect(service.projectId).toBe(f().projects.owner.id);
    expect(agent.sent[1].token).not.toBe(token);
  });

  test("without a scope it is validated with GET, which gives its project and catalog", async () => {
    const token = await (async () => {
      const res = await fetch(`${f().authUrl}/auth/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ["password"],
              password: { user: { id: f().users.owner.id, password: f().users.owner.password } },
            },
            scope: { project: { id: f().projects.owner.id } },
          },
        }),
      });
      return res.headers.get("x-subject-token") ?? "";
    })();
    const service = await listMembers(contextWith({ OS_AUTH_URL: f().authUrl, OS_AUTH_TOKEN: token }));
    expect(agent.tokenRequests()).toEqual(["GET"]);
    expect(agent.sent[0].headers["x-subject-token"]).toBe(token);
    expect(service.projectId).toBe(f().projects.owner.id);
    expect(agent.sent[1].token).toBe(token);
  });

  test("an expired token is ERR_AUTH_FAILED saying so", async () => {
    const token = await unscopedToken("owner");
    cloud.expireAllTokens();
    const error = await contextWith({ OS_AUTH_URL: f().authUrl, OS_TOKEN: token })
      .imageService({})
      .catch((e) => e);
    expect(error.code).toBe("ERR_AUTH_FAILED");
    expect(error.message).toContain("expired or revoked");
    expect(error.message).not.toContain(token);
  });
});

describe("token requests per deployment", () => {
  test("one per identity, however many resources and hooks", async () => {
    const context = contextWith(passwordEnv("owner"));
    await Promise.all(Array.from({ length: 25 }, () => listMembers(context)));
    await listMembers(context);
    expect(agent.tokenRequests()).toEqual(["POST password scope=project"]);
    expect(cloud.requests.filter((r) => r.path === "/v3/auth/tokens")).toHaveLength(1);
  });

  test("one more when the token is within 120 s of expiry", async () => {
    const context = contextWith(passwordEnv("owner"));
    await listMembers(context);
    clock += 3600_000 - 100_000;
    const service = await context.imageService({});
    clock = Date.now(); // the new token's lifetime counts from the server's real clock
    await new MembersApi(service.client, service.glanceUrl).list(
      cloud.createImage({ owner: service.projectId ?? "" }),
    );
    expect(agent.tokenRequests()).toHaveLength(2);
    const glanceTokens = agent.sent.filter((r) => r.path.startsWith("/image")).map((r) => r.token);
    expect(new Set(glanceTokens).size).toBe(2);
  });

  test("one more after a 401, and the request goes through with the new token", async () => {
    const context = contextWith(passwordEnv("owner"));
    await listMembers(context);
    cloud.expireAllTokens();
    await listMembers(context);
    expect(agent.tokenRequests()).toHaveLength(2);
    expect(cloud.requests.map((r) => `${r.method} ${r.service} ${r.status}`)).toEqual([
      "POST identity 201",
      "GET image 200",
      "GET image 401",
      "POST identity 201",
      "GET image 200",
    ]);
  });

  test("a new provider process (context) asks for its own token", async () => {
    await listMembers(contextWith(passwordEnv("owner")));
    await listMembers(contextWith(passwordEnv("owner")));
    expect(agent.tokenRequests()).toHaveLength(2);
  });
});

describe("catalog", () => {
  test("region by name and interface from clouds.yaml pick the endpoint", async () => {
    const file = writeCloudsYaml({
      internal: passwordEntry(f(), "owner", { interface: "internal" }),
      two: passwordEntry(f(), "owner", { region_name: "RegionTwo" }),
    });
    const env = { OS_CLIENT_CONFIG_FILE: file };
    const context = contextWith(env);
    expect((await context.imageService({ cloud: "internal" })).glanceUrl).toBe(
      `${cloud.url}/internal/image/v2`,
    );
    expect((await context.imageService({ cloud: "two" })).glanceUrl).toBe(`${cloud.url}/region-two/image/v2`);
    const error = await context.imageService({ cloud: "internal", region: "RegionTwo" }).catch((e) => e);
    expect(error.code).toBe("ERR_ENDPOINT_NOT_FOUND");
    expect(error.message).toContain("no internal image endpoint in region RegionTwo");
  });
});
