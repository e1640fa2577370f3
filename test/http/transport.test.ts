import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { MockAgent } from "undici";
import { Transport, unexpectedStatus, type HttpResponse } from "../../provider/http/transport";
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter } from "../../provider/http/retry-policy";

const ORIGIN = "https://glance.example.com";
const URL_ = `${ORIGIN}/v2/images/x/members`;

let agent: MockAgent;
let slept: number[];

function transport(policy = {}) {
  return new Transport({
    dispatcher: agent,
    policy: { baseDelayMs: 100, maxDelayMs: 1000, ...policy },
    sleep: async (ms) => void slept.push(ms),
    random: () => 0.5,
  });
}

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  slept = [];
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

test.each([429, 500, 502, 503, 504])(
  "retries a %i with exponential backoff and jitter until it succeeds",
  async (status) => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ method: "GET", path: "/v2/images/x/members" }).reply(status, "busy").times(2);
    pool.intercept({ method: "GET", path: "/v2/images/x/members" }).reply(200, "{}");
    const res = await transport().send({ method: "GET", url: URL_ });
    expect(res).toMatchObject({ status: 200, attempts: 3 });
    expect(slept).toEqual([75, 150]);
  },
);

test("honours Retry-After in seconds", async () => {
  const pool = agent.get(ORIGIN);
  pool
    .intercept({ method: "DELETE", path: "/v2/images/x/members" })
    .reply(429, "slow down", { headers: { "retry-after": "3" } });
  pool.intercept({ method: "DELETE", path: "/v2/images/x/members" }).reply(204, "");
  await transport().send({ method: "DELETE", url: URL_ });
  expect(slept).toEqual([3000]);
});

test("stops after maxRetries and returns the last answer", async () => {
  agent.get(ORIGIN).intercept({ method: "PUT", path: "/v2/images/x/members" }).reply(503, "down").times(3);
  const res = await transport({ maxRetries: 2 }).send({
    method: "PUT",
    url: URL_,
    body: { status: "accepted" },
  });
  expect(res).toMatchObject({ status: 503, attempts: 3 });
  expect(slept).toHaveLength(2);
});

test("stops when the next wait would pass maxRetryTimeMs", async () => {
  agent
    .get(ORIGIN)
    .intercept({ method: "GET", path: "/v2/images/x/members" })
    .reply(503, "down", {
      headers: { "retry-after": "120" },
    });
  const res = await transport({ maxRetryTimeMs: 60_000 }).send({ method: "GET", url: URL_ });
  expect(res.attempts).toBe(1);
  expect(slept).toEqual([]);
});

test("does not retry statuses that waiting cannot cure", async () => {
  agent.get(ORIGIN).intercept({ method: "POST", path: "/v2/images/x/members" }).reply(400, "bad");
  const res = await transport().send({ method: "POST", url: URL_, body: { member: "p" } });
  expect(res).toMatchObject({ status: 400, attempts: 1 });
});

test("retries connection failures, then reports ERR_NETWORK without credentials in the URL", async () => {
  agent
    .get("https://glance.example.com")
    .intercept({ method: "GET", path: "/v2/images/x/members?sig=secret" })
    .replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))
    .times(3);
  const error = await transport({ maxRetries: 2 })
    .send({ method: "GET", url: "https://user:pw@glance.example.com/v2/images/x/members?sig=secret" })
    .catch((e) => e);
  expect(error.code).toBe("ERR_NETWORK");
  expect(error.message).toContain("GET https://glance.example.com/v2/images/x/members?sig=***");
  expect(error.message).not.toMatch(/pw|secret/);
  expect(slept).toHaveLength(2);
});

test.each([
  ["ECONNRESET", true],
  ["UND_ERR_SOCKET", true],
  ["ECONNREFUSED", false],
  ["ENOTFOUND", false],
])("a connection failure %s: the request may have been carried out: %s", async (code, unknown) => {
  agent
    .get(ORIGIN)
    .intercept({ method: "POST", path: "/v2/images/x/members" })
    .replyWithError(Object.assign(new Error(code), { code }));
  const error = await transport({ maxRetries: 0 })
    .send({ method: "POST", url: URL_, body: { member: "p" } })
    .catch((e) => e);
  expect(error).toMatchObject({ code: "ERR_NETWORK", outcomeUnknown: unknown });
});

test("a refused connection after a reset still may have been carried out (the reset's)", async () => {
  const pool = agent.get(ORIGIN);
  const fail = (code: string) => Object.assign(new Error(code), { code });
  pool.intercept({ method: "POST", path: "/v2/images/x/members" }).replyWithError(fail("ECONNRESET"));
  pool.intercept({ method: "POST", path: "/v2/images/x/members" }).replyWithError(fail("ECONNREFUSED"));
  const error = await transport({ maxRetries: 1 })
    .send({ method: "POST", url: URL_, body: { member: "p" } })
    .catch((e) => e);
  expect(error).toMatchObject({ code: "ERR_NETWORK", outcomeUnknown: true });
});

test.each([
  [503, false, false],
  [500, false, false],
  [504, false, true],
  [502, false, true],
  [503, true, true],
])(
  "an unexpected %i (earlier attempts unknown: %s) may have been carried out: %s",
  (status, earlier, unknown) => {
    const res: HttpResponse = { status, headers: {}, text: "", attempts: 2, earlierOutcomeUnknown: earlier };
    expect(unexpectedStatus({ method: "POST", url: URL_ }, res)).toMatchObject({
      status,
      outcomeUnknown: unknown,
    });
  },
);

test.each(["not a url", "ftp://glance.example.com/v2/images"])(
  "%s is refused before anything is sent: ERR_NETWORK (UND_ERR_INVALID_ARG)",
  async (url) => {
    const error = await transport({ maxRetries: 2 })
      .send({ method: "GET", url })
      .catch((e) => e);
    expect(error.code).toBe("ERR_NETWORK");
    expect(error.message).toContain("UND_ERR_INVALID_ARG");
  },
);

test("sends the path and query exactly as given, to the URL's origin", async () => {
  agent
    .get(ORIGIN)
    .intercept({ method: "GET", path: "/v2/images/x/members/t%C3%A9am?marker=a%2Fb" })
    .reply(200, "{}");
  const res = await transport().send({ method: "GET", url: `${URL_}/t%C3%A9am?marker=a%2Fb` });
  expect(res.status).toBe(200);
});

describe("against a real server on 127.0.0.1", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test("a request that gets no answer in time fails with ERR_TIMEOUT", async () => {
    const t = new Transport({ policy: { requestTimeoutMs: 200, maxRetries: 0 } });
    const error = await t.send({ method: "GET", url: `${base}/v2/images` }).catch((e) => e);
    expect(error).toMatchObject({ code: "ERR_TIMEOUT", outcomeUnknown: true });
    expect(error.message).toContain(`GET ${base}/v2/images`);
  });
});

test("backoff doubles up to its cap, and Retry-After accepts seconds and HTTP dates", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 500 };
  expect([0, 1, 2, 3, 4].map((n) => backoffDelay(policy, n, () => 1))).toEqual([100, 200, 400, 500, 500]);
  expect(backoffDelay(policy, 0, () => 0)).toBe(50);
  expect(parseRetryAfter("2")).toBe(2000);
  expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
  expect(parseRetryAfter("soon")).toBeUndefined();
});
