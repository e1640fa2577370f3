/**
 * What the program marks secret comes back secret from the plugin's gRPC server, as the engine
 * sees it: the plugin accepts secrets, so the engine records whatever comes back unwrapped in
 * plain text. Secret inputs (a member id, the member ids of a set, an endpoint) are wrapped again
 * in check's inputs and in the outputs of create, update and read, and so is every output
 * computed from one (a set's `members` and `shares`, keyed by the project ids; `glanceUrl`).
 */
import { createPluginProvider } from "../../provider/plugin/plugin-provider";
import { startLocalCloud, osEnvironment, type LocalCloud } from "../../provider/testing";
import { PluginProcess, providerSettings, secretValue } from "./plugin-process";
import { opaqueId } from "../../provider/resource/resource-ids";

const MEMBER_URN = "urn:pulumi:dev::proj::image-member:index:ImageMember::share";
const SET_URN = "urn:pulumi:dev::proj::image-member:index:ImageMemberSet::golden";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

let cloud: LocalCloud;
let plugin: PluginProcess;

beforeAll(async () => {
  cloud = await startLocalCloud({ memberQuota: 3 });
  plugin = await PluginProcess.start({ PATH: process.env.PATH, HOME: "/nonexistent" });
  await plugin.configure(providerSettings(cloud.fixtures, "owner"));
});
afterAll(async () => {
  plugin?.stop();
  await cloud?.close();
});

const isSecret = (value: unknown) =>
  typeof value === "object" && value !== null && SIG_KEY in (value as Record<string, unknown>);
const secretOf = (value: unknown) => (value as { value: unknown }).value;
/** The names of the properties that are secret. */
const secretNames = (props: Record<string, unknown>) =>
  Object.keys(props)
    .filter((key) => isSecret(props[key]))
    .sort();

test("ImageMember: a secret member id and endpoint, and the glanceUrl made of it, stay secret through check, create, update and read", async () => {
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const memberId = cloud.fixtures.projects.consumer.id;
  const news = { imageId, memberId: secretValue(memberId), endpoint: secretValue(`${cloud.url}/image`) };

  const checked = await plugin.check(MEMBER_URN, news);
  expect(checked.failures).toEqual([]);
  expect(secretNames(checked.inputs)).toEqual(["endpoint", "memberId"]);

  const { id, outs } = await plugin.create(MEMBER_URN, checked.inputs);
  expect(cloud.members(imageId).map((m) => m.member_id)).toEqual([memberId]);
  // An id is never secret in Pulumi: the member id is not in it.
  expect(id).toBe(opaqueId(`${imageId}/${memberId}`));
  expect(id).toMatch(/^secret-[0-9a-f]{32}$/);
  expect(secretNames(outs)).toEqual(["endpoint", "glanceUrl", "memberId"]);
  expect(secretOf(outs.memberId)).toBe(memberId);
  expect(secretOf(outs.glanceUrl)).toBe(`${cloud.url}/image/v2`);
  expect(outs.status).toBe("pending");

  const updated = await plugin.update(MEMBER_URN, id, outs, { ...checked.inputs, adopt: true });
  expect(secretNames(updated.outs)).toEqual(["endpoint", "glanceUrl", "memberId"]);
  expect(updated.outs.adopt).toBe(true);

  const read = await plugin.read(MEMBER_URN, id, updated.outs);
  expect(secretNames(read.props)).toEqual(["endpoint", "glanceUrl", "memberId"]);
  expect(secretOf(read.props.memberId)).toBe(memberId);
});

test("ImageMemberSet: one secret id among memberIds makes members and shares, keyed by the ids, secret", async () => {
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const checked = await plugin.check(SET_URN, { imageId, memberIds: [secretValue("p-secret"), "p-plain"] });
  expect(checked.failures).toEqual([]);
  expect(secretNames(checked.inputs)).toEqual(["members"]);
  expect(secretOf(checked.inputs.members)).toEqual({ "p-plain": true, "p-secret": true });

  const { id, outs } = await plugin.create(SET_URN, checked.inputs);
  expect(secretNames(outs)).toEqual(["members", "shares"]);
  expect(Object.keys(secretOf(outs.shares) as object)).toEqual(["p-plain", "p-secret"]);
  expect(JSON.stringify({ ...outs, members: undefined, shares: undefined })).not.toContain("p-secret");

  const added = await plugin.check(SET_URN, {
    imageId,
    memberIds: [secretValue("p-secret"), "p-plain", "p-3"],
  });
  const updated = await plugin.update(SET_URN, id, outs, added.inputs);
  expect(
    cloud
      .members(imageId)
      .map((m) => m.member_id)
      .sort(),
  ).toEqual(["p-3", "p-plain", "p-secret"]);
  expect(secretNames(updated.outs)).toEqual(["members", "shares"]);

  const read = await plugin.read(SET_URN, id, updated.outs);
  expect(secretNames(read.props)).toEqual(["members", "shares"]);
  expect(Object.keys(secretOf(read.props.shares) as object)).toEqual(["p-3", "p-plain", "p-secret"]);
});

test("nothing secret asked, nothing wrapped", async () => {
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const checked = await plugin.check(SET_URN, { imageId, memberIds: ["p-1"] });
  const { outs } = await plugin.create(SET_URN, checked.inputs);
  expect(secretNames(checked.inputs)).toEqual([]);
  expect(secretNames(outs)).toEqual([]);
  expect(outs.members).toEqual({ "p-1": true });
});

test("the state a partial failure records keeps the set's secrets too", async () => {
  const env = osEnvironment(cloud.fixtures, "owner");
  const provider = createPluginProvider("0.0.0", { env: () => env, policy: { maxRetries: 0 } });
  provider.configure({});
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const { inputs } = await provider.check!(
    SET_URN,
    {},
    {
      imageId,
      memberIds: ["p-1", "p-2", "p-3", secretValue("p-4")],
    },
  );
  const error = await provider.create!(SET_URN, inputs).then(
    () => undefined,
    (e: { message: string; properties?: Record<string, unknown> }) => e,
  );
  expect(error?.message).toMatch(/^ERR_SOME_SHARES_FAILED: .* 3 of 4 shares made/);
  expect(secretNames(error!.properties!)).toEqual(["members", "shares"]);
});

test("a secret never appears in what the engine prints: a check failure, an error's message", async () => {
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const malformed = await plugin.check(MEMBER_URN, { imageId, memberId: secretValue("bad id") });
  expect(malformed.failures).toEqual([
    { property: "memberId", reason: expect.stringContaining('memberId "[secret]" contains a separator') },
  ]);
  expect(JSON.stringify(malformed.failures)).not.toContain("bad id");

  const memberId = cloud.fixtures.projects.consumer.id;
  cloud.addMember(imageId, memberId);
  const endpoint = `${cloud.url}/image`;
  const error = await plugin
    .create(MEMBER_URN, { imageId, memberId: secretValue(memberId), endpoint: secretValue(endpoint) })
    .then(
      () => undefined,
      (e: Error & { details?: string }) => e,
    );
  expect(error?.details).toMatch(
    /^ERR_MEMBER_EXISTS: Image \S+ is already shared with project \[secret\]\. To manage .* \(POST \[secret\]\/v2\/images\//,
  );
  expect(error?.details).not.toContain(memberId);
  expect(error?.details).not.toContain(endpoint);
  expect(plugin.stderr()).not.toContain(memberId);
});

test("a partial failure's id holds no secret either: an unconfirmed share of a secret member id", async () => {
  const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  const memberId = cloud.fixtures.projects.consumer.id;
  await plugin.configure({ ...providerSettings(cloud.fixtures, "owner"), maxRetries: "0" });
  // Each POST is kept, unanswered, and carried out once the client gave up: the read-back finds nothing.
  const members = `/image/v2/images/${imageId}/members`;
  cloud.faults.add({ method: "POST", path: members, hold: true, reset: true, times: Infinity });
  const failed = await plugin.failedCreate(MEMBER_URN, { imageId, memberId: secretValue(memberId) });
  expect(failed.message).toMatch(/^ERR_SHARE_UNCONFIRMED: /);
  expect(failed.initFailed?.id).toBe(opaqueId(`${imageId}/${memberId}`));
  expect(secretNames(failed.initFailed!.properties)).toEqual(["memberId"]);
  const { memberId: kept, ...rest } = failed.initFailed!.properties;
  expect(kept).toEqual(secretValue(memberId));
  expect(JSON.stringify({ ...failed, initFailed: { ...failed.initFailed, properties: rest } })).not.toContain(
    memberId,
  );
  cloud.faults.clear();
  await cloud.faults.releaseHeld();
});
