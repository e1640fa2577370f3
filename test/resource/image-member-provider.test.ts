/**
 * The ImageMember hooks as the engine's provider process calls them, against the local
 * Keystone + Glance over real HTTP on 127.0.0.1.
 */
import { startLocalCloud, type LocalCloud } from "../../provider/testing";
import type { Role } from "../../provider/testing/fixtures";
import { createImageMemberProvider } from "../../provider/resource/image-member-provider";
import type { ImageMemberOutputs } from "../../provider/resource/image-member-inputs";
import { ProviderContext } from "../../provider/auth/provider-context";
import { engineFacing } from "../../provider/resource/engine-errors";
import { osEnvironment, passwordToken } from "../../provider/testing";

let cloud: LocalCloud;
let imageId: string;
let warnings: string[];

beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(() => cloud.close());

beforeEach(() => {
  imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  cloud.faults.clear();
  cloud.clearRequests();
  warnings = [];
});

function envOf(role: Role, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...osEnvironment(cloud.fixtures, role), ...extra };
}

function hooksAs(env: NodeJS.ProcessEnv) {
  const context = new ProviderContext({
    env: () => env,
    policy: { baseDelayMs: 1, maxDelayMs: 5 },
    warn: (line) => warnings.push(line),
  });
  return createImageMemberProvider(context);
}

const consumer = () => cloud.fixtures.projects.consumer.id;
const log = () => cloud.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
const memberPath = (member = consumer()) => `/image/v2/images/${imageId}/members/${member}`;

async function created(hooks = hooksAs(envOf("owner"))): Promise<ImageMemberOutputs> {
  const { outs } = await hooks.create({ imageId, memberId: consumer() });
  return outs as ImageMemberOutputs;
}

test("create → read → delete → delete again: one request each, and one read of the image for the 404", async () => {
  const hooks = hooksAs(envOf("owner"));
  const { id, outs } = await hooks.create({ imageId, memberId: consumer() });
  expect(id).toBe(`${imageId}/${consumer()}`);
  expect(outs).toMatchObject({
    imageId,
    memberId: consumer(),
    status: "pending",
    schema: "/v2/schemas/member",
    glanceUrl: `${cloud.url}/image/v2`,
    ownerProjectId: cloud.fixtures.projects.owner.id,
  });
  expect(cloud.members(imageId).map((m) => m.member_id)).toEqual([consumer()]);

  const read = await hooks.read(id, outs);
  expect(read).toEqual({ id, props: outs });
  await hooks.delete(id, outs);
  expect(cloud.members(imageId)).toEqual([]);
  await hooks.delete(id, outs);

  expect(log()).toEqual([
    "POST /v3/auth/tokens 201",
    `POST /image/v2/images/${imageId}/members 200`,
    `GET ${memberPath()} 200`,
    `DELETE ${memberPath()} 204`,
    `DELETE ${memberPath()} 404`,
    `GET /image/v2/images/${imageId} 200`, // the owner's, and shared: the 404 is proof
  ]);
  expect(warnings).toEqual([]);
});

test("refresh shows the consumer's accept, and drops a member removed out of band", async () => {
  const hooks = hooksAs(envOf("owner"));
  const outs = await created(hooks);
  cloud.setMemberStatus(imageId, consumer(), "accepted");
  const read = await hooks.read(`${imageId}/${consumer()}`, outs);
  expect(read.props).toMatchObject({ status: "accepted" });

  cloud.removeMember(imageId, consumer());
  expect(await hooks.read(`${imageId}/${consumer()}`, outs)).toMatchObject({ id: "" });
});

test("check refuses bad inputs before any request", async () => {
  const hooks = hooksAs(envOf("owner"));
  const result = await hooks.check({}, { imageId: "not-a-uuid", memberId: "a/b" });
  expect(result.failures).toEqual([
    { property: "imageId", reason: expect.stringContaining("must be an image UUID") },
    { property: "memberId", reason: expect.stringContaining("contains a separator") },
  ]);
  expect((await hooks.check({}, { imageId, memberId: " " })).failures).toHaveLength(1);
  expect((await hooks.check({}, { imageId, memberId: "x".repeat(256) })).failures).toHaveLength(1);
  expect((await hooks.check({}, { imageId, memberId: "p\u0007" })).failures).toHaveLength(1);
  expect(
    (await hooks.check({}, { imageId, memberId: "p", endpoint: "https://u:secret@glance.example.com" }))
      .failures,
  ).toEqual([{ property: "endpoint", reason: expect.stringContaining("must not carry credentials") }]);
  const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  expect((await hooks.check({}, { imageId: unknown, memberId: unknown })).failures).toBeUndefined();
  expect(cloud.requests).toEqual([]);
});

test("a 404 seen with another project's credentials fails loudly and the share stays", async () => {
  const outs = await created();
  const error = await hooksAs(envOf("third"))
    .delete(`${imageId}/${consumer()}`, outs)
    .catch((e) => e);
  expect(error.code).toBe("ERR_NOT_FOUND_UNPROVEN");
  expect(error.message).toContain(`the credentials act for project ${cloud.fixtures.projects.third.id}`);
  expect(error.message).toContain(`by project ${cloud.fixtures.projects.owner.id}`);
  expect(cloud.members(imageId).map((m) => m.member_id)).toEqual([consumer()]);

  const readError = await hooksAs(envOf("third"))
    .read(`${imageId}/${consumer()}`, outs)
    .catch((e) => e);
  expect(readError.code).toBe("ERR_NOT_FOUND_UNPROVEN");
});

test("a 404 from another region's endpoint fails loudly and the share stays", async () => {
  const outs = await created();
  const error = await hooksAs(envOf("owner", { OS_REGION_NAME: "RegionTwo" }))
    .delete(`${imageId}/${consumer()}`, outs)
    .catch((e) => e);
  expect(error.code).toBe("ERR_NOT_FOUND_UNPROVEN");
  expect(error.message).toContain(`${cloud.url}/region-two/image/v2`);
  expect(cloud.members(imageId)).toHaveLength(1);
});

test("a 403 at delete (the member's credentials) says who may revoke, and the share stays", async () => {
  const outs = await created();
  const error = await hooksAs(envOf("consumer"))
    .delete(`${imageId}/${consumer()}`, outs)
    .catch((e) => e);
  expect(error.code).toBe("ERR_NOT_IMAGE_OWNER");
  expect(error.message).toContain("Only the image owner's project can revoke it");
  expect(error.message).toContain(`the credentials act for project ${consumer()}`);
  expect(error.message).toMatch(/request id req-/);
  expect(cloud.members(imageId)).toHaveLength(1);
});

test("a bare token with an explicit endpoint cannot prove a 404: the share stays, and the error says what to set", async () => {
  const outs = await created();
  cloud.removeMember(imageId, consumer());
  const token = await passwordToken(cloud.fixtures, "owner");
  const hooks = hooksAs({ OS_TOKEN: token, OS_IMAGE_ENDPOINT: `${cloud.url}/image` });
  const error = await hooks.delete(`${imageId}/${consumer()}`, outs).catch((e) => e);
  expect(error.code).toBe("ERR_NOT_FOUND_UNPROVEN");
  expect(error.message).toContain("the credentials' project is not known");
  expect(error.message).toContain(
    "Set the auth URL (openstack:authUrl, OS_AUTH_URL or auth.auth_url in clouds.yaml)",
  );
  expect(warnings).toEqual([]);

  // With the auth URL known, Keystone says whose token it is: the same project's 404 is proof.
  await hooksAs({
    OS_TOKEN: token,
    OS_AUTH_URL: cloud.fixtures.authUrl,
    OS_IMAGE_ENDPOINT: `${cloud.url}/image`,
  }).delete(`${imageId}/${consumer()}`, outs);
});

test("a third project's bare token cannot make delete or read forget a live share", async () => {
  const outs = await created();
  const token = await passwordToken(cloud.fixtures, "third");
  const hooks = hooksAs({ OS_TOKEN: token, OS_IMAGE_ENDPOINT: `${cloud.url}/image` });
  for (const hook of [
    () => hooks.delete(`${imageId}/${consumer()}`, outs),
    () => hooks.read(`${imageId}/${consumer()}`, outs),
  ]) {
    await expect(hook()).rejects.toMatchObject({ code: "ERR_NOT_FOUND_UNPROVEN" });
  }
  expect(cloud.members(imageId).map((m) => m.member_id)).toEqual([consumer()]);
});

test("state of a bare token (no project recorded): a 404 is proof only from the image's owner", async () => {
  const outs = { ...(await created()), ownerProjectId: "" };
  cloud.removeMember(imageId, consumer());
  const third = await hooksAs(envOf("third"))
    .delete(`${imageId}/${consumer()}`, outs)
    .catch((e) => e);
  expect(third.code).toBe("ERR_NOT_FOUND_UNPROVEN");
  expect(third.message).toContain("the state does not say which project made it");
  expect(third.message).toContain("Run with credentials of the project that owns the image");
  cloud.clearRequests();
  await hooksAs(envOf("owner")).delete(`${imageId}/${consumer()}`, outs);
  expect(log().filter((l) => !l.includes("auth/tokens"))).toEqual([
    `DELETE ${memberPath()} 404`,
    `GET /image/v2/images/${imageId} 200`,
  ]);
});

test("a first-attempt 409 is ERR_MEMBER_EXISTS with how to adopt; adopt: true takes the share over", async () => {
  cloud.addMember(imageId, consumer(), "accepted");
  const hooks = hooksAs(envOf("owner"));
  const error = await hooks.create({ imageId, memberId: consumer() }).catch((e) => e);
  expect(error.code).toBe("ERR_MEMBER_EXISTS");
  expect(error.message).toContain("set adopt: true");
  const { outs } = await hooks.create({ imageId, memberId: consumer(), adopt: true });
  expect(outs).toMatchObject({ status: "accepted", adopt: true });
  expect(cloud.members(imageId)).toHaveLength(1);
});

test("a 503 and then a 409: the share was there before, so it is not taken without adopt", async () => {
  cloud.addMember(imageId, consumer(), "accepted");
  cloud.faults.add({ method: "POST", path: `/image/v2/images/${imageId}/members`, status: 503, times: 1 });
  const error = await hooksAs(envOf("owner"))
    .create({ imageId, memberId: consumer() })
    .catch((e) => e);
  expect(error.code).toBe("ERR_MEMBER_EXISTS");
  expect(cloud.members(imageId)).toMatchObject([{ member_id: consumer(), status: "accepted" }]);
});

test("503s are retried; the share is made once", async () => {
  cloud.faults.add({ method: "POST", path: `/image/v2/images/${imageId}/members`, status: 503, times: 2 });
  const outs = await created();
  expect(outs.status).toBe("pending");
  expect(log().filter((l) => l.startsWith("POST /image"))).toEqual([
    `POST /image/v2/images/${imageId}/members 503`,
    `POST /image/v2/images/${imageId}/members 503`,
    `POST /image/v2/images/${imageId}/members 200`,
  ]);
});

test("an expired token is renewed once on the 401, and the call goes through", async () => {
  const hooks = hooksAs(envOf("owner"));
  const outs = await created(hooks);
  cloud.expireAllTokens();
  await hooks.read(`${imageId}/${consumer()}`, outs);
  expect(log().filter((l) => l.includes("auth/tokens"))).toEqual([
    "POST /v3/auth/tokens 201",
    "POST /v3/auth/tokens 201",
  ]);
  expect(log().slice(-2)).toEqual([`POST /v3/auth/tokens 201`, `GET ${memberPath()} 200`]);
});

test("many resources of one identity share one token request", async () => {
  const hooks = hooksAs(envOf("owner"));
  const images = Array.from({ length: 20 }, () =>
    cloud.createImage({ owner: cloud.fixtures.projects.owner.id }),
  );
  await Promise.all(images.map((image) => hooks.create({ imageId: image, memberId: consumer() })));
  expect(log().filter((l) => l.includes("auth/tokens"))).toHaveLength(1);
});

test("diff replaces on any input change, deleting first when the pair is the same", async () => {
  const hooks = hooksAs(envOf("owner"));
  const outs = await created(hooks);
  const id = `${imageId}/${consumer()}`;
  expect(await hooks.diff(id, outs, { imageId, memberId: consumer() })).toEqual({
    changes: false,
    replaces: [],
    deleteBeforeReplace: false,
  });
  expect(await hooks.diff(id, outs, { imageId, memberId: "other" })).toMatchObject({
    changes: true,
    replaces: ["memberId"],
    deleteBeforeReplace: false,
  });
  expect(await hooks.diff(id, outs, { imageId, memberId: consumer(), region: "RegionTwo" })).toMatchObject({
    replaces: ["region"],
    deleteBeforeReplace: true,
  });
  const update = await hooks.update(id, outs, { imageId, memberId: consumer(), adopt: true });
  expect(update.outs).toEqual({ ...outs, adopt: true });
});

test("a POST whose answer was lost is retried; the retry's 409 is read back, leaving exactly one member", async () => {
  cloud.faults.add({
    method: "POST",
    path: `/image/v2/images/${imageId}/members`,
    reset: true,
    afterServing: true,
  });
  const outs = await created();
  expect(outs).toMatchObject({ memberId: consumer(), status: "pending" });
  expect(cloud.members(imageId).map((m) => m.member_id)).toEqual([consumer()]);
  expect(log().filter((l) => !l.includes("auth/tokens"))).toEqual([
    `POST /image/v2/images/${imageId}/members 0`,
    `POST /image/v2/images/${imageId}/members 409`,
    `GET ${memberPath()} 200`,
  ]);
});

test("a lost answer, then an expired token renewed on the 401, then a 409: the program's own share, read back", async () => {
  const members = `/image/v2/images/${imageId}/members`;
  cloud.faults.add({ method: "POST", path: members, reset: true, afterServing: true });
  const context = new ProviderContext({
    env: () => envOf("owner"),
    policy: { baseDelayMs: 1, maxDelayMs: 5 },
    sleep: async () => cloud.expireAllTokens(), // the token runs out while the retry waits
    warn: (line) => warnings.push(line),
  });
  const { outs } = await createImageMemberProvider(context).create({ imageId, memberId: consumer() });
  expect(outs).toMatchObject({ memberId: consumer(), status: "pending" });
  expect(log().filter((l) => !l.includes("auth/tokens") || l.startsWith("POST"))).toEqual([
    "POST /v3/auth/tokens 201",
    `POST ${members} 0`,
    `POST ${members} 401`,
    "POST /v3/auth/tokens 201",
    `POST ${members} 409`,
    `GET ${memberPath()} 200`,
  ]);
});

test("the request timeout and the retry budget are settable from the environment", async () => {
  const members = `/image/v2/images/${imageId}/members`;
  cloud.faults.add({ method: "POST", path: members, latencyMs: 2500 });
  const slow = await hooksAs(
    envOf("owner", { PULUMI_IMAGE_MEMBER_REQUEST_TIMEOUT: "0.5", OS_MAX_RETRIES: "0" }),
  )
    .create({ imageId, memberId: consumer() })
    .catch((e) => e);
  // No answer in time: the share may be made yet (this one is, 2.5 s on), so it is recorded.
  expect(slow).toMatchObject({ code: "ERR_SHARE_UNCONFIRMED", properties: { status: "unconfirmed" } });
  expect(slow.message).toContain("(ERR_TIMEOUT)");

  cloud.faults.add({ method: "POST", path: members, status: 503, retryAfter: 2 });
  const impatient = await hooksAs(envOf("owner", { PULUMI_IMAGE_MEMBER_MAX_RETRY_TIME: "1" }))
    .create({ imageId, memberId: consumer() })
    .catch((e) => e);
  expect(impatient).toMatchObject({ code: "ERR_SERVER_ERROR", status: 503 });
});

describe("after an admin's owner move or a visibility change, nothing a 404 or 403 says is taken as gone", () => {
  const id = () => `${imageId}/${consumer()}`;
  const third = () => cloud.fixtures.projects.third.id;
  const owner = () => cloud.fixtures.projects.owner.id;
  const glance = () => log().filter((l) => !l.includes("auth/tokens"));

  test("given to another project: refresh and destroy keep the share; the new owner's 404 is proof", async () => {
    const outs = await created();
    cloud.updateImage(imageId, { owner: third() });
    cloud.clearRequests();
    const read = await hooksAs(envOf("owner"))
      .read(id(), outs)
      .catch((e) => e);
    const removed = await hooksAs(envOf("owner"))
      .delete(id(), outs)
      .catch((e) => e);
    for (const e of [read, removed]) {
      expect(e.code).toBe("ERR_NOT_FOUND_UNPROVEN");
      expect(e.message).toContain(
        `image ${imageId} is not visible to project ${owner()} either: it was deleted (and its shares with it), or an admin gave it to another project (and its shares stay live)`,
      );
      expect(e.message).toMatch(/→ HTTP 404: "Image \S+ not found\."; request id req-/);
      expect(e.message).toContain("If it has a new owner, run with that project's credentials");
    }
    expect(glance()).toEqual([
      `GET ${memberPath()} 404`,
      `GET /image/v2/images/${imageId} 404`,
      `DELETE ${memberPath()} 404`,
      `GET /image/v2/images/${imageId} 404`,
    ]);
    expect(cloud.members(imageId)).toMatchObject([{ member_id: consumer() }]);

    // The new owner sees every member: once the share is gone, its 404 proves it.
    cloud.removeMember(imageId, consumer());
    expect(await hooksAs(envOf("third")).read(id(), outs)).toEqual({ id: "", props: {} });
  });

  test("given away and made public: the former owner sees the image, and is told who owns it", async () => {
    const outs = await created();
    cloud.updateImage(imageId, { owner: third(), visibility: "public" });
    const read = await hooksAs(envOf("owner"))
      .read(id(), outs)
      .catch((e) => e);
    const removed = await hooksAs(envOf("owner"))
      .delete(id(), outs)
      .catch((e) => e);
    expect(read.code).toBe("ERR_IMAGE_OWNER_CHANGED");
    expect(read.message).toMatch(/HTTP 404: "Only shared images have members\."/);
    expect(removed.code).toBe("ERR_IMAGE_OWNER_CHANGED");
    expect(removed).toMatchObject({
      status: 403,
      method: "DELETE",
      requestId: expect.stringMatching(/^req-/),
    });
    for (const e of [read, removed]) {
      expect(e.message).toContain(
        `is owned by project ${third()} now, not by project ${owner()}, which made the share`,
      );
      expect(e.message).toContain(`Run with credentials of project ${third()}`);
    }
    expect(cloud.members(imageId)).toHaveLength(1);
  });

  test.each(["private", "public", "community"] as const)(
    "made %s: refresh and destroy fail with ERR_IMAGE_NOT_SHARED and keep it; shared again, destroy revokes it",
    async (visibility) => {
      const outs = await created();
      cloud.setMemberStatus(imageId, consumer(), "accepted");
      cloud.updateImage(imageId, { visibility });
      const read = await hooksAs(envOf("owner"))
        .read(id(), outs)
        .catch((e) => e);
      const removed = await hooksAs(envOf("owner"))
        .delete(id(), outs)
        .catch((e) => e);
      expect(read).toMatchObject({ code: "ERR_IMAGE_NOT_SHARED", status: 404 });
      expect(removed).toMatchObject({ code: "ERR_IMAGE_NOT_SHARED", status: 403 });
      for (const e of [read, removed]) {
        expect(e.message).toContain(`image ${imageId} is ${visibility} now: Glance hides the members`);
        expect(e.message).toContain(
          `Make the image shared again (\`openstack image set --shared ${imageId}\`)`,
        );
        expect(e.message).not.toContain("ERR_NOT_IMAGE_OWNER");
      }
      expect(removed.serverMessage).toBe(`Not allowed to delete members for image ${imageId}.`);

      cloud.updateImage(imageId, { visibility: "shared" });
      expect((await hooksAs(envOf("owner")).read(id(), outs)).props).toMatchObject({ status: "accepted" });
      await hooksAs(envOf("owner")).delete(id(), outs);
      expect(cloud.members(imageId)).toEqual([]);
    },
  );

  test("the image deleted: refresh and destroy say how to tell, and keep the share in state", async () => {
    const outs = await created();
    cloud.deleteImage(imageId);
    const removed = await hooksAs(envOf("owner"))
      .delete(id(), outs)
      .catch((e) => e);
    expect(removed.code).toBe("ERR_NOT_FOUND_UNPROVEN");
    expect(removed.message).toContain("If the image was deleted, `pulumi state delete` the share.");
  });

  test.each([
    ["private", "ERR_IMAGE_NOT_SHARED", "is private: Glance shares only images whose visibility is shared"],
    [
      "community",
      "ERR_IMAGE_NOT_SHARED",
      "is community: Glance shares only images whose visibility is shared",
    ],
  ] as const)("sharing a %s image is %s, not ERR_NOT_IMAGE_OWNER", async (visibility, code, text) => {
    cloud.updateImage(imageId, { visibility });
    const e = await hooksAs(envOf("owner"))
      .create({ imageId, memberId: consumer() })
      .catch((err) => err);
    expect(e).toMatchObject({ code, status: 403 });
    expect(e.message).toContain(text);
    expect(e.message).toContain(
      `Make it shared (\`openstack image set --shared ${imageId}\`), then run \`pulumi up\` again.`,
    );
    expect(glance()).toEqual([
      `POST /image/v2/images/${imageId}/members 403`,
      `GET /image/v2/images/${imageId} 200`,
    ]);
  });

  test("sharing another project's (visible) image names its owner", async () => {
    cloud.updateImage(imageId, { owner: third(), visibility: "community" });
    const e = await hooksAs(envOf("owner"))
      .create({ imageId, memberId: consumer() })
      .catch((err) => err);
    expect(e.code).toBe("ERR_NOT_IMAGE_OWNER");
    expect(e.message).toContain(`(project ${third()} owns it)`);
  });
});

describe("a share whose request got no answer is recorded unconfirmed, and the next up settles it", () => {
  const id = () => `${imageId}/${consumer()}`;
  const members = () => `/image/v2/images/${imageId}/members`;
  const glance = () => log().filter((l) => !l.includes("auth/tokens"));
  const impatient = () =>
    hooksAs(envOf("owner", { PULUMI_IMAGE_MEMBER_REQUEST_TIMEOUT: "0.2", OS_MAX_RETRIES: "0" }));

  test("a POST that times out and lands late: recorded with the error, though a read at once finds nothing; up finds it made", async () => {
    cloud.faults.add({ method: "POST", path: members(), hold: true });
    const hooks = impatient();
    const e = await hooks.create({ imageId, memberId: consumer() }).catch((err) => err);
    expect(e).toMatchObject({ code: "ERR_SHARE_UNCONFIRMED", method: "POST", id: id() });
    expect(e.message).toContain(`Image ${imageId} may or may not be shared with project ${consumer()}`);
    expect(e.message).toContain("→ no response");
    expect(e.message).toContain("the next `pulumi up` makes it or finds it made");
    expect(glance()).toEqual([`POST ${members()} 0`, `GET ${memberPath()} 404`]);
    const recorded = e.properties as ImageMemberOutputs;
    expect(recorded).toMatchObject({
      imageId,
      memberId: consumer(),
      status: "unconfirmed",
      glanceUrl: `${cloud.url}/image/v2`,
      ownerProjectId: cloud.fixtures.projects.owner.id,
    });
    // What the engine gets: the state along with the error (a partial failure).
    expect(engineFacing(e)).toMatchObject({ id: id(), properties: recorded, reasons: [expect.any(String)] });

    await cloud.faults.releaseHeld(); // the busy worker carries the POST out after all
    expect(cloud.members(imageId).map((m) => m.member_id)).toEqual([consumer()]);

    const inputs = { imageId, memberId: consumer() };
    expect(await hooks.diff(id(), recorded, inputs)).toMatchObject({ changes: true, replaces: [] });
    cloud.clearRequests();
    const { outs } = await hooks.update(id(), recorded, inputs);
    expect(glance()).toEqual([`POST ${members()} 409`, `GET ${memberPath()} 200`]);
    expect(outs).toMatchObject({
      status: "pending",
      schema: "/v2/schemas/member",
      glanceUrl: recorded.glanceUrl,
    });
    expect(await hooks.diff(id(), outs as ImageMemberOutputs, inputs)).toMatchObject({ changes: false });
  });

  test("a POST lost before Glance acted: recorded unconfirmed, with the provider code; up makes it", async () => {
    cloud.faults.add({ method: "POST", path: members(), reset: true });
    const hooks = impatient();
    const withCode = { imageId, memberId: consumer(), __provider: "exports.handler = …" };
    const e = await hooks.create(withCode).catch((err) => err);
    expect(e).toMatchObject({ code: "ERR_SHARE_UNCONFIRMED", properties: { status: "unconfirmed" } });
    // The dynamic-provider host adds __provider to results, not to an error's state.
    expect(e.properties.__provider).toBe("exports.handler = …");
    expect(e.message).toContain("(ERR_NETWORK)");
    expect(cloud.members(imageId)).toEqual([]);
    const { outs } = await hooks.update(id(), e.properties, { imageId, memberId: consumer() });
    expect(outs).toMatchObject({ status: "pending" });
    expect(cloud.members(imageId).map((m) => m.member_id)).toEqual([consumer()]);
  });

  test("no answer again at up: still unconfirmed, recorded with that error; a refusal keeps it unconfirmed", async () => {
    const hooks = impatient();
    const inputs = { imageId, memberId: consumer() };
    cloud.faults.add({ method: "POST", path: members(), reset: true });
    const first = await hooks.create(inputs).catch((e) => e);
    cloud.faults.add({ method: "POST", path: members(), hold: true });
    const again = await hooks.update(id(), first.properties, inputs).catch((e) => e);
    expect(again).toMatchObject({
      code: "ERR_SHARE_UNCONFIRMED",
      id: id(),
      properties: { status: "unconfirmed" },
    });
    await cloud.faults.releaseHeld();

    // Private now: Glance refuses (403), and the update fails with no state to record, so the
    // engine keeps the share as it was, unconfirmed; shared again, the next up confirms it.
    cloud.updateImage(imageId, { visibility: "private" });
    const refused = await hooks.update(id(), again.properties, inputs).catch((e) => e);
    expect(refused.code).toBe("ERR_IMAGE_NOT_SHARED");
    expect(refused.id).toBeUndefined();
    expect(await hooks.diff(id(), again.properties, inputs)).toMatchObject({ changes: true });
    cloud.updateImage(imageId, { visibility: "shared" });
    expect((await hooks.update(id(), again.properties, inputs)).outs).toMatchObject({ status: "pending" });
    expect(cloud.members(imageId).map((m) => m.member_id)).toEqual([consumer()]);
  });

  test("a create put back by pulumi-image-member-recover is settled by up, no refresh needed", async () => {
    const restored = {
      imageId,
      memberId: consumer(),
      interruptedCreate: true,
    } as unknown as ImageMemberOutputs;
    const inputs = { imageId, memberId: consumer() };
    const hooks = hooksAs(envOf("owner"));
    expect(await hooks.diff(id(), restored, inputs)).toMatchObject({ changes: true, replaces: [] });
    cloud.addMember(imageId, consumer()); // the killed run had made it
    const { outs } = await hooks.update(id(), restored, inputs);
    expect(outs).toMatchObject({ status: "pending", ownerProjectId: cloud.fixtures.projects.owner.id });
    expect((outs as ImageMemberOutputs).interruptedCreate).toBeUndefined();
    expect(glance()).toEqual([`POST ${members()} 409`, `GET ${memberPath()} 200`]);
  });

  test("a refresh settles it too: a 200 records the share; the owner's proven 404 drops it", async () => {
    const hooks = impatient();
    cloud.faults.add({ method: "POST", path: members(), reset: true, afterServing: true });
    cloud.faults.add({ method: "GET", path: memberPath(), status: 503 }); // the read-back fails too
    const made = await hooks.create({ imageId, memberId: consumer() }).catch((e) => e);
    expect(made.code).toBe("ERR_SHARE_UNCONFIRMED");
    expect((await hooks.read(id(), made.properties)).props).toMatchObject({ status: "pending" });

    cloud.removeMember(imageId, consumer());
    cloud.faults.add({ method: "POST", path: members(), reset: true });
    const lost = await hooks.create({ imageId, memberId: consumer() }).catch((e) => e);
    expect(await hooks.read(id(), lost.properties)).toEqual({ id: "", props: {} });
  });
});

test("opaqueId (a secret input in the id): the id is a hash, and read and delete go by the state", async () => {
  const hooks = hooksAs(envOf("owner"));
  const { id, outs } = await hooks.create({ imageId, memberId: consumer(), opaqueId: true });
  expect(id).toMatch(/^secret-[0-9a-f]{32}$/);
  expect(id).not.toContain(consumer());
  const otherImage = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const other = await hooks.create({ imageId: otherImage, memberId: consumer(), opaqueId: true });
  expect(other.id).not.toBe(id);
  expect(await hooks.read(id, outs)).toMatchObject({
    id,
    props: { memberId: consumer(), status: "pending" },
  });
  await hooks.delete(id, outs);
  expect(cloud.members(imageId)).toEqual([]);
});
