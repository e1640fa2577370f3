/**
 * An exclusive ImageMemberSet through the plugin's gRPC server, against the local Keystone +
 * Glance: refresh records the members nobody declared, up revokes exactly those, and the plugin
 * process refuses a second resource for an exclusive set's image.
 */
import { startLocalCloud, type LocalCloud } from "../../provider/testing";
import { PluginProcess, providerSettings, secretValue } from "./plugin-process";

const setUrn = (name: string) => `urn:pulumi:dev::proj::image-member:index:ImageMemberSet::${name}`;
const memberUrn = (name: string) => `urn:pulumi:dev::proj::image-member:index:ImageMember::${name}`;

let cloud: LocalCloud;
let plugin: PluginProcess;
let imageId: string;

beforeAll(async () => {
  cloud = await startLocalCloud();
  plugin = await PluginProcess.start({ PATH: process.env.PATH, HOME: "/nonexistent" });
  await plugin.configure(providerSettings(cloud.fixtures, "owner"));
});
afterAll(async () => {
  plugin?.stop();
  await cloud?.close();
});
beforeEach(() => {
  imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  cloud.faults.clear();
  cloud.clearRequests();
});

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const isSecret = (value: unknown) =>
  typeof value === "object" && value !== null && SIG_KEY in (value as Record<string, unknown>);
/** The names of the properties that are secret. */
const secretNames = (props: Record<string, unknown> = {}) =>
  Object.keys(props)
    .filter((key) => isSecret(props[key]))
    .sort();
/** What would be stored in plain text: the properties without the secrets' values. */
const plainText = (props: Record<string, unknown> = {}) =>
  JSON.stringify(Object.fromEntries(Object.entries(props).filter(([, v]) => !isSecret(v))));
const memberPath = (memberId: string) => `/image/v2/images/${imageId}/members/${memberId}`;
const statusOf = (memberId: string) => cloud.members(imageId).find((m) => m.member_id === memberId)?.status;

/** An exclusive set of `p-a`, after a refresh that found `undeclared` (added by hand, pending). */
async function refreshedWith(...undeclared: string[]) {
  const { inputs } = await plugin.check(setUrn("golden"), { imageId, memberIds: ["p-a"], exclusive: true });
  const { id, outs } = await plugin.create(setUrn("golden"), inputs);
  for (const memberId of undeclared) cloud.addMember(imageId, memberId);
  const refreshed = await plugin.read(setUrn("golden"), id, outs);
  cloud.clearRequests();
  return { id, inputs, refreshed };
}

const live = () =>
  cloud
    .members(imageId)
    .map((m) => m.member_id)
    .sort();
const deletes = () => cloud.requests.filter((r) => r.method === "DELETE").map((r) => r.path);

test("refresh records an undeclared member with its status and in the inputs; up revokes only it", async () => {
  const { inputs } = await plugin.check(setUrn("golden"), { imageId, memberIds: ["p-a"], exclusive: true });
  expect(inputs).toEqual({ imageId, members: { "p-a": true }, exclusive: true });
  const { id, outs } = await plugin.create(setUrn("golden"), inputs);
  cloud.addMember(imageId, "p-admin", "accepted");

  const refreshed = await plugin.read(setUrn("golden"), id, outs);
  expect(refreshed.props).toMatchObject({
    members: { "p-a": true, "p-admin": true },
    undeclaredMembers: { "p-admin": "accepted" },
  });
  // The preview compares these with the program's: `- p-admin: "accepted"`, the status on the line.
  expect(refreshed.inputs).toEqual({
    imageId,
    members: { "p-a": true, "p-admin": "accepted" },
    exclusive: true,
  });

  cloud.addMember(imageId, "p-late");
  expect((await plugin.diff(setUrn("golden"), id, refreshed.props, inputs)).changes).toBe(true);
  cloud.clearRequests();
  const { outs: after } = await plugin.update(setUrn("golden"), id, refreshed.props, inputs);
  expect(deletes()).toEqual([`/image/v2/images/${imageId}/members/p-admin`]);
  expect(live()).toEqual(["p-a", "p-late"]);
  expect(after).toMatchObject({ members: { "p-a": true }, undeclaredMembers: {} });
});

test("an exclusive set and another set or an ImageMember of its image are refused at check, in one line", async () => {
  await plugin.check(setUrn("only"), { imageId, memberIds: ["p-a"], exclusive: true });
  await expect(plugin.check(setUrn("other"), { imageId, memberIds: ["p-b"] })).rejects.toThrow(
    /ERR_EXCLUSIVE_CONFLICT: Declare image [0-9a-f-]+'s members in one place: ImageMemberSet only is exclusive for it, so it would revoke the members of ImageMemberSet other\./,
  );
  await expect(plugin.check(memberUrn("by-hand"), { imageId, memberId: "p-c" })).rejects.toThrow(
    /ERR_EXCLUSIVE_CONFLICT: .*ImageMemberSet only is exclusive .* ImageMember by-hand\./,
  );
  // The same set checked again (preview, then up) is no conflict.
  await plugin.check(setUrn("only"), { imageId, memberIds: ["p-a"], exclusive: true });
  expect(cloud.requests).toEqual([]);
});

test("a secret endpoint stays secret in what a refresh records, inputs and outputs alike", async () => {
  const endpoint = `${cloud.url}/image`;
  const news = { imageId, memberIds: ["p-a"], exclusive: true, endpoint: secretValue(endpoint) };
  const { inputs } = await plugin.check(setUrn("golden"), news);
  const { id, outs } = await plugin.create(setUrn("golden"), inputs);
  expect(secretNames(outs)).toEqual(["endpoint", "glanceUrl"]);
  cloud.addMember(imageId, "p-by-hand", "accepted");

  const refreshed = await plugin.read(setUrn("golden"), id, outs);
  expect(refreshed.props).toMatchObject({ undeclaredMembers: { "p-by-hand": "accepted" } });
  expect(secretNames(refreshed.props)).toEqual(["endpoint", "glanceUrl"]);
  expect(secretNames(refreshed.inputs)).toEqual(["endpoint"]);
  expect(plainText(refreshed.props)).not.toContain(cloud.url);
  expect(plainText(refreshed.inputs)).not.toContain(cloud.url);
});

test("a 503 on one undeclared member's revoke: state keeps it, in undeclaredMembers, while it is live; the next up revokes it", async () => {
  const { id, inputs, refreshed } = await refreshedWith("p-x", "p-y");
  cloud.faults.add({
    method: "DELETE",
    path: memberPath("p-y"),
    status: 503,
    retryAfter: 0,
    times: Infinity,
  });

  const failed = await plugin.failedUpdate(setUrn("golden"), id, refreshed.props, inputs);
  expect(failed.message).toMatch(
    /^ERR_SOME_SHARES_FAILED: .*1 of 2 changes made; 1 failed\. Fix the cause below .*?\. p-y: /,
  );
  expect(live()).toEqual(["p-a", "p-y"]);
  expect(failed.initFailed?.properties).toMatchObject({
    members: { "p-a": true, "p-y": true },
    undeclaredMembers: { "p-y": "pending" },
  });
  expect(Object.keys(failed.initFailed!.properties.shares as object)).toEqual(["p-a", "p-y"]);

  cloud.faults.clear();
  cloud.clearRequests();
  const { outs } = await plugin.update(setUrn("golden"), id, failed.initFailed!.properties, inputs);
  expect(deletes()).toEqual([memberPath("p-y")]);
  expect(live()).toEqual(["p-a"]);
  expect(outs).toMatchObject({ members: { "p-a": true }, undeclaredMembers: {} });
});

test("a revoke whose answer is lost: recorded unconfirmed while it may be live; the next refresh finds it gone", async () => {
  const { id, inputs, refreshed } = await refreshedWith("p-x", "p-y");
  // Glance revokes p-y, and every answer to it is lost on the way back.
  cloud.faults.add({
    method: "DELETE",
    path: memberPath("p-y"),
    reset: true,
    afterServing: true,
    times: Infinity,
  });

  const failed = await plugin.failedUpdate(setUrn("golden"), id, refreshed.props, inputs);
  expect(failed.message).toMatch(/^ERR_SOME_SHARES_FAILED: .*p-y: /);
  expect(statusOf("p-y")).toBeUndefined();
  expect(live()).toEqual(["p-a"]);
  const state = failed.initFailed!.properties;
  expect(state).toMatchObject({ undeclaredMembers: { "p-y": "unconfirmed" } });
  expect(Object.keys(state.shares as object)).toEqual(["p-a", "p-y"]);

  cloud.faults.clear();
  const again = await plugin.read(setUrn("golden"), id, state);
  expect(again.props).toMatchObject({ members: { "p-a": true }, undeclaredMembers: {} });
  expect(Object.keys(again.props.shares as object)).toEqual(["p-a"]);
});
