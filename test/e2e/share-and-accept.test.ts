/**
 * examples/share-and-accept installed from the packed package: one program acting as two
 * identities through two clouds.yaml entries (`cloud: "owner"`, `cloud: "consumer"`), run with the
 * real engine against the local Keystone + Glance and, when REAL_OPENSTACK_FIXTURES is set, a real one.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as harness from "../../scripts/lib/pulumi-harness";
import { useProgram } from "./program";
import { forEachTarget, type E2eTarget } from "./targets";

jest.setTimeout(5 * 60_000);

/** A second program in the same install: an ImageMemberSet, and the consumer's acceptance of its share. */
const SET_AND_ACCEPT_PROGRAM = {
  "set-and-accept/Pulumi.yaml": [
    "name: set-and-accept",
    "description: An ImageMemberSet as the owner, an ImageMemberAcceptance as one of its projects (e2e).",
    "runtime: nodejs",
    "main: index.js",
    "",
  ].join("\n"),
  "set-and-accept/index.js": [
    'const pulumi = require("@pulumi/pulumi");',
    'const { ImageMemberSet, ImageMemberAcceptance } = require("pulumi-image-member");',
    "const config = new pulumi.Config();",
    'const imageId = config.require("imageId");',
    'const set = new ImageMemberSet("golden", { imageId, memberIds: config.requireObject("memberIds"), cloud: "owner" });',
    'const accept = new ImageMemberAcceptance("accept", { imageId, cloud: "consumer" }, { dependsOn: [set] });',
    "exports.shares = set.shares;",
    "exports.acceptanceStatus = accept.status;",
    "",
  ].join("\n"),
};

const program = useProgram("share-and-accept", "examples/share-and-accept", SET_AND_ACCEPT_PROGRAM);

forEachTarget(defineCases);

function defineCases(open: () => Promise<E2eTarget>): void {
  let target: E2eTarget;
  let clouds: { env: Record<string, string> };
  let cloudsFile: string;
  beforeAll(async () => {
    target = await open();
    cloudsFile = join(program().work, `clouds-${target.name}.yaml`);
    writeFileSync(cloudsFile, target.cloudsYaml(), { mode: 0o600 });
    // No OS_* credentials at all: each resource's `cloud` entry is its whole identity.
    clouds = { env: { OS_CLIENT_CONFIG_FILE: cloudsFile } };
  });
  afterAll(() => target?.close());

  const pulumi = () => program().pulumi;

  test("the consumer's acceptance shows in the owner's refresh; destroy revokes the share", async () => {
    const f = target.fixtures;
    const consumer = f.projects.consumer.id;
    const imageId = await target.createImage();
    const stack = `${target.name}-accept`;
    await pulumi().stackInit(stack, { imageId, consumerProjectId: consumer });

    await pulumi().run(["up", "--yes", "--stack", stack], clouds);
    expect(await target.members(imageId)).toEqual([{ memberId: consumer, status: "accepted" }]);
    expect(await pulumi().outputs(stack)).toEqual({ shareStatus: "pending", acceptanceStatus: "accepted" });

    await pulumi().run(["refresh", "--yes", "--stack", stack], clouds);
    const exported = await pulumi().exportState(stack);
    const [share] = harness.resourcesOf(exported.deployment, "glance:ImageMember");
    expect(share.outputs).toMatchObject({ memberId: consumer, status: "accepted", cloud: "owner" });
    expect(share.outputs?.ownerProjectId).toBe(f.projects.owner.id);
    const [acceptance] = harness.resourcesOf(exported.deployment, "glance:ImageMemberAcceptance");
    expect(acceptance.outputs).toMatchObject({ status: "accepted", cloud: "consumer" });
    expect(acceptance.outputs?.consumerProjectId).toBe(consumer);
    for (const secret of [cloudsFile, f.users.owner.password, f.users.consumer.password]) {
      expect(exported.text).not.toContain(secret);
    }
    await pulumi().run(["preview", "--expect-no-changes", "--stack", stack], clouds);

    await pulumi().run(["destroy", "--yes", "--stack", stack], clouds);
    expect(await target.members(imageId)).toEqual([]);
    expect(harness.resourcesOf((await pulumi().exportState(stack)).deployment, "glance:")).toEqual([]);

    await pulumi().removeStack(stack);
    await target.deleteImage(imageId);
  });

  test("ImageMemberSet and the consumer's acceptance: accepted, refreshed into the set's shares, destroyed in order", async () => {
    const f = target.fixtures;
    const cwd = join(program().dir, "set-and-accept");
    const [consumer, third] = [f.projects.consumer.id, f.projects.third.id];
    const imageId = await target.createImage();
    const stack = `${target.name}-set-accept`;
    await pulumi().stackInit(stack, { imageId, memberIds: [consumer, third] }, { cwd });

    await pulumi().run(["up", "--yes", "--stack", stack], { ...clouds, cwd });
    const byProject = async () =>
      Object.fromEntries((await target.members(imageId)).map((m) => [m.memberId, m.status]));
    expect(await byProject()).toEqual({ [consumer]: "accepted", [third]: "pending" });

    await pulumi().run(["refresh", "--yes", "--stack", stack], { ...clouds, cwd });
    const [set] = harness.resourcesOf(
      (await pulumi().exportState(stack, { cwd })).deployment,
      "glance:ImageMemberSet",
    );
    const shares = set.outputs?.shares as Record<string, { status: string }>;
    expect(Object.fromEntries(Object.entries(shares).map(([id, s]) => [id, s.status]))).toEqual({
      [consumer]: "accepted",
      [third]: "pending",
    });
    await pulumi().run(["preview", "--expect-no-changes", "--stack", stack], { ...clouds, cwd });

    await pulumi().run(["destroy", "--yes", "--stack", stack], { ...clouds, cwd });
    expect(await target.members(imageId)).toEqual([]);
    await pulumi().removeStack(stack, { cwd });
    await target.deleteImage(imageId);
  });
}
