/** Fault injection and the request log of the local cloud. */
import { request } from "undici";
import { type LocalCloud, startLocalCloud } from "../../provider/testing";
import { http, login } from "./helpers";

/** A POST that gives up after `timeoutMs` without an answer, as a client's request timeout does. */
async function postGivingUp(url: string, token: string, json: unknown, timeoutMs = 150): Promise<string> {
  try {
    const res = await request(url, {
      method: "POST",
      headers: { "x-auth-token": token, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(json),
      headersTimeout: timeoutMs,
    });
    await res.body.text();
    return String(res.statusCode);
  } catch (e) {
    return (e as { code?: string }).code ?? "error";
  }
}

describe("local cloud: fault injection", () => {
  let cloud: LocalCloud;
  let token: string;
  let members: string;
  let imageId: string;
  const image = () => imageId;
  beforeAll(async () => {
    cloud = await startLocalCloud();
    token = (await login(cloud, "owner")).token;
    imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
    members = `${cloud.fixtures.imageUrl}/v2/images/${imageId}/members`;
  });
  afterEach(() => cloud.faults.clear());
  afterAll(() => cloud.close());

  test("status rule: Glance-style body and Retry-After, used up after `times`", async () => {
    cloud.faults.add({ method: "get", path: "/image/v2/images/", status: 503, retryAfter: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await http("GET", members, { token });
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("7");
      expect(res.headers["x-openstack-request-id"]).toMatch(/^req-/);
      expect(res.json).toEqual({
        message: "The server is currently unavailable. Please try again at a later time.<br /><br />\n\n\n",
        code: "503 Service Unavailable",
        title: "Service Unavailable",
      });
    }
    expect((await http("GET", members, { token })).status).toBe(200);
  });

  test("rules match method and path (prefix string or RegExp), in order", async () => {
    cloud.faults.add({ method: "POST", path: /\/members$/, status: 409, body: { custom: true } });
    cloud.faults.add({ path: "/v3/auth/tokens", status: 500 });
    expect((await http("GET", members, { token })).status).toBe(200); // method differs
    const posted = await http("POST", members, { token, json: { member: "x" } });
    expect(posted.status).toBe(409);
    expect(posted.json).toEqual({ custom: true });
    const auth = await http("POST", `${cloud.fixtures.authUrl}/auth/tokens`, { json: {} });
    expect(auth.status).toBe(500);
    expect(auth.json).toMatchObject({ error: { code: 500, title: "Internal Server Error" } });
  });

  test("reset destroys the connection without an answer", async () => {
    cloud.faults.add({ path: "/image/", reset: true });
    await expect(http("GET", members, { token })).rejects.toThrow();
    expect((await http("GET", members, { token })).status).toBe(200);
  });

  test("hang: no answer until the client gives up; with afterServing the work is done all the same", async () => {
    const ids = () => cloud.members(image()).map((m) => m.member_id);
    cloud.faults.add({ method: "POST", path: "/image/", hang: true });
    expect(await postGivingUp(members, token, { member: "hung" })).toBe("UND_ERR_HEADERS_TIMEOUT");
    expect(ids()).not.toContain("hung");
    cloud.faults.add({ method: "POST", path: "/image/", hang: true, afterServing: true });
    expect(await postGivingUp(members, token, { member: "served" })).toBe("UND_ERR_HEADERS_TIMEOUT");
    expect(ids()).toContain("served");
    expect(cloud.requests.slice(-2).map((r) => r.status)).toEqual([0, 0]);
  });

  test("hold: carried out only when released, after the client gave up; its answer is lost", async () => {
    const ids = () => cloud.members(image()).map((m) => m.member_id);
    cloud.faults.add({ method: "POST", path: "/image/", hold: true });
    cloud.faults.add({ method: "POST", path: "/image/", hold: true, reset: true });
    cloud.faults.add({ method: "POST", path: "/image/", hold: true, status: 504 });
    expect(await postGivingUp(members, token, { member: "late-1" })).toBe("UND_ERR_HEADERS_TIMEOUT");
    expect(await postGivingUp(members, token, { member: "late-2" })).toBe("UND_ERR_SOCKET");
    expect(await postGivingUp(members, token, { member: "late-3" })).toBe("504");
    expect(cloud.faults.held).toBe(3);
    // The client reads back at once: nothing there yet.
    const early = await http("GET", `${members}/late-1`, { token });
    expect(early.status).toBe(404);
    expect(ids()).not.toContain("late-1");

    expect(await cloud.faults.releaseHeld()).toBe(3);
    expect(cloud.faults.held).toBe(0);
    expect(ids()).toEqual(expect.arrayContaining(["late-1", "late-2", "late-3"]));
    expect((await http("GET", `${members}/late-1`, { token })).status).toBe(200);
    expect(await cloud.faults.releaseHeld()).toBe(0);
  });

  test("contradictory rules are refused", () => {
    expect(() => cloud.faults.add({ hang: true, status: 500 })).toThrow(RangeError);
    expect(() => cloud.faults.add({ hang: true, hold: true })).toThrow(RangeError);
    expect(() => cloud.faults.add({ hold: true, afterServing: true })).toThrow(RangeError);
  });

  test("latencyMs delays one request, setLatency every request", async () => {
    cloud.faults.add({ path: "/image/", latencyMs: 150 });
    let t0 = Date.now();
    expect((await http("GET", members, { token })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    t0 = Date.now();
    await http("GET", members, { token });
    expect(Date.now() - t0).toBeLessThan(140);

    cloud.faults.setLatency(100);
    t0 = Date.now();
    await Promise.all([http("GET", members, { token }), http("GET", `${cloud.url}/v3`)]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    cloud.faults.clear();
    t0 = Date.now();
    await http("GET", members, { token });
    expect(Date.now() - t0).toBeLessThan(90);
  });
});

describe("local cloud: request log", () => {
  test("every request is logged, faulted ones too, with service, region and token presence", async () => {
    const cloud = await startLocalCloud();
    try {
      const { token } = await login(cloud, "owner");
      const owner = cloud.fixtures.projects.owner.id;
      const one = cloud.createImage({ owner });
      const two = cloud.createImage({ owner, region: "RegionTwo" });
      cloud.faults.add({ path: `/region-two/image/v2/images/${two}`, reset: true });
      cloud.faults.add({ path: "/image/v2/images", status: 429, method: "DELETE" });
      await http("GET", `${cloud.url}/image/v2/images/${one}/members`, { token });
      await http("GET", `${cloud.url}/internal/image/v2/images/${one}/members`);
      await http("GET", `${cloud.url}/region-two/image/v2/images/${two}`, { token }).catch(() => undefined);
      await http("DELETE", `${cloud.url}/image/v2/images/${one}?x=1`, { token });
      await http("GET", `${cloud.url}/nowhere`);
      expect(cloud.requests).toEqual([
        {
          method: "POST",
          path: "/v3/auth/tokens",
          query: "",
          service: "identity",
          hasToken: false,
          status: 201,
        },
        {
          method: "GET",
          path: `/image/v2/images/${one}/members`,
          query: "",
          service: "image",
          region: "RegionOne",
          hasToken: true,
          status: 200,
        },
        {
          method: "GET",
          path: `/internal/image/v2/images/${one}/members`,
          query: "",
          service: "image",
          region: "RegionOne",
          hasToken: false,
          status: 401,
        },
        {
          method: "GET",
          path: `/region-two/image/v2/images/${two}`,
          query: "",
          service: "image",
          region: "RegionTwo",
          hasToken: true,
          status: 0,
        },
        {
          method: "DELETE",
          path: `/image/v2/images/${one}`,
          query: "x=1",
          service: "image",
          region: "RegionOne",
          hasToken: true,
          status: 429,
        },
        { method: "GET", path: "/nowhere", query: "", service: "other", hasToken: false, status: 404 },
      ]);
      const log = cloud.requests;
      cloud.clearRequests();
      expect(log).toBe(cloud.requests);
      expect(cloud.requests).toHaveLength(0);
    } finally {
      await cloud.close();
    }
  });

  test("requestLogLimit keeps the newest entries", async () => {
    const cloud = await startLocalCloud({ requestLogLimit: 10 });
    try {
      for (let i = 0; i < 25; i++) await http("GET", `${cloud.url}/v3?i=${i}`);
      expect(cloud.requests.length).toBeLessThanOrEqual(11);
      expect(cloud.requests.length).toBeGreaterThanOrEqual(10);
    } finally {
      await cloud.close();
    }
  });
});
