/**
 * The line a user reads when Glance fails, as the engine prints it: the code and what happened,
 * then what to do, then the exchange (method, URL, status, the server's message, its request id).
 * Statuses that say the same thing whatever the call (the service failing, its rate limit, a
 * quota) carry their own code and hint. Against the local cloud over real HTTP.
 */
import { startLocalCloud, type LocalCloud } from "../../provider/testing";
import { osEnvironment } from "../../provider/testing";
import { createImageMemberProvider } from "../../provider/resource/image-member-provider";
import { ProviderContext } from "../../provider/auth/provider-context";
import { engineFacing } from "../../provider/resource/engine-errors";

let cloud: LocalCloud;
let imageId: string;

beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(() => cloud.close());

beforeEach(() => {
  imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  cloud.faults.clear();
});

function ownerHooks() {
  const context = new ProviderContext({
    env: () => osEnvironment(cloud.fixtures, "owner"),
    policy: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 2 },
    warn: () => undefined,
  });
  return createImageMemberProvider(context);
}

async function shareFails(): Promise<Error> {
  const e = await ownerHooks()
    .create({ imageId, memberId: cloud.fixtures.projects.consumer.id })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  if (!(e instanceof Error)) throw new Error("the share was expected to fail");
  return engineFacing(e) as Error;
}

/** The line split where the exchange starts: `(POST http… → HTTP n`. */
function parts(line: string): { before: string; exchange: string } {
  const at = line.lastIndexOf(" (POST ");
  expect(at).toBeGreaterThan(0);
  return { before: line.slice(0, at), exchange: line.slice(at + 1) };
}

const CASES = [
  {
    status: 413,
    message: "Image member limit exceeded for image",
    code: "ERR_QUOTA_EXCEEDED",
    summary: "The image has as many members as the service allows.",
    hint: "Revoke shares it no longer needs, or ask the operator to raise Glance's `image_member_quota`",
    attempts: 1,
  },
  {
    status: 429,
    message: "Too many requests",
    code: "ERR_RATE_LIMITED",
    summary: "The service kept refusing requests as too many after 3 attempts.",
    hint: "Run again with fewer at once (`pulumi up --parallel 4`), or raise `maxRetries`",
    attempts: 3,
  },
  {
    status: 503,
    message: "The server is currently unavailable.",
    code: "ERR_SERVER_ERROR",
    summary: "The service failed after 3 attempts.",
    hint: "Run `pulumi up` again once the service is healthy",
    attempts: 3,
  },
] as const;

test.each(CASES)(
  "HTTP $status reads as $code: what happened, what to do, then the exchange",
  async ({ status, message, code, summary, hint, attempts }) => {
    const path = `/image/v2/images/${imageId}/members`;
    cloud.faults.add({ method: "POST", path, status, body: { message }, times: Infinity });
    cloud.clearRequests();

    const line = (await shareFails()).message;

    expect(line.split("\n")).toHaveLength(1);
    expect(cloud.requests.filter((r) => r.service === "image" && r.method === "POST")).toHaveLength(attempts);
    const { before, exchange } = parts(line);
    expect(before.startsWith(`${code}: ${summary} ${hint}`)).toBe(true);
    expect(exchange).toMatch(
      new RegExp(
        `^\\(POST ${cloud.url}${path} → HTTP ${status}: "${message}[^"]*"; request id req-[\\w-]+\\)$`,
      ),
    );
    // The part before the exchange is about a line: code, summary and hint, no URL or server text.
    expect(before.length).toBeLessThan(240);
    expect(before).not.toContain("http");
  },
);

test("a refusal told by the image keeps its own words, with the hint before the exchange", async () => {
  cloud.faults.add({
    method: "POST",
    path: `/image/v2/images/${imageId}/members`,
    status: 403,
    body: { message: "Access was denied to this resource." },
  });
  const line = (await shareFails()).message;
  const { before, exchange } = parts(line);
  expect(before).toMatch(
    /^ERR_NOT_IMAGE_OWNER: Glance refused to share the members of image \S+, although project \w+ owns it and it is shared: the cloud's policy keeps these credentials from changing its members\. Use credentials of project \w+ with a role/,
  );
  expect(exchange).toMatch(/→ HTTP 403: "Access was denied to this resource\."; request id req-[\w-]+\)$/);
});

test("a 500 to a share may have been carried out: the line says so first, then what happens next", async () => {
  const path = `/image/v2/images/${imageId}/members`;
  cloud.faults.add({
    method: "POST",
    path,
    status: 500,
    body: { message: "Internal Server Error" },
    times: Infinity,
  });
  const line = (await shareFails()).message;
  const { before, exchange } = parts(line);
  expect(before).toMatch(
    /^ERR_SHARE_UNCONFIRMED: Image \S+ may or may not be shared with project \w+: .*\(ERR_SERVER_ERROR\).*\. State records the share as `unconfirmed`/,
  );
  expect(exchange).toMatch(/→ HTTP 500: "Internal Server Error"; request id req-[\w-]+\)$/);
});

test("a revoke the service keeps failing reads as ERR_SERVER_ERROR with its hint, the share kept", async () => {
  const hooks = ownerHooks();
  const memberId = cloud.fixtures.projects.consumer.id;
  const { id, outs } = await hooks.create({ imageId, memberId });
  const path = `/image/v2/images/${imageId}/members/${memberId}`;
  cloud.faults.add({
    method: "DELETE",
    path,
    status: 500,
    body: { message: "Internal Server Error" },
    times: Infinity,
  });
  const e = await hooks.delete(id, outs as never).then(
    () => undefined,
    (error: unknown) => error,
  );
  const line = (engineFacing(e) as Error).message;
  expect(line).toMatch(
    new RegExp(
      "^ERR_SERVER_ERROR: The service failed after 3 attempts\\. Run `pulumi up` again once the service is healthy.* " +
        `\\(DELETE ${cloud.url}${path} → HTTP 500: "Internal Server Error"; request id req-[\\w-]+\\)$`,
    ),
  );
  expect(cloud.members(imageId).map((m) => m.member_id)).toEqual([memberId]);
});
