/**
 * The provider plugin's process under gRPC, as the engine drives it, against the local Keystone +
 * Glance. The settings reach the plugin only through Configure, and the import read carries no
 * properties: these cases fail when either workaround of provider/plugin/upstream-guards.ts is
 * removed (the SDK's server drops Configure, and crashes on a read without properties).
 */
import { startLocalCloud, type LocalCloud } from "../../provider/testing";
import { PluginProcess, providerSettings as settingsOf } from "./plugin-process";

const MEMBER_URN = "urn:pulumi:dev::proj::image-member:index:ImageMember::share";
const ACCEPTANCE_URN = "urn:pulumi:dev::proj::image-member:index:ImageMemberAcceptance::accept";

let cloud: LocalCloud;
let plugin: PluginProcess;

beforeAll(async () => {
  cloud = await startLocalCloud();
  // No OS_* in the plugin's environment: everything it knows comes from Configure.
  plugin = await PluginProcess.start({ PATH: process.env.PATH, HOME: "/nonexistent" });
});
afterAll(async () => {
  plugin?.stop();
  await cloud?.close();
});

/** What the plugin printed on stderr after `offset`, once it holds `text` (stderr may trail the answer). */
async function printedSince(offset: number, text: string): Promise<string> {
  for (let waited = 0; waited < 2000 && !plugin.stderr().slice(offset).includes(text); waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return plugin.stderr().slice(offset);
}

function providerSettings(role: "owner" | "consumer") {
  return settingsOf(cloud.fixtures, role);
}

test("the schema is served with every resource's token", async () => {
  const schema = await plugin.schema();
  expect(schema.name).toBe("image-member");
  expect(Object.keys(schema.resources as object)).toEqual([
    "image-member:index:ImageMember",
    "image-member:index:ImageMemberAcceptance",
    "image-member:index:ImageShare",
    "image-member:index:ImageMemberSet",
  ]);
});

test("an ImageMemberSet's memberIds list is checked and recorded as the members map; a repeated id fails check", async () => {
  const SET_URN = "urn:pulumi:dev::proj::image-member:index:ImageMemberSet::golden";
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const checked = await plugin.check(SET_URN, { imageId, memberIds: ["p2", "p1"] });
  expect(checked).toEqual({ inputs: { imageId, members: { p1: true, p2: true } }, failures: [] });
  const repeated = await plugin.check(SET_URN, { imageId, memberIds: ["p1", "p1"] });
  expect(repeated.failures).toEqual([
    { property: "memberIds", reason: "memberIds lists p1 more than once." },
  ]);
  const respelled = await plugin.check(SET_URN, { imageId, memberIds: ["abc", "ABC"] });
  expect(respelled.failures).toEqual([
    {
      property: "memberIds",
      reason: expect.stringContaining("Project ids abc and ABC differ only in letter case"),
    },
  ]);
  await expect(plugin.importRead(SET_URN, imageId)).rejects.toThrow(/An ImageMemberSet cannot be imported/);
  expect(cloud.requests.filter((r) => r.path.includes(imageId))).toEqual([]);
});

test("Configure's settings (a secret password among them) log in; the share is made as the owner", async () => {
  await plugin.configure(providerSettings("owner"));
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const memberId = cloud.fixtures.projects.consumer.id;
  const { id, outs } = await plugin.create(MEMBER_URN, { imageId, memberId });
  expect(id).toBe(`${imageId}/${memberId}`);
  expect(outs).toMatchObject({
    imageId,
    memberId,
    status: "pending",
    ownerProjectId: cloud.fixtures.projects.owner.id,
  });
  expect(cloud.members(imageId).map((m) => m.member_id)).toEqual([memberId]);
  expect(JSON.stringify(outs)).not.toContain(cloud.fixtures.users.owner.password);
});

test("the same 404 rule through the plugin: an image given away keeps the share in state, told in one line", async () => {
  await plugin.configure(providerSettings("owner"));
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const memberId = cloud.fixtures.projects.consumer.id;
  const { id, outs } = await plugin.create(MEMBER_URN, { imageId, memberId });
  cloud.updateImage(imageId, { owner: cloud.fixtures.projects.third.id });
  for (const call of [() => plugin.read(MEMBER_URN, id, outs), () => plugin.delete(MEMBER_URN, id, outs)]) {
    const e = (await call().catch((err) => err)) as { details: string };
    expect(e.details).toMatch(/^ERR_NOT_FOUND_UNPROVEN: .* or an admin gave it to another project/);
    expect(e.details).not.toContain("\n");
  }
  cloud.updateImage(imageId, { owner: cloud.fixtures.projects.owner.id, visibility: "private" });
  const hidden = (await plugin.delete(MEMBER_URN, id, outs).catch((err) => err)) as { details: string };
  expect(hidden.details).toMatch(/^ERR_IMAGE_NOT_SHARED: Glance refused to revoke the members/);
  expect(cloud.members(imageId).map((m) => m.member_id)).toEqual([memberId]);
});

test("a share whose POST got no answer: the plugin hands the engine its state, unconfirmed; the next up settles it", async () => {
  await plugin.configure({ ...providerSettings("owner"), maxRetries: "0" });
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const memberId = cloud.fixtures.projects.consumer.id;
  cloud.faults.add({ method: "POST", path: `/image/v2/images/${imageId}/members`, hold: true, reset: true });
  const failed = await plugin.failedCreate(MEMBER_URN, { imageId, memberId });
  expect(failed.message).toMatch(/^ERR_SHARE_UNCONFIRMED: Image \S+ may or may not be shared/);
  expect(failed.initFailed).toMatchObject({
    id: `${imageId}/${memberId}`,
    properties: {
      imageId,
      memberId,
      status: "unconfirmed",
      ownerProjectId: cloud.fixtures.projects.owner.id,
    },
    reasons: [failed.message],
  });
  await cloud.faults.releaseHeld();
  const olds = failed.initFailed!.properties;
  const id = failed.initFailed!.id;
  expect(await plugin.diff(MEMBER_URN, id, olds, { imageId, memberId })).toEqual({
    changes: true,
    replaces: [],
  });
  expect((await plugin.update(MEMBER_URN, id, olds, { imageId, memberId })).outs).toMatchObject({
    status: "pending",
  });
  expect(cloud.members(imageId).map((m) => m.member_id)).toEqual([memberId]);
});

test("an import read (no properties) reads the membership its id names and gives the program's inputs", async () => {
  await plugin.configure(providerSettings("owner"));
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const memberId = cloud.fixtures.projects.consumer.id;
  cloud.addMember(imageId, memberId);
  const read = await plugin.importRead(MEMBER_URN, `${imageId}/${memberId}`);
  expect(read.id).toBe(`${imageId}/${memberId}`);
  expect(read.props).toMatchObject({
    imageId,
    memberId,
    status: "pending",
    glanceUrl: `${cloud.url}/image/v2`,
  });
  expect(read.inputs).toEqual({ imageId, memberId });
});

test("an acceptance is imported as the consumer, with its answer as an input", async () => {
  await plugin.configure(providerSettings("consumer"));
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const memberId = cloud.fixtures.projects.consumer.id;
  cloud.addMember(imageId, memberId);
  cloud.setMemberStatus(imageId, memberId, "rejected");
  const read = await plugin.importRead(ACCEPTANCE_URN, `${imageId}/${memberId}`);
  expect(read.props).toMatchObject({ memberId, status: "rejected", memberIdFromCredentials: false });
  expect(read.inputs).toEqual({ imageId, memberId, status: "rejected" });
});

test("an import of a membership Glance does not show fails with one line that says so", async () => {
  await plugin.configure(providerSettings("owner"));
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  await expect(
    plugin.importRead(MEMBER_URN, `${imageId}/${cloud.fixtures.projects.third.id}`),
  ).rejects.toThrow(/ERR_NOT_FOUND: Nothing to import at .*: Glance does not show that member/);
  await expect(plugin.importRead(MEMBER_URN, "not-an-import-id")).rejects.toThrow(
    /imported by the id "<imageId>\/<memberId>"/,
  );
});

test("an import id that is not <image UUID>/<project id> fails with one line and our code, before any request", async () => {
  await plugin.configure(providerSettings("owner"));
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const SET_URN = "urn:pulumi:dev::proj::image-member:index:ImageMemberSet::golden";
  const cases: [urn: string, id: string, says: RegExp][] = [
    [MEMBER_URN, "not-an-import-id", /imported by the id "<imageId>\/<memberId>", not "not-an-import-id"/],
    [MEMBER_URN, `${imageId}/a/b`, /imported by the id "<imageId>\/<memberId>"/],
    [MEMBER_URN, `${imageId}/`, /imported by the id "<imageId>\/<memberId>"/],
    [MEMBER_URN, "not-a-uuid/p1", /imageId must be an image UUID like .*, not "not-a-uuid"/],
    [MEMBER_URN, `${imageId}/..`, /memberId "\.\." is only dots/],
    [MEMBER_URN, `${imageId}/a b`, /memberId "a b" contains a separator/],
    [ACCEPTANCE_URN, `${imageId}/p%2e`, /memberId "p%2e" contains a separator/],
    [SET_URN, imageId, /An ImageMemberSet cannot be imported/],
  ];
  cloud.clearRequests();
  for (const [urn, id, says] of cases) {
    const before = plugin.stderr().length;
    const error = await plugin.importRead(urn, id).then(
      () => undefined,
      (e: Error & { details?: string }) => e,
    );
    expect(error?.details).toMatch(/^ERR_INVALID_INPUT: /);
    expect(error?.details).toMatch(says);
    expect(error?.details).not.toContain("\n");
    // What the plugin prints for a failed read (the engine shows it under the resource): one line.
    const printed = await printedSince(before, "ERR_INVALID_INPUT");
    expect(printed).toMatch(/^ImageMemberError: ERR_INVALID_INPUT: .*\n$/);
    expect(printed).not.toMatch(/\n\s+at /);
  }
  expect(cloud.requests.filter((r) => !r.path.startsWith("/v3/"))).toEqual([]);
});

describe("a missing or invalid setting is reported with the plugin's own config keys", () => {
  const share = () => ({
    imageId: cloud.createImage({ owner: cloud.fixtures.projects.owner.id }),
    memberId: cloud.fixtures.projects.consumer.id,
  });
  const failure = async (settings: Record<string, unknown>) => {
    await plugin.configure(settings);
    const error = await plugin.create(MEMBER_URN, share()).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).not.toContain("openstack:");
    return error!.message;
  };

  test("no settings at all: the hint says which image-member: keys to set, and how", async () => {
    const message = await failure({});
    expect(message).toContain("ERR_MISSING_SETTING: No cloud credentials are configured.");
    expect(message).toContain("Set image-member:authUrl (`pulumi config set image-member:authUrl <url>`");
    expect(message).toContain("image-member:cloud or OS_CLOUD");
  });

  test("a user without a password: image-member:password is named", async () => {
    const settings: Record<string, unknown> = providerSettings("owner");
    delete settings.password;
    const message = await failure(settings);
    expect(message).toMatch(/ERR_MISSING_SETTING: .*password/);
    expect(message).toContain("image-member:password or OS_PASSWORD");
  });

  test("an auth URL that is not a URL: the place it came from is image-member:authUrl", async () => {
    const message = await failure({ ...providerSettings("owner"), authUrl: "keystone.example" });
    expect(message).toMatch(/ERR_INVALID_SETTING: authUrl \(from image-member:authUrl\)/);
  });

  test("a region the catalog does not offer: image-member:region is named", async () => {
    const message = await failure({ ...providerSettings("owner"), region: "Atlantis" });
    expect(message).toContain("ERR_ENDPOINT_NOT_FOUND");
    expect(message).toContain("Set image-member:region or OS_REGION_NAME");
  });
});
