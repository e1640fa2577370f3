/**
 * examples/share-image (and a small ImageShare program beside it) installed from the packed
 * package and run with the real Pulumi engine, against the local Keystone + Glance and, when
 * REAL_OPENSTACK_FIXTURES is set, a real one. Each case has its own image and stack.
 */
import { randomUUID } from "node:crypto";
import { homedir, tmpdir } from "node:os";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as harness from "../../scripts/lib/pulumi-harness";
import { as, expectReadableFailure, useProgram } from "./program";
import { forEachTarget, localTarget, type E2eTarget } from "./targets";

jest.setTimeout(5 * 60_000);

const IMAGE_MEMBER = "glance:ImageMember";

/** A second program in the same install: one ImageShare of the projects in `memberIds`. */
const IMAGE_SHARE_PROGRAM = {
  "image-share/Pulumi.yaml": [
    "name: image-share",
    "description: One ImageShare of the image with the projects in stack config (e2e).",
    "runtime: nodejs",
    "main: index.js",
    "",
  ].join("\n"),
  "image-share/index.js": [
    'const pulumi = require("@pulumi/pulumi");',
    'const { ImageShare } = require("pulumi-image-member");',
    "const config = new pulumi.Config();",
    'const share = new ImageShare("golden", {',
    '  imageId: config.require("imageId"),',
    '  memberIds: config.requireObject("memberIds"),',
    "});",
    "exports.statuses = share.statuses;",
    "",
  ].join("\n"),
};

/** A third: one ImageMemberSet of the projects in `memberIds`, one engine operation for all. */
const MEMBER_SET_PROGRAM = {
  "member-set/Pulumi.yaml": [
    "name: member-set",
    "description: One ImageMemberSet of the image with the projects in stack config (e2e).",
    "runtime: nodejs",
    "main: index.js",
    "",
  ].join("\n"),
  "member-set/index.js": [
    'const pulumi = require("@pulumi/pulumi");',
    'const { ImageMemberSet } = require("pulumi-image-member");',
    "const config = new pulumi.Config();",
    'const set = new ImageMemberSet("golden", {',
    '  imageId: config.require("imageId"),',
    '  memberIds: config.requireObject("memberIds"),',
    "});",
    "exports.shares = set.shares;",
    "",
  ].join("\n"),
};

const program = useProgram("share-image", "examples/share-image", {
  ...IMAGE_SHARE_PROGRAM,
  ...MEMBER_SET_PROGRAM,
});

forEachTarget(defineCases, defineLocalOnlyCases);

/** Cases that any Keystone + Glance can run. */
function defineCases(open: () => Promise<E2eTarget>): void {
  let target: E2eTarget;
  let counter = 0;
  beforeAll(async () => {
    target = await open();
  });
  afterAll(() => target?.close());

  const pulumi = () => program().pulumi;
  const owner = () => as(target, "owner");
  const consumer = () => target.fixtures.projects.consumer.id;
  const third = () => target.fixtures.projects.third.id;
  const memberPath = (imageId: string, memberId: string) => `/v2/images/${imageId}/members/${memberId}`;

  /** A stack of examples/share-image sharing a new image with `members`. */
  async function newStack(members: string[], extraConfig: Record<string, string> = {}) {
    const imageId = await target.createImage();
    const stack = `${target.name}-${++counter}`;
    await pulumi().stackInit(stack, { imageId, memberProjects: members, ...extraConfig });
    return { stack, imageId };
  }

  async function membersInState(stack: string) {
    return harness.resourcesOf((await pulumi().exportState(stack)).deployment, IMAGE_MEMBER);
  }

  async function cleanUp(stack: string, imageId: string, cwd?: string) {
    await pulumi().run(["destroy", "--yes", "--stack", stack], { ...owner(), cwd, allowFailure: true });
    await pulumi().removeStack(stack, { cwd });
    await target.deleteImage(imageId);
  }

  test("up creates the member; preview right after shows no change; the state holds no secret, token or path", async () => {
    const f = target.fixtures;
    // The owner's password comes from (secret) stack config, the rest from OS_*: both must stay out of state.
    const { stack, imageId } = await newStack([consumer()]);
    await pulumi().configSet(stack, "openstack:password", f.users.owner.password, { secret: true });
    const ownerWithoutPassword: Record<string, string> = { ...target.env("owner") };
    delete ownerWithoutPassword.OS_PASSWORD;

    await pulumi().run(["up", "--yes", "--stack", stack], { env: ownerWithoutPassword });
    expect(await target.members(imageId)).toEqual([{ memberId: consumer(), status: "pending" }]);

    const preview = await pulumi().run(["preview", "--expect-no-changes", "--diff", "--stack", stack], {
      env: ownerWithoutPassword,
    });
    expect(preview.output).toMatch(/\b2 unchanged\b/);

    const exported = await pulumi().exportState(stack);
    const [member] = harness.resourcesOf(exported.deployment, IMAGE_MEMBER);
    expect(member.outputs).toMatchObject({ imageId, memberId: consumer(), status: "pending" });
    const provider = String(member.outputs?.__provider);
    process.stdout.write(
      `[e2e share-image] ${target.name}: __provider in a real stack export: ${Buffer.byteLength(provider)} bytes: ` +
        `${JSON.stringify(provider.split("\n").find((l) => l.includes("require(")))}\n`,
    );
    expect(provider).toContain('require("pulumi-image-member/serialized/image-member")');
    expect(Buffer.byteLength(provider)).toBeLessThanOrEqual(2048);

    const secrets = [...Object.values(f.users).map((u) => u.password), f.applicationCredential.secret];
    for (const secret of secrets) expect(exported.text).not.toContain(secret);
    // Keystone tokens (Fernet, and this package's local server's) start with gAAAA.
    expect(exported.text).not.toMatch(/gAAAA[\w-]{16,}/);
    for (const path of [program().work, program().dir, harness.ROOT, homedir(), "/work/", `${tmpdir()}/`]) {
      expect(exported.text).not.toContain(path);
    }

    await cleanUp(stack, imageId);
  });

  test("refresh picks up the consumer's out-of-band accept, then a member deleted out of band", async () => {
    const { stack, imageId } = await newStack([consumer()]);
    await pulumi().run(["up", "--yes", "--stack", stack], owner());

    await target.setStatus(imageId, consumer(), "accepted");
    await pulumi().run(["refresh", "--yes", "--stack", stack], owner());
    const [refreshed] = await membersInState(stack);
    expect(refreshed.outputs?.status).toBe("accepted");
    await pulumi().run(["preview", "--expect-no-changes", "--stack", stack], owner());

    await target.removeMember(imageId, consumer());
    await pulumi().run(["refresh", "--yes", "--stack", stack], owner());
    expect(await membersInState(stack)).toEqual([]);

    await cleanUp(stack, imageId);
  });

  test("removing a project from the program and running up revokes exactly that share", async () => {
    const { stack, imageId } = await newStack([consumer(), third()]);
    await pulumi().run(["up", "--yes", "--stack", stack], owner());
    expect((await target.members(imageId)).map((m) => m.memberId).sort()).toEqual(
      [consumer(), third()].sort(),
    );

    await pulumi().configSet(stack, "memberProjects", [consumer()]);
    target.local?.clearRequests();
    await pulumi().run(["up", "--yes", "--stack", stack], owner());

    if (target.local) {
      const deletes = target.local.requests.filter((r) => r.method === "DELETE");
      expect(deletes.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        expect.stringMatching(new RegExp(`^DELETE /\\S*${memberPath(imageId, third())} 204$`)),
      ]);
    }
    expect(await target.members(imageId)).toEqual([{ memberId: consumer(), status: "pending" }]);
    expect((await membersInState(stack)).map((r) => r.outputs?.memberId)).toEqual([consumer()]);

    await cleanUp(stack, imageId);
  });

  test("destroy after the member was deleted out of band succeeds (404 from the same project)", async () => {
    const { stack, imageId } = await newStack([consumer()]);
    await pulumi().run(["up", "--yes", "--stack", stack], owner());
    await target.removeMember(imageId, consumer());

    target.local?.clearRequests();
    await pulumi().run(["destroy", "--yes", "--stack", stack], owner());
    expect(await membersInState(stack)).toEqual([]);
    if (target.local) {
      const deletes = target.local.requests.filter((r) => r.method === "DELETE");
      expect(deletes.map((r) => `${r.path} ${r.status}`)).toEqual([
        expect.stringMatching(new RegExp(`${memberPath(imageId, consumer())} 404$`)),
      ]);
    }

    await cleanUp(stack, imageId);
  });

  test("destroy with another project's credentials fails in one readable line and keeps the resource; the owner's succeeds", async () => {
    const { stack, imageId } = await newStack([consumer()]);
    await pulumi().run(["up", "--yes", "--stack", stack], owner());

    const wrong = await pulumi().run(["destroy", "--yes", "--stack", stack], {
      ...as(target, "third"),
      allowFailure: true,
    });
    const line = expectReadableFailure(wrong, /ERR_NOT_FOUND_UNPROVEN|ERR_NOT_IMAGE_OWNER/);
    process.stdout.write(`[e2e share-image] ${target.name}: what the user sees: ${line}\n`);
    expect(line).toMatch(/stays in state/);
    expect((await membersInState(stack)).map((r) => r.outputs?.memberId)).toEqual([consumer()]);
    expect(await target.members(imageId)).toEqual([{ memberId: consumer(), status: "pending" }]);

    await pulumi().run(["destroy", "--yes", "--stack", stack], owner());
    expect(await membersInState(stack)).toEqual([]);
    expect(await target.members(imageId)).toEqual([]);

    await cleanUp(stack, imageId);
  });

  test("up with an image that does not exist fails in one readable line: code, what happened, what to do", async () => {
    const missing = randomUUID();
    const stack = `${target.name}-${++counter}`;
    await pulumi().stackInit(stack, { imageId: missing, memberProjects: [consumer()] });

    const result = await pulumi().run(["up", "--yes", "--stack", stack], { ...owner(), allowFailure: true });
    const line = expectReadableFailure(result, /ERR_NOT_FOUND/);
    process.stdout.write(`[e2e share-image] ${target.name}: what the user sees: ${line}\n`);
    expect(line).toContain(`Image ${missing} was not found`);
    expect(line).toContain("Check the image id");

    await pulumi().removeStack(stack);
  });

  test("ImageShare: removing one project from memberIds deletes exactly one member", async () => {
    const cwd = join(program().dir, "image-share");
    const imageId = await target.createImage();
    const stack = `${target.name}-share-${++counter}`;
    await pulumi().stackInit(stack, { imageId, memberIds: [consumer(), third()] }, { cwd });
    await pulumi().run(["up", "--yes", "--stack", stack], { ...owner(), cwd });
    expect((await target.members(imageId)).map((m) => m.memberId).sort()).toEqual(
      [consumer(), third()].sort(),
    );

    await pulumi().configSet(stack, "memberIds", [consumer()], { cwd });
    target.local?.clearRequests();
    const up = await pulumi().run(["up", "--yes", "--stack", stack], { ...owner(), cwd });
    expect(up.output).toMatch(/\b1 deleted\b/);
    if (target.local) {
      const deletes = target.local.requests.filter((r) => r.method === "DELETE");
      expect(deletes.map((r) => `${r.path} ${r.status}`)).toEqual([
        expect.stringMatching(new RegExp(`${memberPath(imageId, third())} 204$`)),
      ]);
    }
    expect(await target.members(imageId)).toEqual([{ memberId: consumer(), status: "pending" }]);

    await cleanUp(stack, imageId, cwd);
  });

  test("ImageMemberSet: one resource; the preview names the project removed and the one added; up changes exactly those", async () => {
    const cwd = join(program().dir, "member-set");
    const imageId = await target.createImage();
    const stack = `${target.name}-set-${++counter}`;
    await pulumi().stackInit(stack, { imageId, memberIds: [consumer(), third()] }, { cwd });
    const created = await pulumi().run(["up", "--yes", "--stack", stack], { ...owner(), cwd });
    expect(created.output).toMatch(/ImageMemberSet golden created/);
    expect(created.output).not.toMatch(/ImageMember [a-z]/);
    expect((await target.members(imageId)).map((m) => m.memberId).sort()).toEqual(
      [consumer(), third()].sort(),
    );

    const outsider = `p-${randomUUID().slice(0, 8)}`;
    await pulumi().configSet(stack, "memberIds", [consumer(), outsider], { cwd });
    const preview = await pulumi().run(["preview", "--diff", "--stack", stack], { ...owner(), cwd });
    expect(preview.output).toMatch(new RegExp(`-\\s*"?${third()}"?\\s*:`));
    expect(preview.output).toMatch(new RegExp(`\\+\\s*"?${outsider}"?\\s*:`));
    expect(preview.output).not.toMatch(new RegExp(`[-+~]\\s*"?${consumer()}"?\\s*:`));

    target.local?.clearRequests();
    const up = await pulumi().run(["up", "--yes", "--stack", stack], { ...owner(), cwd });
    expect(up.output).toMatch(/\b1 updated\b/);
    if (target.local) {
      const changes = target.local.requests.filter(
        (r) => (r.method === "DELETE" || r.method === "POST") && r.path.includes("/members"),
      );
      expect(changes.map((r) => `${r.method} ${r.path} ${r.status}`).sort()).toEqual([
        expect.stringMatching(new RegExp(`^DELETE \\S*${memberPath(imageId, third())} 204$`)),
        expect.stringMatching(new RegExp(`^POST \\S*/v2/images/${imageId}/members 200$`)),
      ]);
    }
    expect((await target.members(imageId)).map((m) => m.memberId).sort()).toEqual(
      [consumer(), outsider].sort(),
    );

    await pulumi().run(["destroy", "--yes", "--stack", stack], { ...owner(), cwd });
    expect(await target.members(imageId)).toEqual([]);
    await pulumi().removeStack(stack, { cwd });
    await target.deleteImage(imageId);
  });
}

/** Cases that need the local server's controls, or the package itself rather than a cloud. */
function defineLocalOnlyCases(): void {
  let target: E2eTarget;
  beforeAll(async () => {
    target = await localTarget();
  });
  afterAll(() => target?.close());

  const pulumi = () => program().pulumi;
  const owner = () => as(target, "owner");
  const consumer = () => target.fixtures.projects.consumer.id;

  test("ImageMemberSet: an up that fails part-way leaves state naming the shares that exist; the next up and destroy finish", async () => {
    const cloud = target.local!;
    const cwd = join(program().dir, "member-set");
    const imageId = await target.createImage();
    const stack = "local-set-partial";
    const third = target.fixtures.projects.third.id;
    await pulumi().stackInit(stack, { imageId, memberIds: [consumer(), third] }, { cwd });
    await pulumi().run(["up", "--yes", "--stack", stack], { ...owner(), cwd });

    // remove `third` (works) and add two projects, whose shares Glance refuses
    await pulumi().configSet(stack, "memberIds", [consumer(), "p-new-1", "p-new-2"], { cwd });
    cloud.faults.add({
      method: "POST",
      path: `/image/v2/images/${imageId}/members`,
      status: 403,
      times: Infinity,
    });
    const failed = await pulumi().run(["up", "--yes", "--stack", stack], {
      ...owner(),
      cwd,
      allowFailure: true,
    });
    // A partial failure is printed by the engine as "error: 1 error occurred:" and then "* <reason>".
    expect(failed.code).not.toBe(0);
    expect(failed.output).not.toMatch(/\bat .+\.(js|ts):\d+:\d+/);
    const line = failed.output.match(/\* (ERR_SOME_SHARES_FAILED: .*)/)?.[1] ?? failed.output;
    process.stdout.write(`[e2e share-image] what the user sees: ${line}\n`);
    expect(line).toMatch(
      /1 of 3 changes made; 2 failed\. Fix the cause below .*?\. p-new-1, p-new-2: ERR_NOT_IMAGE_OWNER/,
    );
    const [set] = harness.resourcesOf(
      (await pulumi().exportState(stack, { cwd })).deployment,
      "glance:ImageMemberSet",
    );
    expect(Object.keys(set.outputs?.shares as object)).toEqual([consumer()]);
    expect(await target.members(imageId)).toEqual([{ memberId: consumer(), status: "pending" }]);

    cloud.faults.clear();
    await pulumi().run(["up", "--yes", "--stack", stack], { ...owner(), cwd });
    expect((await target.members(imageId)).map((m) => m.memberId).sort()).toEqual(
      [consumer(), "p-new-1", "p-new-2"].sort(),
    );
    await pulumi().run(["destroy", "--yes", "--stack", stack], { ...owner(), cwd });
    expect(await target.members(imageId)).toEqual([]);
    await pulumi().removeStack(stack, { cwd });
  });

  test("destroy after every token issued at up has expired succeeds with fresh credentials", async () => {
    const cloud = target.local!;
    const imageId = await target.createImage();
    const stack = "local-expired";
    await pulumi().stackInit(stack, { imageId, memberProjects: [consumer()] });
    await pulumi().run(["up", "--yes", "--stack", stack], owner());

    cloud.expireAllTokens();
    cloud.clearRequests();
    await pulumi().run(["destroy", "--yes", "--stack", stack], owner());
    const log = cloud.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(log).toContain("POST /v3/auth/tokens 201");
    expect(log).toContainEqual(expect.stringMatching(/^DELETE \S+\/members\/\S+ 204$/));
    expect(cloud.requests.filter((r) => r.status === 401)).toEqual([]);
    expect(await target.members(imageId)).toEqual([]);

    await pulumi().removeStack(stack);
  });

  // Last in this file: it installs another build of the package into the shared program.
  test("after installing a newer build, preview --diff shows no change and destroy runs the NEW code", async () => {
    const imageId = await target.createImage();
    const stack = "local-upgrade";
    await pulumi().stackInit(stack, { imageId, memberProjects: [consumer()] });
    await pulumi().run(["up", "--yes", "--stack", stack], owner());
    const before = await pulumi().exportState(stack);

    // The newer build: another version, and a runtime that notes each hook call in $PIM_E2E_HOOK_LOG.
    const version = "0.1.1-e2e.1";
    const newer = await harness.packModified(join(program().work, "newer"), {
      version,
      patch: (dir) => appendFileSync(join(dir, "dist/resource/runtime.js"), HOOK_LOG_PATCH),
    });
    await harness.installTarball(program().dir, newer);
    const installed = JSON.parse(
      readFileSync(join(program().dir, "node_modules/pulumi-image-member/package.json"), "utf8"),
    ) as { version: string };
    expect(installed.version).toBe(version);

    const hookLog = join(program().work, "hooks.log");
    const preview = await pulumi().run(
      ["preview", "--diff", "--expect-no-changes", "--stack", stack],
      owner(),
    );
    expect(preview.output).toMatch(/\b2 unchanged\b/);
    expect(existsSync(hookLog)).toBe(false);

    await pulumi().run(["destroy", "--yes", "--stack", stack], {
      env: { ...target.env("owner"), PIM_E2E_HOOK_LOG: hookLog },
    });
    const calls = readFileSync(hookLog, "utf8").trim().split("\n");
    process.stdout.write(`[e2e share-image] hooks the destroy ran: ${calls.join(", ")}\n`);
    expect(calls).toContain(`${version} imageMember.delete`);
    expect(await target.members(imageId)).toEqual([]);
    // The state was written by the old build and names no version: the same require as before.
    const [member] = harness.resourcesOf(before.deployment, IMAGE_MEMBER);
    expect(String(member.outputs?.__provider)).not.toContain("0.1.0");

    await pulumi().removeStack(stack);
  });
}

/** Appended to dist/resource/runtime.js of the "newer build" (CommonJS, runs in the provider process). */
const HOOK_LOG_PATCH = `
;(function noteHookCalls() {
  const file = process.env.PIM_E2E_HOOK_LOG;
  if (!file) return;
  const fs = require("fs");
  const version = require("pulumi-image-member/package.json").version;
  for (const name of ["imageMember", "imageMemberAcceptance"]) {
    const hooks = exports[name];
    for (const hook of Object.keys(hooks)) {
      const inner = hooks[hook];
      hooks[hook] = function (...args) {
        fs.appendFileSync(file, version + " " + name + "." + hook + "\\n");
        return inner.apply(this, args);
      };
    }
  }
})();
`;
