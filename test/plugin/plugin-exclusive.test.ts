/**
 * An exclusive ImageMemberSet through the plugin's gRPC server, against the local Keystone +
 * Glance: refresh records the members nobody declared, up revokes exactly those, and the plugin
 * process refuses a second resource for an exclusive set's image.
 */
import { startLocalCloud, type LocalCloud } from "../../provider/testing";
import { PluginProcess, secretValue } from "./plugin-process";

const setUrn = (name: string) => `urn:pulumi:dev::proj::image-member:index:ImageMemberSet::${name}`;
const memberUrn = (name: string) => `urn:pulumi:dev::proj::image-member:index:ImageMember::${name}`;

let cloud: LocalCloud;
let plugin: PluginProcess;
let imageId: string;

beforeAll(async () => {
  cloud = await startLocalCloud();
  plugin = await PluginProcess.start({ PATH: process.env.PATH, HOME: "/nonexistent" });
  const f = cloud.fixtures;
  await plugin.configure({
    authUrl: f.authUrl,
    userName: f.users.owner.name,
    password: secretValue(f.users.owner.password),
    tenantName: f.projects.owner.name,
    userDomainName: f.domain,
    projectDomainName: f.domain,
    region: f.region,
  });
});
afterAll(async () => {
  plugin?.stop();
  await cloud?.close();
});
beforeEach(() => {
  imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  cloud.clearRequests();
});

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
  expect(refreshed.inputs).toEqual({ imageId, members: { "p-a": true, "p-admin": true }, exclusive: true });

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
