/**
 * Huawei Cloud AK/SK: the SDK-HMAC-SHA256 signature (the Go SDK's own test vectors), what is
 * signed on the wire, and the IMS endpoint and project an AK/SK resolves to.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { MembersApi } from "../../provider/glance/members";
import {
  canonicalRequest,
  sdkDate,
  signRequest,
  strictEncode,
  type RequestToSign,
} from "../../provider/http/sdk-hmac-sha256";
import { ProviderContext } from "../../provider/auth/provider-context";

// huaweicloud-sdk-go-v3 core/auth/signer/signer_test.go, as quoted in the reference notes
const IMG = "6f1c9a52-3b7e-4d0a-9e21-8c4b5a7d2f10";
const GO_SDK_VECTORS: { name: string; request: RequestToSign; signature: string }[] = [
  {
    name: "GET with a query and an unsigned underscore header",
    request: {
      method: "GET",
      url: "https://example.huaweicloud.com/path?limit=1",
      headers: { "X-Sdk-Date": "20060102T150405Z", TEST_UNDERSCORE: "value" },
      body: "",
    },
    signature: "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
  },
  {
    name: "POST with a JSON body (content-type is not signed)",
    request: {
      method: "POST",
      url: "https://example.huaweicloud.com/path?key=value",
      headers: { "X-Sdk-Date": "20060102T150405Z", "Content-Type": "application/json" },
      body: '{"Name":"test","Id":1}\n',
    },
    signature: "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
  },
];
const KEY = { accessKey: "AccessKey", secretKey: "SecretKey" };

describe("SDK-HMAC-SHA256", () => {
  test.each(GO_SDK_VECTORS)("reproduces the Go SDK vector: $name", ({ request, signature }) => {
    const signed = signRequest(request, KEY);
    expect(signed.signature).toBe(signature);
    expect(signed.signedHeaders).toBe("x-sdk-date");
    expect(signed.authorization).toBe(
      `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=${signature}`,
    );
  });

  test("X-Sdk-Date is UTC YYYYMMDDTHHMMSSZ", () => {
    expect(sdkDate(new Date(Date.UTC(2006, 0, 2, 15, 4, 5, 999)))).toBe("20060102T150405Z");
  });

  test("strict encoding keeps only A-Za-z0-9-_.~", () => {
    expect(strictEncode("a b!'()*~._-/é")).toBe("a%20b%21%27%28%29%2A~._-%2F%C3%A9");
  });

  test("canonical URI re-encodes segments and ends in /; query is sorted by key then value", () => {
    const canonical = canonicalRequest({
      method: "get",
      url: "https://h/v2/images/a%20b(c)/members?b=2&a=1&a=0&e=x%2By",
      headers: { "x-sdk-date": "20060102T150405Z", Host: " h " },
      body: "",
    });
    expect(canonical.split("\n").slice(0, 6)).toEqual([
      "GET",
      "/v2/images/a%20b%28c%29/members/",
      "a=0&a=1&b=2&e=x%2By",
      "host:h",
      "x-sdk-date:20060102T150405Z",
      "",
    ]);
  });
});

/**
 * An IMS stand-in that checks each request's signature from what actually arrived: the headers
 * it lists as signed, the Host and path as received, and the raw body.
 */
class SignatureCheckingIms {
  readonly seen: { method: string; signedHeaders: string; headers: IncomingMessage["headers"] }[] = [];
  private server?: Server;
  url = "";

  constructor(private readonly secretKey: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const auth = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(
          String(req.headers.authorization),
        );
        const signedHeaders = auth?.[2] ?? "";
        const headers = Object.fromEntries(
          signedHeaders.split(";").map((n) => [n, String(req.headers[n] ?? "")]),
        );
        const expected = signRequest(
          { method: req.method ?? "", url: `http://${req.headers.host}${req.url}`, headers, body },
          { accessKey: auth?.[1] ?? "", secretKey: this.secretKey },
        ).signature;
        this.seen.push({ method: req.method ?? "", signedHeaders, headers: req.headers });
        if (!auth || auth[3] !== expected) {
          res.writeHead(401, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              error_msg: "Incorrect IAM authentication information",
              error_code: "APIGW.0301",
            }),
          );
          return;
        }
        const member =
          (req.url ?? "").split("/").at(-1) === "members" ? JSON.parse(body).member : "p-consumer";
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            member_id: member,
            image_id: IMG,
            status: "pending",
            created_at: "2026-01-01T00:00:00Z",
            updated_at: "2026-01-01T00:00:00Z",
            schema: "/v2/schemas/member",
          }),
        );
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }
}

const HW_ENV = {
  HW_ACCESS_KEY: "AK-EXAMPLE",
  HW_SECRET_KEY: "sk-never-printed-123",
  HW_REGION_NAME: "cn-north-4",
  HW_PROJECT_ID: "0123456789abcdef0123456789abcdef",
};

function contextWith(env: NodeJS.ProcessEnv, config: Record<string, string> = {}) {
  const context = new ProviderContext({ env: () => env, policy: { baseDelayMs: 1, maxDelayMs: 2 } });
  context.configure({ get: (key) => config[key] });
  return context;
}

describe("AK/SK requests on the wire", () => {
  let ims: SignatureCheckingIms;
  beforeAll(async () => {
    ims = new SignatureCheckingIms(HW_ENV.HW_SECRET_KEY);
    await ims.start();
  });
  afterAll(() => ims.close());
  beforeEach(() => ims.seen.splice(0));

  test("HW_* settings sign every request: Host, date, project and security token are covered", async () => {
    const context = contextWith({ ...HW_ENV, HW_SECURITY_TOKEN: "temporary-token" });
    const service = await context.imageService({ endpoint: ims.url });
    expect(service.glanceUrl).toBe(`${ims.url}/v2`);
    expect(service.projectId).toBe(HW_ENV.HW_PROJECT_ID);
    const api = new MembersApi(service.client, service.glanceUrl);
    await expect(api.create(IMG, "p-consumer")).resolves.toMatchObject({ memberId: "p-consumer" });
    await expect(api.get(IMG, "p-consumer")).resolves.toMatchObject({ status: "pending" });
    expect(ims.seen.map((s) => `${s.method} ${s.signedHeaders}`)).toEqual([
      "POST host;x-project-id;x-sdk-date;x-security-token",
      "GET host;x-project-id;x-sdk-date;x-security-token",
    ]);
    expect(ims.seen[0].headers["x-project-id"]).toBe(HW_ENV.HW_PROJECT_ID);
    expect(ims.seen[0].headers["x-auth-token"]).toBeUndefined();
  });

  test("huaweicloud:* stack config wins over HW_*; a wrong key is one 401, not retried", async () => {
    const context = contextWith(HW_ENV, {
      "huaweicloud:accessKey": "AK-CONFIG",
      "huaweicloud:secretKey": "wrong-secret-456",
      "huaweicloud:projectId": "p-config",
    });
    const service = await context.imageService({ endpoint: ims.url });
    expect(service.projectId).toBe("p-config");
    const error = await new MembersApi(service.client, service.glanceUrl).get(IMG, "p").catch((e) => e);
    expect(error.code).toBe("ERR_UNAUTHORIZED");
    expect(error.message).toContain("APIGW.0301");
    expect(error.message).not.toContain("wrong-secret-456");
    expect(ims.seen).toHaveLength(1);
    expect(ims.seen[0].headers.authorization).toContain("Access=AK-CONFIG,");
  });
});

describe("AK/SK endpoint and project", () => {
  test("the IMS endpoint of the region, /v2 appended", async () => {
    const service = await contextWith(HW_ENV).imageService({});
    expect(service.glanceUrl).toBe("https://ims.cn-north-4.myhuaweicloud.com/v2");
    expect(service.projectId).toBe(HW_ENV.HW_PROJECT_ID);
    const other = await contextWith(HW_ENV).imageService({ region: "ap-southeast-1" });
    expect(other.glanceUrl).toBe("https://ims.ap-southeast-1.myhuaweicloud.com/v2");
  });

  test("a region or cloud domain that makes no host name is refused, naming where it came from", async () => {
    for (const [env, target, from] of [
      [{ ...HW_ENV, HW_REGION_NAME: "cn-north-4/evil@x" }, {}, "region (from HW_REGION_NAME)"],
      [{ ...HW_ENV, HW_CLOUD: "example.cloud#frag" }, {}, "Huawei Cloud domain (from HW_CLOUD)"],
      [HW_ENV, { region: "a b" }, "region (from the resource's region input)"],
    ] as const) {
      const error = await contextWith(env)
        .imageService(target)
        .catch((e) => e);
      expect(error).toMatchObject({ code: "ERR_INVALID_SETTING", message: expect.stringContaining(from) });
    }
  });

  test("eu-west-101 is on myhuaweicloud.eu; HW_CLOUD or huaweicloud:cloud names another domain", async () => {
    const eu = await contextWith({ ...HW_ENV, HW_REGION_NAME: "eu-west-101" }).imageService({});
    expect(eu.glanceUrl).toBe("https://ims.eu-west-101.myhuaweicloud.eu/v2");
    const env = { ...HW_ENV, HW_CLOUD: "example.cloud" };
    expect((await contextWith(env).imageService({})).glanceUrl).toBe(
      "https://ims.cn-north-4.example.cloud/v2",
    );
    const config = { "huaweicloud:cloud": "other.cloud" };
    expect((await contextWith(env, config).imageService({})).glanceUrl).toBe(
      "https://ims.cn-north-4.other.cloud/v2",
    );
  });

  test("huaweicloud:endpoints ims overrides the endpoint", async () => {
    const config = { "huaweicloud:endpoints": JSON.stringify({ ims: "https://ims.internal.example/" }) };
    expect((await contextWith(HW_ENV, config).imageService({})).glanceUrl).toBe(
      "https://ims.internal.example/v2",
    );
  });

  test("a missing project id is named with every place it can come from; no secret echoed", async () => {
    const env: NodeJS.ProcessEnv = { ...HW_ENV };
    delete env.HW_PROJECT_ID;
    const error = await contextWith(env)
      .imageService({})
      .catch((e) => e);
    expect(error.code).toBe("ERR_MISSING_SETTING");
    expect(error.message).toContain("Missing setting projectId for AK/SK signing");
    expect(error.message).toContain("openstack:tenantId or OS_PROJECT_ID or OS_TENANT_ID");
    expect(error.message).toContain("huaweicloud:projectId or HW_PROJECT_ID");
    expect(error.message).not.toContain(HW_ENV.HW_SECRET_KEY);
  });

  test("an access key without its secret key is named", async () => {
    const error = await contextWith({ HW_ACCESS_KEY: "AK", HW_REGION_NAME: "cn-north-4", HW_PROJECT_ID: "p" })
      .imageService({})
      .catch((e) => e);
    expect(error.code).toBe("ERR_MISSING_SETTING");
    expect(error.message).toContain(
      "Missing setting secretKey with the access key. Set huaweicloud:secretKey or HW_SECRET_KEY.",
    );
  });
});
