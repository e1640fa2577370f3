import { MockAgent } from "undici";
import { imageEndpoint, type CatalogService } from "../../provider/auth/catalog";
import { glanceV2Url } from "../../provider/glance/glance-url";
import { identityV3Url, issueToken } from "../../provider/auth/keystone";
import { CloudsFiles } from "../../provider/auth/clouds-files";
import { resolveSettings } from "../../provider/auth/resolve-settings";
import { Transport } from "../../provider/http/transport";

const KEYSTONE = "https://keystone.example.com:5000";
const CATALOG: CatalogService[] = [
  {
    type: "image",
    name: "glance",
    endpoints: [
      {
        interface: "public",
        region: "RegionOne",
        region_id: "RegionOne",
        url: "https://glance.example.com:9292/",
      },
      { interface: "internal", region: "RegionOne", region_id: "RegionOne", url: "http://10.0.0.5:9292" },
      { interface: "public", region: "RegionTwo", region_id: "r2", url: "https://r2.example.com/image/v2.1" },
    ],
  },
];
const TOKEN_BODY = {
  token: {
    expires_at: "2026-11-28T21:00:00.000000Z",
    project: { id: "p-owner", name: "owner" },
    user: { id: "u-alice" },
    catalog: CATALOG,
  },
};

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

function expectTokenRequest(body: unknown) {
  agent
    .get(KEYSTONE)
    .intercept({ method: "POST", path: "/v3/auth/tokens", body: JSON.stringify(body) })
    .reply(201, TOKEN_BODY, { headers: { "x-subject-token": "tok-1", "content-type": "application/json" } });
}

test("password auth: user and project by name, domains defaulting to 'default'", async () => {
  expectTokenRequest({
    auth: {
      identity: {
        methods: ["password"],
        password: { user: { name: "alice", domain: { id: "default" }, password: "pw" } },
      },
      scope: { project: { name: "owner", domain: { id: "default" } } },
    },
  });
  const token = await issueToken(new Transport({ dispatcher: agent }), {
    authUrl: KEYSTONE,
    userName: "alice",
    password: "pw",
    projectName: "owner",
  });
  expect(token).toMatchObject({ value: "tok-1", projectId: "p-owner", userId: "u-alice" });
  expect(token.expiresAt).toBe(Date.parse("2026-11-28T21:00:00Z"));
});

test("application credential by id sends no scope", async () => {
  expectTokenRequest({
    auth: {
      identity: { methods: ["application_credential"], application_credential: { id: "ac1", secret: "s" } },
    },
  });
  await issueToken(new Transport({ dispatcher: agent }), {
    authUrl: `${KEYSTONE}/v3/`,
    applicationCredentialId: "ac1",
    applicationCredentialSecret: "s",
    projectName: "ignored",
  });
});

test("a 401 from Keystone is ERR_AUTH_FAILED and never echoes the password", async () => {
  agent
    .get(KEYSTONE)
    .intercept({ method: "POST", path: "/v3/auth/tokens" })
    .reply(401, {
      error: {
        code: 401,
        message: "The request you have made requires authentication.",
        title: "Unauthorized",
      },
    });
  const error = await issueToken(new Transport({ dispatcher: agent }), {
    authUrl: KEYSTONE,
    userName: "alice",
    password: "hunter2-secret",
    projectId: "p",
  }).catch((e) => e);
  expect(error.code).toBe("ERR_AUTH_FAILED");
  expect(error.message).toContain("POST https://keystone.example.com:5000/v3/auth/tokens → HTTP 401");
  expect(error.message).not.toContain("hunter2-secret");
});

test("missing settings are named with every place they can come from", async () => {
  const error = await issueToken(new Transport({ dispatcher: agent }), { userName: "alice" }).catch((e) => e);
  expect(error.code).toBe("ERR_MISSING_SETTING");
  expect(error.message).toContain("openstack:authUrl or OS_AUTH_URL");
});

test("auth URL with or without /v3", () => {
  expect(identityV3Url("https://k:5000")).toBe("https://k:5000/v3");
  expect(identityV3Url("https://k:5000/v3/")).toBe("https://k:5000/v3");
  expect(identityV3Url("https://k/identity")).toBe("https://k/identity/v3");
});

test("Glance URL rule: keep a URL ending in v2 or v2.N, else append /v2", () => {
  expect(glanceV2Url("https://g:9292/")).toBe("https://g:9292/v2");
  expect(glanceV2Url("https://g/image")).toBe("https://g/image/v2");
  expect(glanceV2Url("https://g/image/v2")).toBe("https://g/image/v2");
  expect(glanceV2Url("https://g/image/v2.15/")).toBe("https://g/image/v2.15");
  expect(glanceV2Url("https://g/v2x")).toBe("https://g/v2x/v2");
});

test("catalog lookup by interface and region name or id", () => {
  expect(imageEndpoint(CATALOG, {}).glanceUrl).toBe("https://glance.example.com:9292/v2");
  expect(imageEndpoint(CATALOG, { interface: "internalURL", region: "RegionOne" }).glanceUrl).toBe(
    "http://10.0.0.5:9292/v2",
  );
  expect(imageEndpoint(CATALOG, { region: "r2" }).glanceUrl).toBe("https://r2.example.com/image/v2.1");
  expect(() =>
    imageEndpoint(CATALOG, { region: "RegionNine", regionLabel: "the region given by OS_REGION_NAME" }),
  ).toThrow(
    /no public image endpoint in the region given by OS_REGION_NAME \(regions offered: RegionOne \(public\), RegionOne \(internal\), RegionTwo \(public\)\)/,
  );
  expect(() => imageEndpoint(CATALOG, { interface: "hunter2", interfaceFrom: "OS_INTERFACE" })).toThrow(
    "has no image endpoint of the interface given by OS_INTERFACE, which is not public, internal or admin",
  );
});

test("stack config wins over the environment, key by key; empty values count as unset", () => {
  const config = new Map([
    ["openstack:authUrl", "https://from-config/v3"],
    ["openstack:tenantName", "config-project"],
    ["openstack:region", ""],
    ["openstack:endpointOverrides", JSON.stringify({ image: "https://glance-override" })],
  ]);
  const settings = resolveSettings({
    config: { get: (k) => config.get(k) },
    env: {
      OS_AUTH_URL: "https://from-env/v3",
      OS_USERNAME: "envuser",
      OS_REGION_NAME: "EnvRegion",
      OS_TENANT_NAME: "x",
    },
    clouds: new CloudsFiles({ read: () => undefined }),
  });
  expect(settings).toMatchObject({
    authUrl: "https://from-config/v3",
    userName: "envuser",
    projectName: "config-project",
    region: "EnvRegion",
    imageEndpoint: "https://glance-override",
  });
});
