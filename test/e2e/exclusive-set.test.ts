/**
 * An exclusive (authoritative) ImageMemberSet under the real engine, from the packed package:
 * members added out of band by the owner, by the cloud's admin and by another stack; refresh,
 * the preview a reviewer reads, up; a secret endpoint; faults part-way; the mode turned on and off;
 * a program that declares an exclusive set's image twice. Against the local Keystone + Glance and,
 * when REAL_OPENSTACK_FIXTURES is set, a real one. Each case has its own image and stacks.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import * as harness from "../../scripts/lib/pulumi-harness";
import { as, expectReadableFailure, removedMembers, useProgram } from "./program";
import { forEachTarget, localTarget, type E2eTarget } from "./targets";

jest.setTimeout(5 * 60_000);

const MEMBER_SET = "glance:ImageMemberSet";

const program = (name: string, description: string, lines: string[]) => ({
  [`${name}/Pulumi.yaml`]: [
    `name: ${name}`,
    `description: ${description}`,
    "runtime: nodejs",
    "main: index.js",
    "",
  ].join("\n"),
  [`${name}/index.js`]: [
    'const pulumi = require("@pulumi/pulumi");',
    'const { ImageMember, ImageMemberSet, ImageShare } = require("pulumi-image-member");',
    "const config = new pulumi.Config();",
    ...lines,
    "",
  ].join("\n"),
});

const PROGRAMS = {
  // The set under test: exclusive from config, the endpoint (when set) from secret config.
  ...program("exclusive-set", "One ImageMemberSet, exclusive when config says so (e2e).", [
    'const set = new ImageMemberSet("golden", {',
    '  imageId: config.require("imageId"),',
    '  memberIds: config.requireObject("memberIds"),',
    '  exclusive: config.getBoolean("exclusive"),',
    '  endpoint: config.getSecret("endpoint"),',
    "});",
    "exports.undeclared = set.undeclaredMembers;",
  ]),
  // Another stack sharing the same image: its members are undeclared members to the set.
  ...program("other-stack", "One ImageShare of the image, in another stack (e2e).", [
    'new ImageShare("other", { imageId: config.require("imageId"), memberIds: config.requireObject("memberIds") });',
  ]),
  // One program declaring an exclusive set's image twice.
  ...program("conflict", "An exclusive set and an ImageMember of the same image (e2e).", [
    'const imageId = config.require("imageId");',
    'new ImageMemberSet("golden", { imageId, memberIds: config.requireObject("memberIds"), exclusive: true });',
    'new ImageMember("by-hand", { imageId, memberId: config.require("memberId") });',
  ]),
};

const installed = useProgram("exclusive-set", "examples/share-image", PROGRAMS);
const pulumi = () => installed().pulumi;
const dirOf = (name: string) => join(installed().dir, name);
const outsider = (who: string) => `p-${who}-${randomUUID().slice(0, 8)}`;

forEachTarget(defineCases, defineLocalOnlyCases);

async function setState(stack: string) {
  const exported = await pulumi().exportState(stack, { cwd: dirOf("exclusive-set") });
  const [set] = harness.resourcesOf(exported.deployment, MEMBER_SET);
  return { set, text: exported.text };
}

/** Cases that any Keystone + Glance can run. */
function defineCases(open: () => Promise<E2eTarget>): void {
  let target: E2eTarget;
  let counter = 0;
  beforeAll(async () => {
    target = await open();
  });
  afterAll(() => target?.close());

  const owner = () => as(target, "owner");
  const consumer = () => target.fixtures.projects.consumer.id;
  const third = () => target.fixtures.projects.third.id;
  const memberIds = async (imageId: string) => (await target.members(imageId)).map((m) => m.memberId).sort();
  const set = (args: string[], stack: string, options: harness.PulumiRunOptions = {}) =>
    pulumi().run([...args, "--stack", stack], { ...owner(), cwd: dirOf("exclusive-set"), ...options });

  async function exclusiveStack(imageId: string, memberIdList: string[]): Promise<string> {
    const stack = `${target.name}-exclusive-${++counter}`;
    await pulumi().stackInit(
      stack,
      { imageId, memberIds: memberIdList, exclusive: "true" },
      { cwd: dirOf("exclusive-set") },
    );
    return stack;
  }

  test("members added by the owner, an admin and another stack: refresh records each with its status, the preview names each on one line, up revokes exactly those", async () => {
    const imageId = await target.createImage();
    const stack = await exclusiveStack(imageId, [consumer()]);
    const other = `${target.name}-other-${++counter}`;
    const otherDir = dirOf("other-stack");
    const [byOwner, byAdmin, late] = [outsider("owner"), outsider("admin"), outsider("late")];
    try {
      await set(["up", "--yes"], stack);

      await target.addMember(imageId, byOwner);
      await target.addMemberAsAdmin(imageId, byAdmin);
      await pulumi().stackInit(other, { imageId, memberIds: [third()] }, { cwd: otherDir });
      await pulumi().run(["up", "--yes", "--stack", other], { ...owner(), cwd: otherDir });
      await target.setStatus(imageId, third(), "accepted"); // the third project uses it: the bigger risk

      await set(["refresh", "--yes"], stack);
      const undeclared = { [byOwner]: "pending", [byAdmin]: "pending", [third()]: "accepted" };
      expect((await setState(stack)).set.outputs?.undeclaredMembers).toEqual(undeclared);

      const preview = await set(["preview", "--diff"], stack);
      process.stdout.write(
        `[e2e exclusive-set] ${target.name}: the preview a reviewer sees:\n${preview.stdout}\n`,
      );
      expect(removedMembers(preview.output)).toEqual(undeclared);
      // The declared member stays an unsigned line of `members`; nothing else shows as changed.
      expect(preview.output).toMatch(new RegExp(`^\\s+${consumer()}\\s*: true$`, "m"));
      expect(preview.output).not.toMatch(/^\s*[-+~]\s*(glanceUrl|shares|endpoint|region|cloud|adopt)\b/m);

      // A member that appears between that preview and the up is not revoked by the up.
      await target.addMember(imageId, late);
      target.local?.clearRequests();
      await set(["up", "--yes"], stack);
      if (target.local) {
        const deletes = target.local.requests.filter((r) => r.method === "DELETE");
        expect(deletes.map((r) => `${r.path} ${r.status}`).sort()).toEqual(
          [byOwner, byAdmin, third()].map((id) => `/image/v2/images/${imageId}/members/${id} 204`).sort(),
        );
      }
      expect(await memberIds(imageId)).toEqual([consumer(), late].sort());
      const { set: after } = await setState(stack);
      expect(after.outputs?.members).toEqual({ [consumer()]: true });
      expect(after.outputs?.undeclaredMembers).toEqual({});

      // The late member waits for a refresh, and then a preview names it.
      await set(["refresh", "--yes"], stack);
      expect(removedMembers((await set(["preview", "--diff"], stack)).output)).toEqual({ [late]: "pending" });

      // The other stack finds its share gone at its refresh (the 404 rule: listed as not a member).
      await pulumi().run(["refresh", "--yes", "--stack", other], { ...owner(), cwd: otherDir });
      await pulumi().run(["destroy", "--yes", "--stack", other], { ...owner(), cwd: otherDir });
      await set(["destroy", "--yes"], stack);
      // destroy revokes the declared share only: the late one was never named by an up's preview.
      expect(await memberIds(imageId)).toEqual([late]);
    } finally {
      await pulumi().run(["destroy", "--yes", "--stack", other], {
        ...owner(),
        cwd: otherDir,
        allowFailure: true,
      });
      await pulumi().removeStack(other, { cwd: otherDir });
      await set(["destroy", "--yes"], stack, { allowFailure: true });
      await pulumi().removeStack(stack, { cwd: dirOf("exclusive-set") });
      await target.deleteImage(imageId);
    }
  });

  test("a secret endpoint: refresh, preview and up store and print no plain copy of it", async () => {
    const imageId = await target.createImage();
    const stack = await exclusiveStack(imageId, [consumer()]);
    const endpoint = target.fixtures.imageUrl;
    // What would give the endpoint away: host, port and path, with or without /v2.
    const bare = endpoint.replace(/^https?:\/\//, "").replace(/\/+$/, "");
    const byHand = outsider("hand");
    try {
      await pulumi().configSet(stack, "endpoint", endpoint, { cwd: dirOf("exclusive-set"), secret: true });
      await set(["up", "--yes"], stack);
      await target.addMember(imageId, byHand);

      await set(["refresh", "--yes"], stack);
      const refreshed = await setState(stack);
      expect(refreshed.set.outputs?.undeclaredMembers).toEqual({ [byHand]: "pending" });
      expect(refreshed.text).not.toContain(bare);

      const preview = await set(["preview", "--diff"], stack);
      process.stdout.write(
        `[e2e exclusive-set] ${target.name}: with a secret endpoint:\n${preview.stdout}\n`,
      );
      expect(removedMembers(preview.output)).toEqual({ [byHand]: "pending" });
      expect(preview.output).not.toContain(bare);
      // The program's secrecy marker for glanceUrl, which a refresh cannot record (docs: Secrets).
      expect(preview.output).toMatch(/^\s*\+\s*glanceUrl\s*: \[secret\]$/m);
      expect(preview.output).toMatch(/^\s*endpoint\s*: \[secret\]$/m);

      const up = await set(["up", "--yes"], stack);
      expect(up.output).not.toContain(bare);
      expect(await memberIds(imageId)).toEqual([consumer()]);
      expect((await setState(stack)).text).not.toContain(bare);
    } finally {
      await set(["destroy", "--yes"], stack, { allowFailure: true });
      await pulumi().removeStack(stack, { cwd: dirOf("exclusive-set") });
      await target.deleteImage(imageId);
    }
  });
}

/** Cases that need the local server's controls (faults, the request log). */
function defineLocalOnlyCases(): void {
  let target: E2eTarget;
  beforeAll(async () => {
    target = await localTarget();
  });
  afterAll(() => target?.close());

  const owner = () => as(target, "owner");
  const consumer = () => target.fixtures.projects.consumer.id;
  const memberIds = async (imageId: string) => (await target.members(imageId)).map((m) => m.memberId).sort();
  const set = (args: string[], stack: string, options: harness.PulumiRunOptions = {}) =>
    pulumi().run([...args, "--stack", stack], { ...owner(), cwd: dirOf("exclusive-set"), ...options });
  const memberPath = (imageId: string, memberId: string) => `/image/v2/images/${imageId}/members/${memberId}`;

  test("a 503 on one revoke part-way: the up fails in one line, state keeps that undeclared member while it is live; the next up revokes it", async () => {
    const cloud = target.local!;
    const imageId = await target.createImage();
    const stack = "local-exclusive-fault";
    await pulumi().stackInit(
      stack,
      { imageId, memberIds: [consumer()], exclusive: "true" },
      { cwd: dirOf("exclusive-set") },
    );
    try {
      await set(["up", "--yes"], stack);
      cloud.addMember(imageId, "p-x");
      cloud.addMember(imageId, "p-y", "accepted");
      await set(["refresh", "--yes"], stack);
      cloud.faults.add({
        method: "DELETE",
        path: memberPath(imageId, "p-y"),
        status: 503,
        retryAfter: 0,
        times: Infinity,
      });

      const failed = await set(["up", "--yes"], stack, { allowFailure: true });
      expect(failed.code).not.toBe(0);
      expect(failed.output).not.toMatch(/\bat .+\.(js|ts):\d+:\d+/);
      const line = failed.output.match(/\* (ERR_SOME_SHARES_FAILED: .*)/)?.[1] ?? failed.output;
      process.stdout.write(`[e2e exclusive-set] what the user sees: ${line}\n`);
      expect(line).toMatch(/1 of 2 changes made; 1 failed\. Fix the cause below .*?\. p-y: /);
      expect(await memberIds(imageId)).toEqual([consumer(), "p-y"].sort());
      const { set: state } = await setState(stack);
      expect(state.outputs?.members).toEqual({ [consumer()]: true, "p-y": true });
      expect(state.outputs?.undeclaredMembers).toEqual({ "p-y": "accepted" });

      cloud.faults.clear();
      cloud.clearRequests();
      await set(["up", "--yes"], stack);
      expect(cloud.requests.filter((r) => r.method === "DELETE").map((r) => `${r.path} ${r.status}`)).toEqual(
        [`${memberPath(imageId, "p-y")} 204`],
      );
      expect(await memberIds(imageId)).toEqual([consumer()]);
      expect((await setState(stack)).set.outputs?.undeclaredMembers).toEqual({});
    } finally {
      cloud.faults.clear();
      await set(["destroy", "--yes"], stack, { allowFailure: true });
      await pulumi().removeStack(stack, { cwd: dirOf("exclusive-set") });
    }
  });

  test("turned on for an existing set: no request until a refresh and a preview name the others; turned off: nothing changes on Glance", async () => {
    const cloud = target.local!;
    const imageId = await target.createImage();
    const stack = "local-exclusive-toggle";
    await pulumi().stackInit(stack, { imageId, memberIds: [consumer()] }, { cwd: dirOf("exclusive-set") });
    try {
      await set(["up", "--yes"], stack);
      cloud.addMember(imageId, "p-other", "accepted");
      await set(["refresh", "--yes"], stack);
      expect(removedMembers((await set(["preview", "--diff"], stack)).output)).toEqual({});

      await pulumi().configSet(stack, "exclusive", "true", { cwd: dirOf("exclusive-set") });
      const on = await set(["preview", "--diff"], stack);
      expect(on.output).toMatch(/\+\s*exclusive\s*: true/);
      expect(removedMembers(on.output)).toEqual({});
      cloud.clearRequests();
      await set(["up", "--yes"], stack);
      expect(cloud.requests.filter((r) => r.method !== "GET" && r.path.includes("/members"))).toEqual([]);
      expect(await memberIds(imageId)).toEqual([consumer(), "p-other"].sort());

      await set(["refresh", "--yes"], stack);
      expect(removedMembers((await set(["preview", "--diff"], stack)).output)).toEqual({
        "p-other": "accepted",
      });

      await pulumi().configSet(stack, "exclusive", "false", { cwd: dirOf("exclusive-set") });
      cloud.clearRequests();
      await set(["up", "--yes"], stack);
      expect(cloud.requests.filter((r) => r.method !== "GET" && r.path.includes("/members"))).toEqual([]);
      expect(await memberIds(imageId)).toEqual([consumer(), "p-other"].sort());
      const { set: off } = await setState(stack);
      expect(off.outputs?.members).toEqual({ [consumer()]: true });
      await set(["refresh", "--yes"], stack);
      await set(["preview", "--diff", "--expect-no-changes"], stack);
    } finally {
      await set(["destroy", "--yes"], stack, { allowFailure: true });
      await pulumi().removeStack(stack, { cwd: dirOf("exclusive-set") });
    }
  });

  test("an exclusive set and an ImageMember of its image in one program: refused in one readable line, no share made", async () => {
    const cloud = target.local!;
    const imageId = await target.createImage();
    const stack = "local-exclusive-conflict";
    const cwd = dirOf("conflict");
    await pulumi().stackInit(stack, { imageId, memberIds: [consumer()], memberId: "p-by-hand" }, { cwd });
    try {
      cloud.clearRequests();
      const result = await pulumi().run(["up", "--yes", "--stack", stack], {
        ...owner(),
        cwd,
        allowFailure: true,
      });
      const line = expectReadableFailure(result, /ERR_EXCLUSIVE_CONFLICT/);
      process.stdout.write(`[e2e exclusive-set] what the user sees: ${line}\n`);
      expect(line).toContain(
        `Declare image ${imageId}'s members in one place: ImageMemberSet golden is exclusive for it, so it would revoke the members of ImageMember by-hand.`,
      );
      expect(cloud.requests.filter((r) => r.method === "POST" && r.path.includes("/members"))).toEqual([]);
      expect(await memberIds(imageId)).toEqual([]);
    } finally {
      await pulumi().run(["destroy", "--yes", "--stack", stack], { ...owner(), cwd, allowFailure: true });
      await pulumi().removeStack(stack, { cwd });
    }
  });
}
