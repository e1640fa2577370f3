/**
 * Project ids that differ only in letter case, against a local Glance whose database compares
 * member ids as MySQL's usual collation does (one member for `abc` and `ABC`): a set or share that
 * asks for both is refused before any request, and a project spelled anew is revoked before it is
 * made again, so every operation ends as it would on a Glance that tells them apart.
 */
import { ImageMemberSet, ImageShare } from "../../provider";
import { createImageMemberProvider } from "../../provider/resource/image-member-provider";
import type { ImageMemberOutputs } from "../../provider/resource/image-member-inputs";
import { createImageMemberSetProvider } from "../../provider/resource/image-member-set-provider";
import type { ImageMemberSetOutputs } from "../../provider/resource/image-member-set-inputs";
import { ProviderContext } from "../../provider/auth/provider-context";
import type { ProviderHooks } from "../../provider/resource/hooks";
import { startLocalCloud, osEnvironment, type LocalCloud } from "../../provider/testing";
import { recordRegistrations } from "./registrations";

recordRegistrations();

let cloud: LocalCloud;
let imageId: string;

beforeAll(async () => {
  cloud = await startLocalCloud({ memberIdCollation: "case-insensitive" });
});
afterAll(() => cloud.close());

beforeEach(() => {
  imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  cloud.faults.clear();
  cloud.clearRequests();
});

function contextAsOwner(): ProviderContext {
  const env = osEnvironment(cloud.fixtures, "owner");
  return new ProviderContext({ env: () => env, policy: { baseDelayMs: 1, maxDelayMs: 5 } });
}

const live = () =>
  cloud
    .members(imageId)
    .map((m) => m.member_id)
    .sort();
const membersPath = () => `/image/v2/images/${imageId}/members`;
const imageRequests = () => cloud.requests.filter((r) => r.path.startsWith(membersPath()));

/** A replacement as the engine runs it: in the order the diff asks for. */
async function replace(hooks: ProviderHooks, id: string, olds: ImageMemberOutputs, news: ImageMemberOutputs) {
  const { replaces, deleteBeforeReplace } = await hooks.diff(id, olds, news);
  expect(replaces).toEqual(["memberId"]);
  if (deleteBeforeReplace) {
    await hooks.delete(id, olds);
    return hooks.create(news);
  }
  const made = await hooks.create(news);
  await hooks.delete(id, olds);
  return made;
}

const CASE_MESSAGE =
  /abc and ABC differ only in letter case, and a Glance on MySQL .* keeps one member for both/;

test("a set listing two spellings of one project is refused by check, naming both, before any request", async () => {
  const hooks = createImageMemberSetProvider(contextAsOwner());
  const { failures } = await hooks.check({}, { imageId, members: { abc: true, ABC: true, other: true } });
  expect(failures).toEqual([{ property: "members", reason: expect.stringMatching(CASE_MESSAGE) }]);
  expect(() => new ImageMemberSet("golden", { imageId, memberIds: ["abc", "other", "ABC"] })).toThrow(
    /ImageMemberSet golden: Project ids abc and ABC differ only in letter case/,
  );
  expect(() => new ImageShare("golden", { imageId, memberIds: ["abc", "ABC"] })).toThrow(
    /ImageShare memberIds: Project ids abc and ABC differ only in letter case/,
  );
  expect(cloud.requests).toEqual([]);
});

test("a set's project spelled anew is revoked before it is made again: one member, in the new spelling", async () => {
  const hooks = createImageMemberSetProvider(contextAsOwner());
  const { outs } = await hooks.create({ imageId, members: { abc: true, p2: true } });
  // Even with the revoke slow to answer, the add waits for it.
  cloud.faults.add({ method: "DELETE", path: `${membersPath()}/abc`, latencyMs: 100 });
  cloud.clearRequests();
  const { outs: updated } = await hooks.update(imageId, outs as ImageMemberSetOutputs, {
    imageId,
    members: { ABC: true, p2: true },
  });
  expect(live()).toEqual(["ABC", "p2"]);
  expect(Object.keys((updated as ImageMemberSetOutputs).shares)).toEqual(["ABC", "p2"]);
  expect(imageRequests().map((r) => `${r.method} ${r.status}`)).toEqual(["DELETE 204", "POST 200"]);
});

test("an ImageMember whose project is spelled anew is replaced revoking first: one member, in the new spelling", async () => {
  const hooks = createImageMemberProvider(contextAsOwner());
  const { id, outs } = await hooks.create({ imageId, memberId: "abc" });
  const olds = outs as ImageMemberOutputs;
  const { outs: replaced } = await replace(hooks, id, olds, { ...olds, memberId: "ABC" });
  expect(live()).toEqual(["ABC"]);
  expect((replaced as ImageMemberOutputs).memberId).toBe("ABC");
});
