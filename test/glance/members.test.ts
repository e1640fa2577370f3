import { MockAgent } from "undici";
import { MembersApi } from "../../provider/glance/members";
import { ServiceClient, type Authorizer } from "../../provider/http/service-client";
import { Transport, type HttpRequest } from "../../provider/http/transport";
import { isImageMemberError, type HttpError } from "../../provider/errors";

const ORIGIN = "https://glance.example.com:9292";
const GLANCE = `${ORIGIN}/v2`;
const IMAGE = "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11";
const PROJECT = "b5a4d0c2e1f34e5f9d8c7b6a5f4e3d2c";
const MEMBER_JSON = {
  member_id: PROJECT,
  image_id: IMAGE,
  status: "pending",
  created_at: "2026-11-28T20:00:00Z",
  updated_at: "2026-11-28T20:00:00Z",
  schema: "/v2/schemas/member",
};
const JSON_HEADERS = { "content-type": "application/json", "x-openstack-request-id": "req-1234" };

const fixedToken: Authorizer = {
  authorize: async (req: HttpRequest) => ({ ...req, headers: { ...req.headers, "x-auth-token": "tok" } }),
  renew: async () => false,
};

let agent: MockAgent;
let api: MembersApi;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  const transport = new Transport({
    dispatcher: agent,
    sleep: async () => undefined,
    policy: { maxRetries: 2 },
  });
  api = new MembersApi(new ServiceClient(transport, fixedToken), GLANCE);
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

test("create POSTs {member} as JSON with the token and Accept header, and shapes the 200 answer", async () => {
  agent
    .get(ORIGIN)
    .intercept({
      method: "POST",
      path: `/v2/images/${IMAGE}/members`,
      headers: { "x-auth-token": "tok", accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({ member: PROJECT }),
    })
    .reply(200, MEMBER_JSON, { headers: JSON_HEADERS });

  await expect(api.create(IMAGE, PROJECT)).resolves.toEqual({
    imageId: IMAGE,
    memberId: PROJECT,
    status: "pending",
    createdAt: "2026-11-28T20:00:00Z",
    updatedAt: "2026-11-28T20:00:00Z",
    schema: "/v2/schemas/member",
  });
});

test("every path segment is percent-encoded", async () => {
  agent
    .get(ORIGIN)
    .intercept({ method: "GET", path: `/v2/images/${IMAGE}/members/t%C3%A9am%3Aa%40b%2Bc` })
    .reply(200, { ...MEMBER_JSON, member_id: "téam:a@b+c" }, { headers: JSON_HEADERS });
  await expect(api.get(IMAGE, "téam:a@b+c")).resolves.toMatchObject({ memberId: "téam:a@b+c" });
});

test.each([
  ".",
  "..",
  "...",
  "a/b",
  "a\\b",
  "a?b",
  "a#b",
  "%2e%2e",
  "a b",
  "\ud800",
  "p\u0000",
  "p\u202e",
  "",
])("member id %j is refused before any request (no interceptor, no network)", async (memberId) => {
  for (const call of [
    () => api.get(IMAGE, memberId),
    () => api.delete(IMAGE, memberId),
    () => api.create(IMAGE, memberId),
  ]) {
    const error = await call().catch((e) => e);
    expect(error).toMatchObject({ code: "ERR_INVALID_INPUT" });
    expect(error.message).toMatch(/^No request was sent: memberId /);
  }
});

test.each([
  [`${GLANCE}?x=1`, `${GLANCE}?x=***`],
  [`${GLANCE}#top`, `${GLANCE}#top`],
  ["https://user:secret@glance.example.com/v2?sig=abc", "https://glance.example.com/v2?sig=***"],
  ["not a url", "<invalid URL>"],
])(
  "a Glance base %j that would not keep the path added to it is refused before any request, printed as %j",
  async (base, printed) => {
    const elsewhere = new MembersApi(
      new ServiceClient(new Transport({ dispatcher: agent }), fixedToken),
      base,
    );
    for (const call of [
      () => elsewhere.get(IMAGE, PROJECT),
      () => elsewhere.delete(IMAGE, PROJECT),
      () => elsewhere.create(IMAGE, PROJECT),
      () => elsewhere.list(IMAGE),
    ]) {
      const error = await call().catch((e) => e);
      expect(error).toMatchObject({ code: "ERR_INVALID_INPUT" });
      expect(error.message).toBe(
        `No request was sent: the Glance URL ${printed} cannot take a request path. ` +
          "Give the image endpoint as an http or https URL without a query or a fragment.",
      );
    }
  },
);

test("a base path the parser encodes is kept as it encodes it, and the ids after it as written", async () => {
  const spaced = new MembersApi(
    new ServiceClient(new Transport({ dispatcher: agent }), fixedToken),
    `${ORIGIN}/image service/v2/`,
  );
  agent
    .get(ORIGIN)
    .intercept({ method: "DELETE", path: `/image%20service/v2/images/${IMAGE}/members/a~b*c'(d)!` })
    .reply(204, "");
  await expect(spaced.delete(IMAGE, "a~b*c'(d)!")).resolves.toBeUndefined();
});
test("get, list and update status use GET, GET and PUT with a {status} body", async () => {
  const pool = agent.get(ORIGIN);
  pool.intercept({ method: "GET", path: `/v2/images/${IMAGE}/members/${PROJECT}` }).reply(200, MEMBER_JSON);
  pool
    .intercept({ method: "GET", path: `/v2/images/${IMAGE}/members` })
    .reply(200, { members: [MEMBER_JSON], schema: "/v2/schemas/members" });
  pool
    .intercept({
      method: "PUT",
      path: `/v2/images/${IMAGE}/members/${PROJECT}`,
      body: JSON.stringify({ status: "accepted" }),
    })
    .reply(200, { ...MEMBER_JSON, status: "accepted" });

  expect((await api.get(IMAGE, PROJECT)).status).toBe("pending");
  expect((await api.list(IMAGE)).map((m) => m.memberId)).toEqual([PROJECT]);
  expect((await api.updateStatus(IMAGE, PROJECT, "accepted")).status).toBe("accepted");
});

test("delete expects 204 with no body", async () => {
  agent
    .get(ORIGIN)
    .intercept({ method: "DELETE", path: `/v2/images/${IMAGE}/members/${PROJECT}` })
    .reply(204, "");
  await expect(api.delete(IMAGE, PROJECT)).resolves.toBeUndefined();
});

test("a 404 becomes ERR_NOT_FOUND with method, URL, status, Glance's message without <br /> padding, and request id", async () => {
  agent
    .get(ORIGIN)
    .intercept({ method: "DELETE", path: `/v2/images/${IMAGE}/members/${PROJECT}` })
    .reply(
      404,
      {
        message: `${PROJECT} not found in the member list of the image ${IMAGE}.<br /><br />\n\n\n`,
        code: "404 Not Found",
        title: "Not Found",
      },
      { headers: JSON_HEADERS },
    );
  const error = (await api.delete(IMAGE, PROJECT).catch((e) => e)) as HttpError;
  expect(isImageMemberError(error, "ERR_NOT_FOUND")).toBe(true);
  expect(error).toMatchObject({
    method: "DELETE",
    url: `${GLANCE}/images/${IMAGE}/members/${PROJECT}`,
    status: 404,
    serverMessage: `${PROJECT} not found in the member list of the image ${IMAGE}.`,
    requestId: "req-1234",
  });
  expect(error.message).not.toMatch(/<br|\n/);
});

test("a first-attempt 409 is ERR_CONFLICT naming the existing share", async () => {
  agent
    .get(ORIGIN)
    .intercept({ method: "POST", path: `/v2/images/${IMAGE}/members` })
    .reply(
      409,
      { message: `Member ${PROJECT} is duplicated for image ${IMAGE}<br /><br />` },
      { headers: JSON_HEADERS },
    );
  const error = (await api.create(IMAGE, PROJECT).catch((e) => e)) as HttpError;
  expect(error.code).toBe("ERR_CONFLICT");
  expect(error.message).toContain(`Member ${PROJECT} is duplicated for image ${IMAGE}`);
});

test.each([429, 500, 503])(
  "a POST refused with %i and retried into a 409 met a share that was there before: ERR_CONFLICT, no read-back",
  async (status) => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ method: "POST", path: `/v2/images/${IMAGE}/members` }).reply(status, "busy");
    pool
      .intercept({ method: "POST", path: `/v2/images/${IMAGE}/members` })
      .reply(409, { message: "duplicated" });
    const error = await api.create(IMAGE, PROJECT).catch((e) => e);
    expect(error).toMatchObject({ code: "ERR_CONFLICT", status: 409 });
    expect(error.message).toContain("after 2 attempts");
  },
);

test.each([502, 504])(
  "a POST answered %i by a gateway (the server behind may have acted) and retried into a 409 reads the member back",
  async (status) => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ method: "POST", path: `/v2/images/${IMAGE}/members` }).reply(status, "gateway");
    pool
      .intercept({ method: "POST", path: `/v2/images/${IMAGE}/members` })
      .reply(409, { message: "duplicated" });
    pool.intercept({ method: "GET", path: `/v2/images/${IMAGE}/members/${PROJECT}` }).reply(200, MEMBER_JSON);
    await expect(api.create(IMAGE, PROJECT)).resolves.toMatchObject({ memberId: PROJECT, status: "pending" });
  },
);

test("a POST whose connection broke after sending, then a 401 renewal, then a 409: still ours, read back", async () => {
  let renewals = 0;
  const renewing: Authorizer = {
    authorize: async (req: HttpRequest) => ({
      ...req,
      headers: { ...req.headers, "x-auth-token": `tok${renewals}` },
    }),
    renew: async () => ++renewals === 1,
  };
  const transport = new Transport({
    dispatcher: agent,
    sleep: async () => undefined,
    policy: { maxRetries: 2 },
  });
  const renewingApi = new MembersApi(new ServiceClient(transport, renewing), GLANCE);
  const pool = agent.get(ORIGIN);
  pool
    .intercept({ method: "POST", path: `/v2/images/${IMAGE}/members` })
    .replyWithError(Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }));
  pool.intercept({ method: "POST", path: `/v2/images/${IMAGE}/members` }).reply(401, { message: "expired" });
  pool
    .intercept({ method: "POST", path: `/v2/images/${IMAGE}/members`, headers: { "x-auth-token": "tok1" } })
    .reply(409, { message: "duplicated" });
  pool.intercept({ method: "GET", path: `/v2/images/${IMAGE}/members/${PROJECT}` }).reply(200, MEMBER_JSON);
  await expect(renewingApi.create(IMAGE, PROJECT)).resolves.toMatchObject({ memberId: PROJECT });
});

test("a POST refused before sending (connection refused) and retried into a 409 is not ours", async () => {
  const pool = agent.get(ORIGIN);
  pool
    .intercept({ method: "POST", path: `/v2/images/${IMAGE}/members` })
    .replyWithError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
  pool
    .intercept({ method: "POST", path: `/v2/images/${IMAGE}/members` })
    .reply(409, { message: "duplicated" });
  await expect(api.create(IMAGE, PROJECT)).rejects.toMatchObject({ code: "ERR_CONFLICT" });
});

test("IMS error bodies give their code and message", async () => {
  agent
    .get(ORIGIN)
    .intercept({ method: "GET", path: `/v2/images/${IMAGE}/members/${PROJECT}` })
    .reply(
      404,
      { error: { code: "IMG.0024", message: "The image does not exist." } },
      {
        headers: { "x-request-id": "ims-req-9" },
      },
    );
  const error = (await api.get(IMAGE, PROJECT).catch((e) => e)) as HttpError;
  expect(error).toMatchObject({
    status: 404,
    serverMessage: "IMG.0024: The image does not exist.",
    requestId: "ims-req-9",
  });
});

test("an answer that is not a member is reported, not passed on", async () => {
  agent
    .get(ORIGIN)
    .intercept({ method: "GET", path: `/v2/images/${IMAGE}/members/${PROJECT}` })
    .reply(200, "<html/>");
  await expect(api.get(IMAGE, PROJECT)).rejects.toThrow(/not a JSON object/);
});
