/** The consumer side's hooks against the local Keystone + Glance over HTTP. */
import { startLocalCloud, type LocalCloud } from "../../provider/testing";
import type { Role } from "../../provider/testing/fixtures";
import { createImageMemberAcceptanceProvider } from "../../provider/resource/image-member-acceptance-provider";
import type { ImageMemberAcceptanceOutputs } from "../../provider/resource/image-member-acceptance-inputs";
import { ProviderContext } from "../../provider/auth/provider-context";
import { osEnvironment } from "../../provider/testing";

let cloud: LocalCloud;
let imageId: string;
let slept: number[];

beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(() => cloud.close());

beforeEach(() => {
  imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  cloud.faults.clear();
  cloud.clearRequests();
  slept = [];
});

function hooksAs(role: Role) {
  const env = osEnvironment(cloud.fixtures, role);
  const context = new ProviderContext({ env: () => env, policy: { baseDelayMs: 1, maxDelayMs: 5 } });
  let clock = 0;
  return createImageMemberAcceptanceProvider(context, {
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    now: () => clock,
  });
}

const consumer = () => cloud.fixtures.projects.consumer.id;
const memberPath = () => `/image/v2/images/${imageId}/members/${consumer()}`;
const puts = () => cloud.requests.filter((r) => r.method === "PUT").map((r) => `${r.path} ${r.status}`);

test("create accepts the share as the credentials' project; delete declines it", async () => {
  cloud.addMember(imageId, consumer());
  const hooks = hooksAs("consumer");
  const { id, outs } = await hooks.create({ imageId });
  expect(id).toBe(`${imageId}/${consumer()}`);
  expect(outs).toMatchObject({
    memberId: consumer(),
    memberIdFromCredentials: true,
    status: "accepted",
    consumerProjectId: consumer(),
  });
  expect(cloud.members(imageId)[0].status).toBe("accepted");

  await hooks.delete(id, outs);
  expect(cloud.members(imageId)[0].status).toBe("rejected");
  expect(puts()).toEqual([`${memberPath()} 200`, `${memberPath()} 200`]);
});

test("a membership that is not visible yet is waited for, then accepted", async () => {
  cloud.addMember(imageId, consumer());
  cloud.faults.add({ method: "PUT", path: memberPath(), status: 404, times: 3 });
  const { outs } = await hooksAs("consumer").create({ imageId, memberWaitSeconds: 30 });
  expect(outs.status).toBe("accepted");
  expect(puts()).toHaveLength(4);
  expect(slept).toEqual([1000, 1500, 2250]);
});

test("a membership that never appears fails after the wait with what to check", async () => {
  const error = await hooksAs("consumer")
    .create({ imageId, memberWaitSeconds: 5 })
    .catch((e) => e);
  expect(error.code).toBe("ERR_MEMBER_NOT_VISIBLE");
  expect(error.message).toContain(`Image ${imageId} is not shared with project ${consumer()} (waited 5 s)`);
  expect(slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5000);
});

test("the owner's credentials get a plain 403 explanation", async () => {
  cloud.addMember(imageId, consumer());
  const error = await hooksAs("owner")
    .create({ imageId, memberId: consumer() })
    .catch((e) => e);
  expect(error.code).toBe("ERR_NOT_IMAGE_MEMBER");
  expect(error.message).toContain("Only the member project can accept or reject");
  expect(error.message).toContain(`the credentials act for project ${cloud.fixtures.projects.owner.id}`);
});

test("read reports the current status; update changes it; a revoked share cannot be told from a hidden one", async () => {
  cloud.addMember(imageId, consumer());
  const hooks = hooksAs("consumer");
  const { id, outs } = await hooks.create({ imageId });
  cloud.setMemberStatus(imageId, consumer(), "rejected");
  const read = await hooks.read(id, outs);
  expect(read.props).toMatchObject({ status: "rejected" });

  const diff = await hooks.diff(id, read.props as ImageMemberAcceptanceOutputs, { imageId });
  expect(diff).toMatchObject({ changes: true, replaces: [] });
  const updated = await hooks.update(id, read.props, { imageId, status: "accepted" });
  expect(updated.outs).toMatchObject({ status: "accepted" });
  expect(cloud.members(imageId)[0].status).toBe("accepted");

  // To the member, a revoked share reads as an image made private (whose membership comes back
  // when it is shared again): neither refresh nor delete may take it as gone.
  cloud.removeMember(imageId, consumer());
  await expect(hooks.read(id, outs)).rejects.toMatchObject({ code: "ERR_NOT_FOUND_UNPROVEN" });
  await expect(hooks.delete(id, outs)).rejects.toMatchObject({ code: "ERR_NOT_FOUND_UNPROVEN" });
});

test("check refuses a bad status before any request", async () => {
  const result = await hooksAs("consumer").check({}, { imageId, status: "maybe" });
  expect(result.failures).toEqual([
    { property: "status", reason: expect.stringContaining('"accepted" or "rejected"') },
  ]);
  expect(cloud.requests).toEqual([]);
});

test("an image made public or community: the member's answer is refused for that, not as the owner's credentials", async () => {
  cloud.addMember(imageId, consumer());
  const hooks = hooksAs("consumer");
  const { id, outs } = await hooks.create({ imageId });
  for (const visibility of ["public", "community"] as const) {
    cloud.updateImage(imageId, { visibility });
    const answered = await hooks.create({ imageId }).catch((e) => e);
    const declined = await hooks.delete(id, outs).catch((e) => e);
    const read = await hooks.read(id, outs).catch((e) => e);
    expect(answered).toMatchObject({ code: "ERR_IMAGE_NOT_SHARED", status: 403 });
    expect(declined).toMatchObject({ code: "ERR_IMAGE_NOT_SHARED", status: 403 });
    expect(read).toMatchObject({ code: "ERR_IMAGE_NOT_SHARED", status: 404 });
    for (const e of [answered, declined]) {
      expect(e.message).toContain(`is ${visibility} now: Glance hides the members`);
      expect(e.message).toContain("Ask the image owner to share it again");
      expect(e.message).not.toContain("owner's credentials");
    }
  }
  expect(cloud.members(imageId)).toMatchObject([{ member_id: consumer(), status: "accepted" }]);
});
