/**
 * An exclusive (authoritative) ImageMemberSet through its hooks, against the local Keystone +
 * Glance: refresh records the members nobody declared, up revokes exactly those, and nothing a
 * preview did not show.
 */
import fc from "fast-check";
import { startLocalCloud, osEnvironment, type LocalCloud } from "../../provider/testing";
import { engineFacing } from "../../provider/resource/engine-errors";
import { createImageMemberSetProvider } from "../../provider/resource/image-member-set-provider";
import type {
  ImageMemberSetInputs,
  ImageMemberSetOutputs,
} from "../../provider/resource/image-member-set-inputs";
import { ProviderContext } from "../../provider/auth/provider-context";

let cloud: LocalCloud;
let imageId: string;

beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(() => cloud.close());

beforeEach(() => {
  imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  cloud.faults.clear();
  cloud.clearRequests();
});

const hooks = createImageMemberSetProvider(
  new ProviderContext({
    env: () => osEnvironment(cloud.fixtures, "owner"),
    policy: { baseDelayMs: 1, maxDelayMs: 5 },
    warn: () => undefined,
  }),
);

const members = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id, true as const]));
const exclusive = (...ids: string[]): ImageMemberSetInputs => ({
  imageId,
  members: members(...ids),
  exclusive: true,
});
const live = () =>
  cloud
    .members(imageId)
    .map((m) => m.member_id)
    .sort();
const requests = () => cloud.requests.map((r) => `${r.method} ${r.path} ${r.status}`).sort();
const memberPath = (memberId: string) => `/image/v2/images/${imageId}/members/${memberId}`;

async function created(inputs: ImageMemberSetInputs): Promise<ImageMemberSetOutputs> {
  return (await hooks.create(inputs)).outs as ImageMemberSetOutputs;
}
async function refreshed(state: ImageMemberSetOutputs) {
  return (await hooks.read(imageId, state)) as {
    props: ImageMemberSetOutputs;
    inputs?: Record<string, unknown>;
  };
}
async function updated(state: ImageMemberSetOutputs, news: ImageMemberSetInputs) {
  return (await hooks.update(imageId, state, news)).outs as ImageMemberSetOutputs;
}

test("refresh records members added by an admin and by the owner, with their status; up revokes exactly those", async () => {
  const state = await created(exclusive("p-a"));
  cloud.addMember(imageId, "p-admin", "accepted");
  await hooks.create({ imageId, members: members("p-script") }); // the owner's own script
  cloud.clearRequests();

  const { props, inputs } = await refreshed(state);
  expect(requests()).toEqual([`GET /image/v2/images/${imageId}/members 200`]);
  expect(props.members).toEqual(members("p-a", "p-admin", "p-script"));
  expect(props.undeclaredMembers).toEqual({ "p-admin": "accepted", "p-script": "pending" });
  expect(props.shares["p-admin"].status).toBe("accepted");
  // The inputs the preview compares with the program's: each undeclared member shows as
  // `- <id>: "<status>"`. Only inputs the program gives: none computed from a (maybe secret) input.
  expect(inputs).toEqual({
    imageId,
    members: { "p-a": true, "p-admin": "accepted", "p-script": "pending" },
    exclusive: true,
  });

  expect(await hooks.diff(imageId, props, exclusive("p-a"))).toMatchObject({ changes: true, replaces: [] });
  cloud.clearRequests();
  const after = await updated(props, exclusive("p-a"));
  expect(requests()).toEqual([`DELETE ${memberPath("p-admin")} 204`, `DELETE ${memberPath("p-script")} 204`]);
  expect(live()).toEqual(["p-a"]);
  expect(after.members).toEqual(members("p-a"));
  expect(after.undeclaredMembers).toEqual({});
});

test("a member added after the refresh is not revoked by that up: it waits for a refresh and a preview", async () => {
  const state = await created(exclusive("p-a"));
  cloud.addMember(imageId, "p-early");
  const { props } = await refreshed(state);
  cloud.addMember(imageId, "p-late");
  cloud.clearRequests();

  const after = await updated(props, exclusive("p-a"));
  expect(requests()).toEqual([`DELETE ${memberPath("p-early")} 204`]);
  expect(live()).toEqual(["p-a", "p-late"]);
  expect(after.members).toEqual(members("p-a"));
});

test("a fault part-way through the revocations: state keeps the undeclared member still live, the next up revokes it", async () => {
  const state = await created(exclusive("p-a"));
  cloud.addMember(imageId, "p-x", "accepted");
  cloud.addMember(imageId, "p-y");
  const { props } = await refreshed(state);
  cloud.faults.add({ method: "DELETE", path: memberPath("p-y"), status: 403, times: Infinity });

  const e = engineFacing(await caught(hooks.update(imageId, props, exclusive("p-a")))) as Error & {
    properties?: ImageMemberSetOutputs;
  };
  expect(e.message).toMatch(
    /^ERR_SOME_SHARES_FAILED: .*1 of 2 changes made; 1 failed\. Fix the cause below .*?\. p-y: /,
  );
  expect(live()).toEqual(["p-a", "p-y"]);
  expect(e.properties!.members).toEqual(members("p-a", "p-y"));
  expect(e.properties!.undeclaredMembers).toEqual({ "p-y": "pending" });

  cloud.faults.clear();
  const after = await updated(e.properties!, exclusive("p-a"));
  expect(live()).toEqual(["p-a"]);
  expect(after.undeclaredMembers).toEqual({});
});

test("the 404 rule: an undeclared member revoked out of band before up is gone with proof, and dropped", async () => {
  const state = await created(exclusive("p-a"));
  cloud.addMember(imageId, "p-x");
  const { props } = await refreshed(state);
  cloud.removeMember(imageId, "p-x");
  cloud.clearRequests();

  const after = await updated(props, exclusive("p-a"));
  expect(requests()).toContain(`DELETE ${memberPath("p-x")} 404`);
  expect(after.members).toEqual(members("p-a"));
  expect(after.undeclaredMembers).toEqual({});
});

test("turned on: no request, the next refresh records the others; turned off: dropped from state, left on Glance", async () => {
  const plain = await created({ imageId, members: members("p-a") });
  cloud.addMember(imageId, "p-other", "accepted");
  cloud.clearRequests();

  expect(await hooks.diff(imageId, plain, exclusive("p-a"))).toMatchObject({ changes: true });
  const on = await updated(plain, exclusive("p-a"));
  expect(requests()).toEqual([]);
  expect(on).toMatchObject({ exclusive: true, members: members("p-a"), undeclaredMembers: {} });

  const { props } = await refreshed(on);
  expect(props.undeclaredMembers).toEqual({ "p-other": "accepted" });

  cloud.clearRequests();
  const off = await updated(props, { imageId, members: members("p-a") });
  expect(requests()).toEqual([]);
  expect(live()).toEqual(["p-a", "p-other"]);
  expect(off.members).toEqual(members("p-a"));
  expect(off.undeclaredMembers).toEqual({});
});

test("an undeclared member the program then declares is kept, not revoked; destroy leaves undeclared ones to a preview", async () => {
  const state = await created(exclusive("p-a"));
  cloud.addMember(imageId, "p-x");
  cloud.addMember(imageId, "p-y");
  const { props } = await refreshed(state);
  cloud.clearRequests();

  const declared = await updated(props, exclusive("p-a", "p-x"));
  expect(requests()).toEqual([`DELETE ${memberPath("p-y")} 204`]);
  expect(declared.undeclaredMembers).toEqual({});
  expect(declared.members).toEqual(members("p-a", "p-x"));

  cloud.addMember(imageId, "p-z");
  const { props: again } = await refreshed(declared);
  await hooks.delete(imageId, again);
  expect(live()).toEqual(["p-z"]);
});

test("a non-exclusive set's refresh records no other member and no inputs", async () => {
  const state = await created({ imageId, members: members("p-a") });
  cloud.addMember(imageId, "p-other");
  const read = await refreshed(state);
  expect(read.props.members).toEqual(members("p-a"));
  expect(read.inputs).toBeUndefined();
});

test("check refuses an exclusive that is not true or false, before any request", async () => {
  const checked = await hooks.check({}, { imageId, members: members("p-a"), exclusive: "yes" });
  expect(checked.failures).toEqual([{ property: "exclusive", reason: "exclusive must be true or false." }]);
  expect(cloud.requests).toEqual([]);
});

test("property: up revokes exactly the undeclared members the last refresh recorded", async () => {
  const ids = ["p-1", "p-2", "p-3", "p-4", "p-5", "p-6"];
  await fc.assert(
    fc.asyncProperty(
      fc.subarray(ids),
      fc.subarray(ids),
      fc.subarray(ids),
      async (declared, before, after) => {
        imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
        const state = await created(exclusive(...declared));
        const outOfBand = (list: string[]) => list.filter((id) => !declared.includes(id));
        for (const id of outOfBand(before)) cloud.addMember(imageId, id);
        const { props } = await refreshed(state);
        const late = outOfBand(after).filter((id) => !before.includes(id));
        for (const id of late) cloud.addMember(imageId, id);
        cloud.clearRequests();
        await updated(props, exclusive(...declared));
        const revoked = cloud.requests.filter((r) => r.method === "DELETE").map((r) => r.path);
        expect(revoked.sort()).toEqual(outOfBand(before).map(memberPath).sort());
        expect(live()).toEqual([...declared, ...late].sort());
      },
    ),
    { numRuns: 25 },
  );
});

async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error("expected a failure");
}
