/**
 * How the places combine: key by key in the table's order, alternatives together, a resource's
 * own cloud alone; and the errors that name what is missing and where it can be set.
 */
import { MockAgent } from "undici";
import { stringify } from "yaml";
import { CloudsFiles } from "../../provider/auth/clouds-files";
import { resolveSettings } from "../../provider/auth/resolve-settings";
import { ProviderContext } from "../../provider/auth/provider-context";

const FILE = "/etc/openstack/clouds.yaml";

function resolveWith(options: {
  config?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  clouds?: Record<string, unknown>;
  resourceCloud?: string;
}) {
  const text = stringify({ clouds: options.clouds ?? {} });
  return resolveSettings({
    config: { get: (key) => options.config?.[key] },
    env: { HOME: "/nonexistent", ...options.env },
    resourceCloud: options.resourceCloud,
    clouds: new CloudsFiles({
      read: (path) => (path === FILE ? text : undefined),
      cwd: () => "/nonexistent",
    }),
  });
}

describe("key by key: stack config, then the clouds.yaml entry, then the environment", () => {
  test("each setting from the first place that has it", () => {
    const settings = resolveWith({
      config: { "openstack:authUrl": "https://config", "openstack:cloud": "c" },
      clouds: {
        c: { auth: { auth_url: "https://entry", username: "entry-user" }, region_name: "EntryRegion" },
      },
      env: {
        OS_AUTH_URL: "https://env",
        OS_USERNAME: "env-user",
        OS_REGION_NAME: "EnvRegion",
        OS_INTERFACE: "internal",
      },
    });
    expect(settings).toMatchObject({
      authUrl: "https://config",
      userName: "entry-user",
      region: "EntryRegion",
      endpointType: "internal",
    });
  });

  test("openstack:cloud names the entry over OS_CLOUD", () => {
    const clouds = { a: { region_name: "A" }, b: { region_name: "B" } };
    expect(resolveWith({ clouds, env: { OS_CLOUD: "a" } }).region).toBe("A");
    expect(resolveWith({ clouds, env: { OS_CLOUD: "a" }, config: { "openstack:cloud": "b" } }).region).toBe(
      "B",
    );
  });

  test("region_name over regions; verify: false beats cacert; an explicit verify beats OS_INSECURE", () => {
    const clouds = {
      a: { regions: [{ name: "First" }, "Second"], verify: false, cacert: "/missing/ca.pem" },
      b: { region_name: "Named", regions: ["First"], verify: true },
    };
    const a = resolveWith({ clouds, env: { OS_CLOUD: "a", OS_CACERT: "/env/ca.pem" } });
    expect(a).toMatchObject({ region: "First", insecure: true });
    expect(a.cacertFile).toBe("/env/ca.pem"); // not the entry's; unused anyway while insecure
    const b = resolveWith({ clouds, env: { OS_CLOUD: "b", OS_INSECURE: "true" } });
    expect(b).toMatchObject({ region: "Named", insecure: false });
  });
});

describe("alternatives come together from one place", () => {
  test("the entry's project name is not overridden by a stray OS_PROJECT_ID", () => {
    const settings = resolveWith({
      clouds: { c: { auth: { project_name: "owner", project_domain_name: "Default" } } },
      env: { OS_CLOUD: "c", OS_PROJECT_ID: "stray-id", OS_PROJECT_DOMAIN_ID: "stray-domain" },
    });
    expect(settings.projectName).toBe("owner");
    expect(settings.projectId).toBeUndefined();
    expect(settings.projectDomainName).toBe("Default");
    expect(settings.projectDomainId).toBeUndefined();
  });

  test("the entry's password login is not replaced by an OS_TOKEN in the shell", () => {
    const settings = resolveWith({
      clouds: { c: { auth: { username: "alice", password: "pw" } } },
      env: { OS_CLOUD: "c", OS_TOKEN: "stray-token", OS_APPLICATION_CREDENTIAL_SECRET: "stray" },
    });
    expect(settings.password).toBe("pw");
    expect(settings.token).toBeUndefined();
    expect(settings.applicationCredentialSecret).toBeUndefined();
  });

  test("a user id in stack config drops the user name of the environment; a password in stack config fills the entry", () => {
    const settings = resolveWith({
      config: { "openstack:userId": "u-1", "openstack:password": "from-config" },
      clouds: { c: { auth: { auth_url: "https://k", project_id: "p" } } },
      env: { OS_CLOUD: "c", OS_USERNAME: "env-user", OS_USER_DOMAIN_NAME: "D" },
    });
    expect(settings).toMatchObject({
      userId: "u-1",
      password: "from-config",
      authUrl: "https://k",
      projectId: "p",
    });
    expect(settings.userName).toBeUndefined();
    expect(settings.userDomainName).toBe("D");
  });

  test("a client certificate and its key come from the same place", () => {
    const settings = resolveWith({
      config: { "openstack:cert": "/c.pem" },
      env: { OS_CERT: "/e.pem", OS_KEY: "/e.key" },
    });
    expect(settings.cert).toBe("/c.pem");
    expect(settings.key).toBeUndefined();
  });
});

describe("a resource's own cloud", () => {
  const clouds = { consumer: { auth: { auth_url: "https://k", username: "bob", user_domain_name: "D" } } };
  const config = {
    "openstack:password": "owner-password",
    "openstack:endpointOverrides": JSON.stringify({ image: "https://owner-glance" }),
    "openstack:maxRetries": "2",
    "openstack:cacertFile": "/owner-ca.pem",
  };

  test("takes nothing of the identity, endpoint or TLS from stack config or the environment", () => {
    const settings = resolveWith({
      config,
      clouds,
      resourceCloud: "consumer",
      env: { OS_PASSWORD: "env-password", OS_PROJECT_NAME: "p", OS_INSECURE: "true", OS_CLOUD: "other" },
    });
    expect(settings).toEqual({
      cloud: "consumer",
      authUrl: "https://k",
      userName: "bob",
      userDomainName: "D",
      maxRetries: 2,
      origin: expect.objectContaining({ resourceCloud: { name: "consumer", file: FILE } }),
    });
  });
});

describe("values that cannot be used", () => {
  test("malformed openstack:endpointOverrides is ERR_INVALID_SETTING, not ignored", () => {
    const error = (() => {
      try {
        resolveWith({ config: { "openstack:endpointOverrides": "{image: https://x" } });
      } catch (e) {
        return e as { code: string; message: string };
      }
    })();
    expect(error?.code).toBe("ERR_INVALID_SETTING");
    expect(error?.message).toContain("openstack:endpointOverrides must be a map of service type to URL");
    expect(() => resolveWith({ config: { "openstack:endpointOverrides": '{"image": 5}' } })).toThrow(
      "openstack:endpointOverrides.image must be a URL string.",
    );
    expect(
      resolveWith({ config: { "openstack:endpointOverrides": '{"compute": "x"}' } }).imageEndpoint,
    ).toBeUndefined();
  });

  test("insecure and maxRetries name where the bad value came from, never the value", () => {
    expect(() => resolveWith({ env: { OS_INSECURE: "maybe" } })).toThrow(
      /^insecure \(from OS_INSECURE\) must be true or false \(1\/0, yes\/no and on\/off too\)\.$/,
    );
    expect(() => resolveWith({ config: { "huaweicloud:maxRetries": "many" } })).toThrow(
      /^maxRetries \(from huaweicloud:maxRetries\) must be a whole number\.$/,
    );
    expect(resolveWith({ env: { OS_INSECURE: "1" } }).insecure).toBe(true);
  });
});

describe("errors name every place a missing setting can come from", () => {
  const context = (env: NodeJS.ProcessEnv, clouds: Record<string, unknown> = {}) => {
    const text = stringify({ clouds });
    return new ProviderContext({
      env: () => ({ HOME: "/nonexistent", ...env }),
      clouds: { read: (path) => (path === FILE ? text : undefined), cwd: () => "/nonexistent" },
    });
  };
  // Settings are resolved (and bad ones refused) when a hook first asks for the service.
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => ({}) as never,
      (e) => e,
    );

  test("nothing configured", async () => {
    const error = await failure(context({}).imageService({}));
    expect(error.code).toBe("ERR_MISSING_SETTING");
    expect(error.message).toContain("No cloud credentials are configured.");
    expect(error.message).toContain("Set openstack:authUrl or OS_AUTH_URL");
    expect(error.message).toContain(
      "or name a cloud of your clouds.yaml (a resource's cloud input, openstack:cloud or OS_CLOUD)",
    );
    expect(error.message).toContain("HW_ACCESS_KEY");
  });

  test("credentials without an auth URL", async () => {
    const error = await failure(context({ OS_USERNAME: "u", OS_PASSWORD: "secret-pw-1" }).imageService({}));
    expect(error.message).toBe(
      "Missing setting authUrl: where to authenticate. Set openstack:authUrl or OS_AUTH_URL (Huawei Cloud: huaweicloud:authUrl or HW_AUTH_URL), or auth.auth_url in the clouds.yaml entry named by a resource's cloud input, openstack:cloud or OS_CLOUD.",
    );
  });

  test("a resource's cloud without auth_url names the entry and its file", async () => {
    const error = await failure(
      context({}, { mine: { auth: { username: "u" } } }).imageService({ cloud: "mine" }),
    );
    expect(error.message).toBe(
      `clouds.yaml entry "mine" (${FILE}) has no auth.auth_url. Add auth.auth_url to the entry: the resource names cloud "mine", so nothing else is read for it.`,
    );
  });

  test("a user without a password", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const ctx = new ProviderContext({
      env: () => ({ OS_AUTH_URL: "https://k", OS_USERNAME: "u", OS_AUTH_TYPE: "password" }),
      dispatcher: agent,
    });
    const error = await failure(ctx.imageService({}));
    expect(error.message).toContain(
      "Missing setting password with a user name or id. Set openstack:password or OS_PASSWORD",
    );
    await agent.close();
  });

  test("an auth_type this package does not support", async () => {
    // Refused as the settings are resolved, before any request.
    const error = await failure(
      Promise.resolve().then(() =>
        context(
          { OS_CLOUD: "c" },
          { c: { auth_type: "v3oidcpassword", auth: { auth_url: "https://k" } } },
        ).imageService({}),
      ),
    );
    expect(error.code).toBe("ERR_INVALID_SETTING");
    expect(error.message).toBe(
      `The auth_type (from auth_type of clouds.yaml entry "c" (${FILE})) is not one this package supports. Use password, token or v3applicationcredential (their v3 spellings too).`,
    );
  });

  test("an auth_type named like a prototype property is no auth type", async () => {
    for (const authType of ["constructor", "toString", "__proto__"]) {
      const error = await failure(
        Promise.resolve().then(() =>
          context(
            { OS_CLOUD: "c" },
            { c: { auth_type: authType, auth: { auth_url: "https://k" } } },
          ).imageService({}),
        ),
      );
      expect(error.code).toBe("ERR_INVALID_SETTING");
      expect(error.message).toContain(
        "is not one this package supports. Use password, token or v3applicationcredential",
      );
    }
  });

  test("a bare token without an endpoint", async () => {
    const error = await failure(context({ OS_TOKEN: "t" }).imageService({}));
    expect(error.message).toContain("A bare token needs the image endpoint it is for.");
    expect(error.message).toContain('openstack:endpointOverrides (its "image" entry) or OS_IMAGE_ENDPOINT');
  });
});

describe("Huawei Cloud IAM (Keystone v3) with HW_* settings", () => {
  test("the IAM URL of the region is the default auth URL; the account is the user's and project's domain", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get("https://iam.cn-north-4.myhuaweicloud.com")
      .intercept({
        method: "POST",
        path: "/v3/auth/tokens",
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ["password"],
              password: { user: { name: "iam-user", domain: { name: "my-account" }, password: "pw" } },
            },
            scope: { project: { name: "cn-north-4", domain: { name: "my-account" } } },
          },
        }),
      })
      .reply(
        201,
        {
          token: {
            expires_at: "2099-01-01T00:00:00.000000Z",
            project: { id: "p-hw", name: "cn-north-4" },
            catalog: [
              {
                type: "image",
                endpoints: [
                  {
                    interface: "public",
                    region: "cn-north-4",
                    url: "https://ims.cn-north-4.myhuaweicloud.com",
                  },
                ],
              },
            ],
          },
        },
        { headers: { "x-subject-token": "hw-token" } },
      );
    const env = {
      HW_USER_NAME: "iam-user",
      HW_USER_PASSWORD: "pw",
      HW_DOMAIN_NAME: "my-account",
      HW_PROJECT_NAME: "cn-north-4",
      HW_REGION_NAME: "cn-north-4",
    };
    const ctx = new ProviderContext({ env: () => env, dispatcher: agent });
    expect(ctx.settings().origin?.from.authUrl).toBe(
      "the Huawei Cloud IAM of the region (from HW_REGION_NAME)",
    );
    const service = await ctx.imageService({});
    expect(service).toMatchObject({
      glanceUrl: "https://ims.cn-north-4.myhuaweicloud.com/v2",
      projectId: "p-hw",
    });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  test("no IAM default for OpenStack credentials, even with HW_REGION_NAME set", () => {
    expect(resolveWith({ env: { OS_PASSWORD: "pw", HW_REGION_NAME: "cn-north-4" } }).authUrl).toBeUndefined();
  });
});
