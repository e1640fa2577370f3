/**
 * The ImageMemberSet hooks as the engine's provider process calls them, against the local
 * Keystone + Glance over real HTTP on 127.0.0.1: what reaches Glance, and what state records,
 * including after a failure part-way.
 */
import { startLocalCloud, osEnvironment, type LocalCloud } from "../../provider/testing";
import type { Role } from "../../provider/testing/fixtures";
import { engineFacing } from "../../provider/resource/engine-errors";
import { createImageMemberSetProvider } from "../../provider/resource/image-member-set-provider";
import type {
  ImageMemberSetInputs,
  ImageMemberSetOutputs,
} from "../../provider/resource/image-member-set-inputs";
import { ProviderContext } from "../../provider/auth/provider-context";

const QUOTA = 4;
let cloud: LocalCloud;
let imageId: string;

beforeAll(async () => {
  cloud = await startLocalCloud({ memberQuota: QUOTA });
});
afterAll(() => cloud.close());

beforeEach(() => {
  imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  cloud.faults.clear();
  cloud.clearRequests();
});

function hooksAs(role: Role) {
  const context = new ProviderContext({
    env: () => osEnvironment(cloud.fixtures, role),
    policy: { baseDelayMs: 1, maxDelayMs: 5 },
    warn: () => undefined,
  });
  return createImageMemberSetProvider(context);
}

const members = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id, true as const]));
const inputs = (...ids: string[]): ImageMemberSetInputs => ({ imageId, members: members(...ids) });
const live = () =>
  cloud
    .members(imageId)
    .map((m) => m.member_id)
    .sort();
const requests = () => cloud.requests.map((r) => `${r.method} ${r.path} ${r.status}`).sort();
const membersPath = () => `/image/v2/images/${imageId}/members`;

async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error("expected a failure");
}

test("create → refresh → add one and remove one → destroy: one request per share changed", async () => {
  const hooks = hooksAs("owner");
  const { id, outs } = await hooks.create(inputs("p-a", "p-b", "p-c"));
  const state = outs as ImageMemberSetOutputs;
  expect(id).toBe(imageId);
  expect(live()).toEqual(["p-a", "p-b", "p-c"]);
  expect(state).toMatchObject({
    imageId,
    members: members("p-a", "p-b", "p-c"),
    glanceUrl: `${cloud.url}/image/v2`,
    ownerProjectId: cloud.fixtures.projects.owner.id,
  });
  expect(Object.values(state.shares).map((s) => s.status)).toEqual(["pending", "pending", "pending"]);

  cloud.clearRequests();
  expect(await hooks.read(id, state)).toEqual({ id, props: state });
  expect(requests()).toEqual([`GET ${membersPath()} 200`]);

  cloud.clearRequests();
  const diff = await hooks.diff(id, state, inputs("p-a", "p-c", "p-d"));
  expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  const { outs: updated } = await hooks.update(id, state, inputs("p-a", "p-c", "p-d"));
  expect(live()).toEqual(["p-a", "p-c", "p-d"]);
  expect((updated as ImageMemberSetOutputs).members).toEqual(members("p-a", "p-c", "p-d"));
  expect(requests()).toEqual([`DELETE ${membersPath()}/p-b 204`, `POST ${membersPath()} 200`]);

  cloud.clearRequests();
  await hooks.delete(id, updated as ImageMemberSetOutputs);
  expect(live()).toEqual([]);
  expect(requests()).toEqual(["p-a", "p-c", "p-d"].map((m) => `DELETE ${membersPath()}/${m} 204`));
});

test("a create that fails part-way records the shares that exist, with the provider code, and says which failed", async () => {
  const hooks = hooksAs("owner");
  const wanted = { ...inputs("p-1", "p-2", "p-3", "p-4", "p-5", "p-6"), __provider: "exports.handler = …" };
  const e = engineFacing(await caught(hooks.create(wanted))) as Error & {
    code: string;
    id?: string;
    properties?: ImageMemberSetOutputs & { __provider?: string };
  };
  expect(live()).toHaveLength(QUOTA);
  expect(e.code).toBe("ERR_SOME_SHARES_FAILED");
  expect(e.message).toMatch(
    new RegExp(
      `^ERR_SOME_SHARES_FAILED: Image ${imageId}: 4 of 6 shares made; 2 failed\\. Fix the cause below .*?\\. p-\\d, p-\\d: ERR_QUOTA_EXCEEDED: The image has as many members as the service allows\\. ` +
        "Revoke shares it no longer needs, .*HTTP 413",
    ),
  );
  expect(e.message).toContain("run `pulumi up` again: state records the shares that exist.");
  expect(e.message.split("\n")).toHaveLength(1);
  // The summary names the image; the projects' failures (URL, Glance's message) say <image>.
  expect(e.message.split(imageId)).toHaveLength(2);
  expect(e.message).toContain(
    `/v2/images/<image>/members → HTTP 413: "Image member limit exceeded for image <image>:`,
  );
  expect(e.id).toBe(imageId);
  expect(Object.keys(e.properties!.shares)).toEqual(live());
  expect(Object.keys(e.properties!.members)).toEqual(live());
  expect(e.properties!.__provider).toBe("exports.handler = …");
});

test("failures of different causes are each reported with their own, not the first one's", async () => {
  // One project is refused for its id, four are made (the quota), two hit the quota.
  cloud.faults.add({
    method: "POST",
    path: membersPath(),
    status: 400,
    body: { message: "Invalid member id" },
  });
  const e = engineFacing(
    await caught(hooksAs("owner").create(inputs("p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7"))),
  ) as Error;
  const made = live();
  const failed = ["p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7"].filter((m) => !made.includes(m));
  expect(made).toHaveLength(QUOTA);
  const refused =
    /(p-\d): ERR_UNEXPECTED_STATUS: [^(]*\(POST \S+ → HTTP 400: "Invalid member id"; request id [\w-]+\)/.exec(
      e.message,
    );
  expect(refused).not.toBeNull();
  const overQuota = failed.filter((m) => m !== refused![1]);
  expect(e.message).toMatch(
    new RegExp(
      `${overQuota.join(", ")}: ERR_QUOTA_EXCEEDED: .*\\(POST \\S+ → HTTP 413: "Image member limit exceeded`,
    ),
  );
  // Each project is named once, under its own cause.
  for (const m of failed) expect(e.message.split(`${m}`).length - 1).toBe(1);
});

test("one cause for many projects reads once: the URL's project as <project>, every request id listed", async () => {
  const hooks = hooksAs("owner");
  const { id, outs } = await hooks.create(inputs("p-a", "p-b", "p-c"));
  cloud.faults.add({ method: "DELETE", path: `${membersPath()}/p-a`, status: 503, times: Infinity });
  cloud.faults.add({ method: "DELETE", path: `${membersPath()}/p-b`, status: 503, times: Infinity });
  cloud.faults.add({ method: "DELETE", path: `${membersPath()}/p-c`, status: 403, times: Infinity });
  const e = engineFacing(await caught(hooks.delete(id, outs as ImageMemberSetOutputs))) as Error;
  expect(e.message).toMatch(
    new RegExp(
      `p-a, p-b: ERR_SERVER_ERROR: The service failed after 6 attempts\\. Run \`pulumi up\` again once the service is healthy.*` +
        `\\(DELETE ${cloud.url}${membersPath().replace(imageId, "<image>")}/<project> → HTTP 503: "[^"]*"; request ids req-[\\w-]+, req-[\\w-]+\\)`,
    ),
  );
  expect(e.message).toMatch(
    new RegExp(
      `p-c: ERR_NOT_IMAGE_OWNER: .*DELETE ${cloud.url}${membersPath().replace(imageId, "<image>")}/p-c → HTTP 403`,
    ),
  );
  expect(live()).toEqual(["p-a", "p-b", "p-c"]);
});

test("the inputs the ImageMemberSet class sends (shares and glanceUrl carrying secrecy) are checked and make the same state", async () => {
  const hooks = hooksAs("owner");
  const sent = { ...inputs("p-a"), shares: {}, glanceUrl: "" };
  expect(await hooks.check({}, sent)).toEqual({ inputs: sent });
  const { outs } = await hooks.create(sent as ImageMemberSetInputs);
  expect(outs).toMatchObject({
    glanceUrl: `${cloud.url}/image/v2`,
    shares: { "p-a": { status: "pending" } },
  });
});

test("nothing made (the image is private): no partial state, the error alone, one read of the image", async () => {
  cloud.updateImage(imageId, { visibility: "private" });
  const e = engineFacing(await caught(hooksAs("owner").create(inputs("p-1", "p-2")))) as Error & {
    id?: string;
  };
  expect(e.message).toMatch(
    /^ERR_SOME_SHARES_FAILED: .*0 of 2 shares made; 2 failed\. Fix the cause below .*?\. p-1, p-2: ERR_IMAGE_NOT_SHARED: Image \S+ is private: Glance shares only images whose visibility is shared\. Make it shared .*HTTP 403: "Not allowed to create members/,
  );
  expect(e.id).toBeUndefined();
  expect(requests().filter((r) => r.startsWith("GET"))).toEqual([`GET /image/v2/images/${imageId} 200`]);
});

test("a 403 to the owner of a shared image says it is the cloud's policy", async () => {
  cloud.faults.add({ method: "POST", path: membersPath(), status: 403, times: Infinity });
  const e = engineFacing(await caught(hooksAs("owner").create(inputs("p-1")))) as Error;
  expect(e.message).toMatch(
    new RegExp(
      `p-1: ERR_NOT_IMAGE_OWNER: Glance refused to share the members of image <image>, although project ${cloud.fixtures.projects.owner.id} owns it and it is shared: the cloud's policy`,
    ),
  );
});

test("an answer lost after the share was made: one read finds it, and state records it", async () => {
  const hooks = hooksAs("owner");
  // the first POST is served but its answer lost; the retries are refused with 500
  cloud.faults.add({ method: "POST", path: membersPath(), status: 502, afterServing: true, times: 1 });
  cloud.faults.add({ method: "POST", path: membersPath(), status: 500, times: Infinity });
  const { outs } = await hooks.create(inputs("p-a"));
  expect(live()).toEqual(["p-a"]);
  expect((outs as ImageMemberSetOutputs).shares["p-a"].status).toBe("pending");
});

test("an update that fails part-way: state keeps the share it could not revoke and records the one it made", async () => {
  const hooks = hooksAs("owner");
  const { id, outs } = await hooks.create(inputs("p-a", "p-b"));
  cloud.faults.add({ method: "DELETE", path: `${membersPath()}/p-b`, status: 500, times: Infinity });
  const e = engineFacing(
    await caught(hooks.update(id, outs as ImageMemberSetOutputs, inputs("p-a", "p-c"))),
  ) as Error & { id?: string; properties?: ImageMemberSetOutputs };
  expect(live()).toEqual(["p-a", "p-b", "p-c"]);
  expect(e.message).toMatch(
    /^ERR_SOME_SHARES_FAILED: .*1 of 2 changes made; 1 failed\. Fix the cause below .*?\. p-b: /,
  );
  expect(e.id).toBe(id);
  expect(Object.keys(e.properties!.shares)).toEqual(["p-a", "p-b", "p-c"]);
});

test("refresh drops a share revoked out of band (the owner's list proves it), keeps and updates the others", async () => {
  const hooks = hooksAs("owner");
  const { id, outs } = await hooks.create(inputs("p-a", "p-b"));
  cloud.removeMember(imageId, "p-b");
  const { props } = await hooks.read(id, outs as ImageMemberSetOutputs);
  expect(Object.keys((props as ImageMemberSetOutputs).shares)).toEqual(["p-a"]);
  expect((props as ImageMemberSetOutputs).members).toEqual(members("p-a"));
});

test("another project's refresh or destroy proves nothing: the shares stay, in Glance and in state", async () => {
  const { id, outs } = await hooksAs("owner").create(inputs("p-a"));
  const stranger = hooksAs("third");
  const read = await caught(stranger.read(id, outs as ImageMemberSetOutputs));
  expect(read.message).toMatch(
    new RegExp(
      `does not list member p-a .* image ${imageId} is not visible to project ${cloud.fixtures.projects.third.id} either`,
    ),
  );
  expect((read as { code?: string }).code).toBe("ERR_NOT_FOUND_UNPROVEN");
  const removed = await caught(stranger.delete(id, outs as ImageMemberSetOutputs));
  expect(removed.message).toMatch(
    /0 of 1 shares revoked; 1 failed\. Fix the cause below .*?\. p-a: ERR_NOT_FOUND_UNPROVEN/,
  );
  expect(live()).toEqual(["p-a"]);
});

test("diff: another image replaces; unknown members (preview) change; the same members do not", async () => {
  const hooks = hooksAs("owner");
  const { id, outs } = await hooks.create(inputs("p-a"));
  const state = outs as ImageMemberSetOutputs;
  const other = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  expect(await hooks.diff(id, state, { ...inputs("p-a"), imageId: other })).toEqual({
    changes: true,
    replaces: ["imageId"],
    deleteBeforeReplace: false,
  });
  const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9" as unknown as Record<string, true>;
  expect((await hooks.diff(id, state, { imageId, members: unknown })).changes).toBe(true);
  expect((await hooks.diff(id, state, inputs("p-a"))).changes).toBe(false);
});

test("a moved target: another path onto the same Glance updates in place, touching no share; another region replaces, revoking first", async () => {
  const hooks = hooksAs("owner");
  const { id, outs } = await hooks.create(inputs("p-a", "p-b"));
  const state = outs as ImageMemberSetOutputs;

  cloud.clearRequests();
  // The internal interface's URL is another path onto the same image store, and the catalog says
  // so (another interface of the same service): no request to judge it, none to update it.
  const internal = { ...inputs("p-a", "p-b"), endpoint: `${cloud.url}/internal/image` };
  expect(await hooks.diff(id, state, internal)).toEqual({
    changes: true,
    replaces: [],
    deleteBeforeReplace: false,
  });
  const { outs: moved } = await hooks.update(id, state, internal);
  expect(live()).toEqual(["p-a", "p-b"]);
  expect(requests().filter((r) => !r.includes("auth/tokens"))).toEqual([]);
  expect(moved).toMatchObject({
    endpoint: `${cloud.url}/internal/image`,
    glanceUrl: `${cloud.url}/internal/image/v2`,
    shares: state.shares,
  });

  cloud.clearRequests();
  expect(await hooks.diff(id, state, { ...inputs("p-a", "p-b"), region: "RegionTwo" })).toEqual({
    changes: true,
    replaces: ["region"],
    deleteBeforeReplace: true,
  });
  // RegionTwo's store does not hold the image: nothing there proves the shares are the same.
  expect(requests().filter((r) => !r.includes("auth/tokens"))).toEqual([
    `GET /region-two${membersPath()}/p-a 404`,
  ]);
  expect(live()).toEqual(["p-a", "p-b"]);
});

test("check names each malformed project id, and the key Pulumi's state format reserves", async () => {
  const { failures } = await hooksAs("owner").check(
    {},
    {
      imageId,
      members: { "../x": true, "4dabf18193072939515e22adb298388d": true, fine: true },
    },
  );
  expect(failures).toEqual([
    { property: "members", reason: expect.stringContaining('memberId "../x" contains a separator') },
    { property: "members", reason: expect.stringContaining("the key Pulumi's state format reserves") },
  ]);
  expect(cloud.requests).toEqual([]);
});

test("a set put back by pulumi-image-member-recover: refresh as the owner keeps the shares made and drops the rest", async () => {
  const unconfirmed = { status: "unconfirmed" as const, createdAt: "", updatedAt: "" };
  const restored = {
    ...inputs("p-made", "p-never"),
    shares: { "p-made": unconfirmed, "p-never": unconfirmed },
    interruptedCreate: true,
  } as unknown as ImageMemberSetOutputs;
  cloud.addMember(imageId, "p-made");

  const stranger = await caught(hooksAs("third").read(imageId, restored));
  expect(stranger.message).toMatch(/does not list 2 members \(p-made, p-never\) .*is not visible to project/);

  const { props } = await hooksAs("owner").read(imageId, restored);
  const state = props as ImageMemberSetOutputs & { interruptedCreate?: boolean };
  expect(Object.keys(state.shares)).toEqual(["p-made"]);
  expect(state.shares["p-made"].status).toBe("pending");
  expect(state.members).toEqual(members("p-made"));
  expect(state.glanceUrl).toBe(`${cloud.url}/image/v2`);
  expect(state.interruptedCreate).toBeUndefined();
});

describe("after an admin's owner move or a visibility change", () => {
  const glance = () =>
    cloud.requests.filter((r) => !r.path.startsWith("/v3")).map((r) => `${r.method} ${r.path} ${r.status}`);

  test("given to another project: refresh and destroy keep every share, reading the image once each", async () => {
    const hooks = hooksAs("owner");
    const { id, outs } = await hooks.create(inputs("p-a", "p-b", "p-c"));
    cloud.updateImage(imageId, { owner: cloud.fixtures.projects.third.id });
    cloud.clearRequests();
    const read = await caught(hooksAs("owner").read(id, outs as ImageMemberSetOutputs));
    expect(read.code).toBe("ERR_NOT_FOUND_UNPROVEN");
    expect(read.message).toContain("does not list 3 members (p-a, p-b, p-c)");
    expect(read.message).toContain("or an admin gave it to another project (and its shares stay live)");
    expect(glance()).toEqual([`GET ${membersPath()} 404`, `GET /image/v2/images/${imageId} 404`]);

    cloud.clearRequests();
    const removed = engineFacing(await caught(hooksAs("owner").delete(id, outs as ImageMemberSetOutputs)));
    expect((removed as Error).message).toMatch(
      /0 of 3 shares revoked; 3 failed\. Fix the cause below .*?\. p-a, p-b, p-c: ERR_NOT_FOUND_UNPROVEN/,
    );
    expect(glance().filter((r) => r.startsWith("GET"))).toEqual([`GET /image/v2/images/${imageId} 404`]);
    expect(live()).toEqual(["p-a", "p-b", "p-c"]);
  });

  test("made private: refresh, update and destroy fail with ERR_IMAGE_NOT_SHARED; shared again, all goes", async () => {
    const hooks = hooksAs("owner");
    const { id, outs } = await hooks.create(inputs("p-a", "p-b"));
    const state = outs as ImageMemberSetOutputs;
    cloud.updateImage(imageId, { visibility: "private" });
    const read = await caught(hooks.read(id, state));
    expect(read).toMatchObject({ code: "ERR_IMAGE_NOT_SHARED", status: 403 });
    expect(read.message).toContain(`Glance refused to list the members of image ${imageId}`);
    expect(read.message).toContain("is private now: Glance hides the members");
    const update = engineFacing(await caught(hooks.update(id, state, inputs("p-a", "p-c")))) as Error & {
      properties?: ImageMemberSetOutputs;
    };
    // Two causes (the revoke's and the share's), each with its own text.
    expect(update.message).toMatch(
      /0 of 2 changes made; 2 failed\. Fix the cause below .*?\. p-b: ERR_IMAGE_NOT_SHARED: Glance refused to revoke .* p-c: ERR_IMAGE_NOT_SHARED: Image \S+ is private/,
    );
    expect(Object.keys(update.properties!.shares)).toEqual(["p-a", "p-b"]);
    const removed = engineFacing(await caught(hooks.delete(id, state)));
    expect((removed as Error).message).toMatch(
      /0 of 2 shares revoked; 2 failed\. Fix the cause below .*?\. p-a, p-b: ERR_IMAGE_NOT_SHARED/,
    );
    expect(live()).toEqual(["p-a", "p-b"]);

    cloud.updateImage(imageId, { visibility: "shared" });
    await hooks.delete(id, state);
    expect(live()).toEqual([]);
  });
});

describe("shares whose request got no answer: recorded unconfirmed, shown by the preview, settled by the next up", () => {
  function impatient() {
    const env = {
      ...osEnvironment(cloud.fixtures, "owner"),
      PULUMI_IMAGE_MEMBER_REQUEST_TIMEOUT: "0.2",
      OS_MAX_RETRIES: "0",
    };
    return createImageMemberSetProvider(new ProviderContext({ env: () => env, warn: () => undefined }));
  }
  const glance = () =>
    cloud.requests.filter((r) => !r.path.startsWith("/v3")).map((r) => `${r.method} ${r.path} ${r.status}`);

  test("a POST that lands after the read-back found nothing stays in state; up finds it made", async () => {
    const hooks = impatient();
    cloud.faults.add({ method: "POST", path: membersPath(), hold: true });
    const e = engineFacing(await caught(hooks.create(inputs("p-late", "p-ok")))) as Error & {
      id?: string;
      properties?: ImageMemberSetOutputs;
    };
    expect(e.message).toMatch(/1 of 2 shares made; 1 failed\. Fix the cause below .*?\. p-\w+: ERR_TIMEOUT/);
    expect(e.message).toContain("as `unconfirmed` those a request may have made, which that up settles.");
    expect(e.id).toBe(imageId);
    const recorded = e.properties!;
    const late = Object.keys(recorded.shares).find((m) => recorded.shares[m].status === "unconfirmed")!;
    expect(glance()).toContainEqual(`GET ${membersPath()}/${late} 404`);
    expect(Object.keys(recorded.members)).toEqual(["p-late", "p-ok"]);
    await cloud.faults.releaseHeld();
    expect(live()).toEqual(["p-late", "p-ok"]);

    expect((await hooks.diff(imageId, recorded, inputs("p-late", "p-ok"))).changes).toBe(true);
    cloud.clearRequests();
    const { outs } = await hooks.update(imageId, recorded, inputs("p-late", "p-ok"));
    expect(glance()).toEqual([`POST ${membersPath()} 409`, `GET ${membersPath()}/${late} 200`]);
    const settled = outs as ImageMemberSetOutputs;
    expect(settled.shares[late].status).toBe("pending");
    expect((await hooks.diff(imageId, settled, inputs("p-late", "p-ok"))).changes).toBe(false);
  });

  test("a revoke whose answer was lost: recorded unconfirmed, not as it was; the next up finds it gone", async () => {
    const { id, outs } = await hooksAs("owner").create(inputs("p-a", "p-b"));
    const hooks = impatient();
    cloud.faults.add({ method: "DELETE", path: `${membersPath()}/p-b`, reset: true, afterServing: true });
    const e = engineFacing(
      await caught(hooks.update(id, outs as ImageMemberSetOutputs, inputs("p-a"))),
    ) as Error & {
      properties?: ImageMemberSetOutputs;
    };
    expect(live()).toEqual(["p-a"]);
    expect(e.properties!.shares["p-b"].status).toBe("unconfirmed");
    expect((await hooks.diff(id, e.properties!, inputs("p-a"))).changes).toBe(true);
    cloud.clearRequests();
    const { outs: after } = await hooks.update(id, e.properties!, inputs("p-a"));
    expect(glance()).toEqual([`DELETE ${membersPath()}/p-b 404`, `GET /image/v2/images/${imageId} 200`]);
    expect(Object.keys((after as ImageMemberSetOutputs).shares)).toEqual(["p-a"]);
  });
});

/** The same projects and users on another cloud, where the image does not exist. */
async function anotherCloud(): Promise<LocalCloud> {
  const f = cloud.fixtures;
  const roles = ["owner", "consumer", "third"] as const;
  return startLocalCloud({
    fixtures: {
      projects: Object.fromEntries(roles.map((r) => [r, f.projects[r]])),
      users: Object.fromEntries(
        roles.map((r) => [r, { name: f.users[r].name, password: f.users[r].password }]),
      ),
    },
  });
}

function hooksOn(other: LocalCloud) {
  return createImageMemberSetProvider(
    new ProviderContext({ env: () => osEnvironment(other.fixtures, "owner"), warn: () => undefined }),
  );
}

test("an update from another cloud's credentials that reaches nothing keeps the provenance: the owner's destroy still revokes", async () => {
  const other = await anotherCloud();
  try {
    const owner = hooksAs("owner");
    const { outs } = (await owner.create(inputs("p1"))) as { outs: ImageMemberSetOutputs };
    const elsewhere = hooksOn(other);
    const e = await caught(elsewhere.update(imageId, outs, inputs("p1", "p2")));
    expect(engineFacing(e)).toMatchObject({ code: "ERR_SOME_SHARES_FAILED" });
    const recorded = e.properties as ImageMemberSetOutputs;
    expect(recorded).toMatchObject({
      glanceUrl: outs.glanceUrl,
      glanceService: outs.glanceService,
      shares: outs.shares,
    });
    await owner.delete(imageId, recorded);
    expect(live()).toEqual([]);
  } finally {
    await other.close();
  }
});

test("a refresh from another cloud where the image is not found keeps the provenance: a later share is revoked at home", async () => {
  const other = await anotherCloud();
  try {
    const owner = hooksAs("owner");
    const { outs } = (await owner.create(inputs())) as { outs: ImageMemberSetOutputs };
    const { props } = (await hooksOn(other).read(imageId, outs)) as { props: ImageMemberSetOutputs };
    expect(props).toMatchObject({ glanceUrl: outs.glanceUrl, glanceService: outs.glanceService });
    const { outs: shared } = (await owner.update(imageId, props, inputs("p1"))) as {
      outs: ImageMemberSetOutputs;
    };
    await owner.delete(imageId, shared);
    expect(live()).toEqual([]);
  } finally {
    await other.close();
  }
});

test("a set that records no share is recorded where its update asks: a share made at home after a start elsewhere is revoked at home", async () => {
  const other = await anotherCloud();
  try {
    const { outs } = (await hooksOn(other).create(inputs())) as { outs: ImageMemberSetOutputs };
    const owner = hooksAs("owner");
    cloud.faults.add({ method: "POST", path: membersPath(), status: 503, times: Infinity });
    const e = await caught(owner.update(imageId, outs, inputs("p1")));
    const recorded = e.properties as ImageMemberSetOutputs;
    expect(recorded.glanceUrl).toBe(`${cloud.url}/image/v2`);
    cloud.faults.clear();
    const { outs: settled } = (await owner.update(imageId, recorded, inputs("p1"))) as {
      outs: ImageMemberSetOutputs;
    };
    expect(live()).toEqual(["p1"]);
    await owner.delete(imageId, settled);
    expect(live()).toEqual([]);
  } finally {
    await other.close();
  }
});
