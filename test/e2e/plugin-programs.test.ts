/**
 * The provider plugin under the real engine, from the packed package (examples/plugin-programs):
 * a YAML program, a Python program and a Go program, each sharing, refreshing, revoking by removal
 * and destroying, against the local Keystone + Glance and, when REAL_OPENSTACK_FIXTURES is set, a
 * real one. The YAML and Go programs also import an existing share.
 * On the local cloud only: a TypeScript program through its generated SDK, and the plugin tarball
 * (`npm run plugin:package`) installed with `pulumi plugin install` into a PULUMI_HOME of its own,
 * from which a YAML program with no `packages:` entry runs ImageShare.
 * Language hosts and the SDK generator: toolchain/ensure-language-hosts.sh (the engine here is built
 * without them). SDKs are generated from the schema the plugin serves (`pulumi package
 * get-schema`) by pkg/v3's code generators: `pulumi package add` asks the language host to
 * generate, and the hosts built here predate that. The Go program runs as an Automation API inline
 * program (test/e2e/go-inline), since no Go language host is served.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import * as harness from "../../scripts/lib/pulumi-harness";
import { expectReadableFailure, removedMembers, useProgram } from "./program";
import { initStack, onImage, yamlText } from "./yaml-programs";
import { forEachTarget, localTarget, type E2eTarget } from "./targets";

jest.setTimeout(8 * 60_000);

const IMAGE_MEMBER = "image-member:index:ImageMember";
const IMAGE_SHARE = "image-member:index:ImageShare";
const IMAGE_MEMBER_SET = "image-member:index:ImageMemberSet";
const program = useProgram("plugin-programs", "examples/plugin-programs");

let languageHosts: string;
let pulumi: harness.Pulumi;
let python: string;

/** The plugin's launcher, as installed with the package in the programs' node_modules. */
const pluginLauncher = () =>
  join(program().dir, "node_modules", "pulumi-image-member", "plugin", "pulumi-resource-image-member");

let schemaFile: string | undefined;

/**
 * The plugin's SDK for `language`, written to `<dir>/sdks/image-member`: from the schema the
 * plugin serves to the engine, by the code generators `pulumi package add` would run.
 */
async function generateSdk(language: "go" | "nodejs" | "python", dir: string): Promise<string> {
  if (!schemaFile) {
    const schema = await pulumi.run(["package", "get-schema", pluginLauncher()]);
    schemaFile = join(program().work, "image-member-schema.json");
    writeFileSync(schemaFile, schema.stdout);
  }
  const out = join(dir, "sdks", "image-member");
  rmSync(out, { recursive: true, force: true });
  const local = language === "nodejs" ? ["-local"] : [];
  await harness.run(join(languageHosts, "pulumi-image-member-sdk-gen"), [
    ...["-schema", schemaFile, "-language", language, "-out", out],
    ...local,
  ]);
  return out;
}

/** The Python program's venv with its requirements and the plugin's generated SDK. */
async function preparePython(): Promise<void> {
  // The Python host re-creates the venv with the first python3 on PATH: make it with that one.
  await harness.run("python3", ["-m", "venv", "venv"], { cwd: python, env: pulumi.env });
  const sdk = await generateSdk("python", python);
  await harness.run(join(python, "venv", "bin", "pip"), ["install", "-q", "-r", "requirements.txt", sdk], {
    cwd: python,
  });
}

/**
 * The Go example built as an inline program (test/e2e/go-inline/inline.go in place of its main.go)
 * against the generated Go SDK, once per run; returns the binary, which runs one operation per call.
 */
let goBinary: Promise<string> | undefined;
const prepareGo = (): Promise<string> => (goBinary ??= buildGoInline());

async function buildGoInline(): Promise<string> {
  const dir = join(program().dir, "go");
  await generateSdk("go", dir);
  rmSync(join(dir, "main.go"));
  copyFileSync(join(__dirname, "go-inline", "inline.go"), join(dir, "inline.go"));
  const binary = join(dir, "share-image-go-inline");
  await harness.run("go", ["build", "-o", binary, "."], {
    cwd: dir,
    env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", GOWORK: "off" },
    timeoutMs: 20 * 60_000,
  });
  return binary;
}

beforeAll(async () => {
  const hosts = await harness.run("bash", ["toolchain/ensure-language-hosts.sh"], {
    echo: "stderr",
    echoPrefix: "[hosts] ",
  });
  languageHosts = hosts.stdout.trim().split("\n").pop()!;
  const base = program().pulumi;
  // Without npm's variables: under `npx jest`, npm_config_local_prefix names this repository, and
  // the Node.js host's `npm install` in the plugin folder then misses the program's node_modules.
  const env = Object.fromEntries(Object.entries(base.env).filter(([key]) => !/^npm_/i.test(key)));
  pulumi = new harness.Pulumi({ cwd: base.cwd, env: { ...env, PATH: `${languageHosts}:${base.env.PATH}` } });
  python = join(program().dir, "python");
}, 15 * 60_000);

const quotedList = (ids: string[]) => `[${ids.map((id) => `"${id}"`).join(", ")}]`;

/** The migration program: the dynamic provider, then retainOnDelete, then the plugin's SDK (README). */
const MIGRATE_PULUMI_YAML = [
  "name: migrate-to-plugin",
  "runtime: nodejs",
  "main: index.js",
  "packages:",
  "  image-member: ../node_modules/pulumi-image-member/plugin",
  "",
].join("\n");
const MIGRATE_PROGRAM = [
  '"use strict";',
  'const pulumi = require("@pulumi/pulumi");',
  "const config = new pulumi.Config();",
  'const stage = config.require("stage");',
  'const shareImage = config.require("shareImage");',
  'const setImage = config.require("setImage");',
  'const memberIds = config.requireObject("memberIds");',
  'if (stage === "plugin") {',
  '  const plugin = require("@pulumi-image-member/image-member");',
  "  for (const memberId of memberIds)",
  "    new plugin.ImageMember(`share-${memberId}`, { imageId: shareImage, memberId }, { import: `${shareImage}/${memberId}` });",
  '  new plugin.ImageMemberSet("golden", { imageId: setImage, memberIds, adopt: true });',
  "} else {",
  '  const dynamic = require("pulumi-image-member");',
  '  const opts = stage === "retain" ? { retainOnDelete: true } : {};',
  "  for (const memberId of memberIds)",
  "    new dynamic.ImageMember(`share-${memberId}`, { imageId: shareImage, memberId }, opts);",
  '  new dynamic.ImageMemberSet("golden", { imageId: setImage, memberIds }, opts);',
  "}",
  "",
].join("\n");

/** The YAML program with one share per project in `memberIds` (removing one from the list revokes it). */
function yamlProgram(memberIds: string[]): string {
  return yamlText({
    name: "share-image-yaml",
    resources: memberIds.flatMap((id, i) => onImage(`share${i}`, IMAGE_MEMBER, [`memberId: "${id}"`])),
  });
}

/** The YAML program with one ImageMemberSet of the projects in `memberIds`. */
function setYamlProgram(memberIds: string[]): string {
  return yamlText({
    name: "share-image-yaml",
    resources: onImage("golden", IMAGE_MEMBER_SET, [`memberIds: ${quotedList(memberIds)}`]),
    outputs: ["  shares: ${golden.shares}"],
  });
}

/** The YAML program with one exclusive ImageMemberSet of the projects in `memberIds`. */
function exclusiveYamlProgram(memberIds: string[]): string {
  return yamlText({
    name: "share-image-yaml",
    resources: onImage("golden", IMAGE_MEMBER_SET, [
      `memberIds: ${quotedList(memberIds)}`,
      "exclusive: true",
    ]),
    outputs: ["  undeclared: ${golden.undeclaredMembers}"],
  });
}

/** A YAML program using the installed plugin by type token only: one ImageShare of `memberIds`. */
function installedYamlProgram(memberIds: string[]): string {
  return yamlText({
    name: "share-image-installed",
    installed: true,
    resources: onImage("share", IMAGE_SHARE, [`memberIds: ${quotedList(memberIds)}`]),
    outputs: ["  statuses: ${share.statuses}"],
  });
}

/**
 * On the local cloud only (nothing here depends on the Glance): the installed plugin (tarball) and
 * the ImageShare component it serves, and a TypeScript program through the generated SDK.
 */
function localOnlyCases(): void {
  let target: E2eTarget;
  beforeAll(async () => {
    target = await localTarget();
  });
  afterAll(() => target?.close());

  test("TypeScript through the generated SDK: share, refresh, revoke by removal, destroy", async () => {
    const f = target.fixtures;
    const consumer = f.projects.consumer.id;
    const third = f.projects.third.id;
    const cwd = join(program().dir, "typescript");
    await harness.run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd,
      env: pulumi.env,
    });
    await generateSdk("nodejs", cwd);
    // As `pulumi package add` leaves it: the SDK a dependency of the program, built on install.
    await harness.run(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "./sdks/image-member"],
      {
        cwd,
        env: pulumi.env,
      },
    );

    const imageId = await target.createImage();
    const stack = "typescript";
    const ts = (args: string[]) => pulumi.run([...args, "--stack", stack], { cwd });
    const members = async () => (await target.members(imageId)).map((m) => m.memberId).sort();
    try {
      await initStack(pulumi, cwd, stack, target, { imageId, memberIds: [consumer, third] });
      await ts(["up", "--yes"]);
      expect(await members()).toEqual([consumer, third].sort());
      expect(await pulumi.outputs(stack, { cwd })).toEqual({
        statuses: { [consumer]: "pending", [third]: "pending" },
      });
      const state = await pulumi.exportState(stack, { cwd });
      expect(state.text).not.toContain(f.users.owner.password);

      await target.setStatus(imageId, consumer, "accepted");
      await ts(["refresh", "--yes"]);
      const refreshed = harness.resourcesOf(
        (await pulumi.exportState(stack, { cwd })).deployment,
        IMAGE_MEMBER,
      );
      expect(refreshed.find((m) => m.id === `${imageId}/${consumer}`)?.outputs?.status).toBe("accepted");

      await pulumi.configSet(stack, "memberIds", [consumer], { cwd });
      const revoke = await ts(["up", "--yes"]);
      expect(revoke.output).toMatch(new RegExp(`- +${IMAGE_MEMBER} share-${third} deleted`));
      expect(await members()).toEqual([consumer]);

      await ts(["destroy", "--yes"]);
      expect(await members()).toEqual([]);
    } finally {
      await ts(["destroy", "--yes"]).catch(() => undefined);
      await pulumi.removeStack(stack, { cwd });
      await target.deleteImage(imageId);
    }
  });

  test("dynamic provider to plugin: retainOnDelete, then the plugin's types with import and adopt, moves ImageMembers and an ImageMemberSet with no revoke and the acceptance kept", async () => {
    const f = target.fixtures;
    const [consumer, third] = [f.projects.consumer.id, f.projects.third.id];
    const cwd = join(program().dir, "migrate");
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, "Pulumi.yaml"), MIGRATE_PULUMI_YAML);
    writeFileSync(join(cwd, "index.js"), MIGRATE_PROGRAM);
    await generateSdk("nodejs", cwd);
    // The SDK beside the dynamic provider, in the node_modules both programs resolve from.
    await harness.run(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "./migrate/sdks/image-member"],
      { cwd: program().dir, env: pulumi.env },
    );

    const shareImage = await target.createImage();
    const setImage = await target.createImage();
    const stack = "migrate";
    const env = target.env("owner"); // both providers read OS_*: one login for both stages
    const run = (args: string[]) => pulumi.run([...args, "--stack", stack], { cwd, env });
    const memberWrites = () =>
      target.local!.requests.filter((r) => r.method !== "GET" && r.path.includes("/members")).length;
    const members = async (imageId: string) =>
      (await target.members(imageId)).sort((a, b) => a.memberId.localeCompare(b.memberId));
    try {
      await pulumi.stackInit(
        stack,
        { stage: "dynamic", shareImage, setImage, memberIds: [consumer, third] },
        { cwd },
      );
      await run(["up", "--yes"]);
      await target.setStatus(shareImage, consumer, "accepted"); // the consumer accepted both
      await target.setStatus(setImage, consumer, "accepted");
      const before = { shares: await members(shareImage), set: await members(setImage) };
      expect(before.shares.map((m) => m.memberId)).toEqual([consumer, third].sort());

      await pulumi.configSet(stack, "stage", "retain", { cwd });
      const writes = memberWrites();
      await run(["up", "--yes"]);
      expect(memberWrites()).toBe(writes); // recording retainOnDelete sends nothing to Glance

      await pulumi.configSet(stack, "stage", "plugin", { cwd });
      const moved = await run(["up", "--yes"]);
      expect(moved.output).toMatch(/= +image-member:index:ImageMember share-\S+ imported/);
      const ours = (r: { path: string }) =>
        [shareImage, setImage].some((id) => r.path.includes(`/images/${id}/`));
      expect(target.local!.requests.filter((r) => r.method === "DELETE" && ours(r))).toEqual([]);
      expect({ shares: await members(shareImage), set: await members(setImage) }).toEqual(before);
      const state = await pulumi.exportState(stack, { cwd });
      expect(harness.resourcesOf(state.deployment, "glance:ImageMember")).toHaveLength(0);
      expect(harness.resourcesOf(state.deployment, "glance:ImageMemberSet")).toHaveLength(0);
      expect(harness.resourcesOf(state.deployment, IMAGE_MEMBER)).toHaveLength(2);
      expect(harness.resourcesOf(state.deployment, IMAGE_MEMBER_SET)).toHaveLength(1);

      const preview = await pulumi.run(["preview", "--expect-no-changes", "--stack", stack], { cwd, env });
      expect(preview.code).toBe(0);
      await run(["destroy", "--yes"]);
      expect(await target.members(shareImage)).toEqual([]);
      expect(await target.members(setImage)).toEqual([]);
    } finally {
      await run(["destroy", "--yes"]).catch(() => undefined);
      await pulumi.removeStack(stack, { cwd });
      await target.deleteImage(shareImage);
      await target.deleteImage(setImage);
    }
  });

  test("YAML: an exclusive ImageMemberSet and an ImageMember of its image are refused in one readable line; no share made", async () => {
    const cloud = target.local!;
    const imageId = await target.createImage();
    const cwd = join(program().dir, "yaml-conflict");
    mkdirSync(cwd, { recursive: true });
    writeFileSync(
      join(cwd, "Pulumi.yaml"),
      yamlText({
        name: "exclusive-conflict",
        resources: [
          ...onImage("golden", IMAGE_MEMBER_SET, [
            `memberIds: ["${target.fixtures.projects.consumer.id}"]`,
            "exclusive: true",
          ]),
          ...onImage("byHand", IMAGE_MEMBER, ['memberId: "p-by-hand"']),
        ],
      }),
    );
    const stack = "yaml-exclusive-conflict";
    await initStack(pulumi, cwd, stack, target, { imageId });
    try {
      cloud.clearRequests();
      const result = await pulumi.run(["up", "--yes", "--stack", stack], { cwd, allowFailure: true });
      const line = expectReadableFailure(result, /ERR_EXCLUSIVE_CONFLICT/);
      process.stdout.write(`[e2e plugin-programs] what the user sees: ${line}\n`);
      expect(line).toMatch(
        /ImageMemberSet golden is exclusive for it, so it would revoke the members of ImageMember byHand\./,
      );
      expect(cloud.requests.filter((r) => r.method === "POST" && r.path.includes("/members"))).toEqual([]);
      expect(await target.members(imageId)).toEqual([]);
    } finally {
      await pulumi.run(["destroy", "--yes", "--stack", stack], { cwd, allowFailure: true });
      await pulumi.removeStack(stack, { cwd });
    }
  });

  test("plugin tarball: pulumi plugin install --file, then a YAML ImageShare with no packages: entry shares, revokes one by removal, destroys", async () => {
    const work = program().work;
    const packaged = await harness.run("node", [
      "scripts/plugin-package.js",
      "--out",
      join(work, "plugin-tarball"),
    ]);
    const tarball = packaged.stdout.trim().split("\n").pop()!;
    expect(tarball).toMatch(/pulumi-resource-image-member-v\d+\.\d+\.\d+[^/]*-linux-amd64\.tar\.gz$/);
    expect(statSync(tarball).size).toBeLessThan(30e6);

    const dir = join(work, "installed-yaml");
    mkdirSync(dir, { recursive: true });
    const installed = new harness.Pulumi({
      cwd: dir,
      env: { ...pulumi.env, PULUMI_HOME: join(work, "installed-plugin-home") },
    });
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    const install = await installed.run([
      "plugin",
      "install",
      "resource",
      "image-member",
      version,
      "--file",
      tarball,
    ]);
    expect(install.output).toContain("up to date"); // the bundle needs no dependencies
    expect((await installed.run(["plugin", "ls"])).stdout).toMatch(
      new RegExp(`image-member +resource +${version}`),
    );

    const f = target.fixtures;
    const consumer = f.projects.consumer.id;
    const third = f.projects.third.id;
    const imageId = await target.createImage();
    const stack = "installed";
    const up = (args: string[]) => installed.run([...args, "--stack", stack]);
    const members = async () => (await target.members(imageId)).map((m) => m.memberId).sort();
    const memberRequests = (method: string) =>
      target.local!.requests.filter(
        (r) => r.method === method && r.path.includes(`/images/${imageId}/members`),
      );
    writeFileSync(join(dir, "Pulumi.yaml"), installedYamlProgram([consumer, third]));
    try {
      await initStack(installed, dir, stack, target, { imageId });

      await up(["up", "--yes"]);
      expect(await members()).toEqual([consumer, third].sort());
      expect(memberRequests("POST")).toHaveLength(2);
      const state = await installed.exportState(stack);
      expect(harness.resourcesOf(state.deployment, IMAGE_SHARE)).toHaveLength(1);
      expect(
        harness
          .resourcesOf(state.deployment, IMAGE_MEMBER)
          .map((m) => m.id)
          .sort(),
      ).toEqual([`${imageId}/${consumer}`, `${imageId}/${third}`].sort());
      expect(state.text).not.toContain(f.users.owner.password);
      expect(await installed.outputs(stack)).toEqual({
        statuses: { [consumer]: "pending", [third]: "pending" },
      });

      writeFileSync(join(dir, "Pulumi.yaml"), installedYamlProgram([consumer]));
      const revoke = await up(["up", "--yes"]);
      expect(revoke.output).toMatch(new RegExp(`- +${IMAGE_MEMBER} share-${third} deleted`));
      expect(await members()).toEqual([consumer]);
      expect(memberRequests("DELETE").map((r) => r.path)).toEqual([
        expect.stringMatching(new RegExp(`/images/${imageId}/members/${third}$`)),
      ]);

      await up(["destroy", "--yes"]);
      expect(await members()).toEqual([]);
      expect(memberRequests("DELETE")).toHaveLength(2);
    } finally {
      await up(["destroy", "--yes"]).catch(() => undefined);
      await installed.removeStack(stack);
      await target.deleteImage(imageId);
    }
  });
}

forEachTarget((open: () => Promise<E2eTarget>) => {
  let target: E2eTarget;
  let counter = 0;
  beforeAll(async () => {
    target = await open();
  });
  afterAll(() => target?.close());

  const yamlDir = () => join(program().dir, "yaml");
  const consumer = () => target.fixtures.projects.consumer.id;
  const third = () => target.fixtures.projects.third.id;
  const memberIds = async (imageId: string) => (await target.members(imageId)).map((m) => m.memberId).sort();
  const yaml = (args: string[], stack: string, options: harness.PulumiRunOptions = {}) =>
    pulumi.run([...args, "--stack", stack], { cwd: yamlDir(), ...options });

  async function yamlStack(imageId: string): Promise<string> {
    const stack = `yaml-${target.name}-${++counter}`;
    await initStack(pulumi, yamlDir(), stack, target, { imageId });
    return stack;
  }

  test("YAML: share, refresh, revoke by removal, destroy; no password in the resources' state", async () => {
    const imageId = await target.createImage();
    const stack = await yamlStack(imageId);
    try {
      writeFileSync(join(yamlDir(), "Pulumi.yaml"), yamlProgram([consumer(), third()]));
      await yaml(["up", "--yes"], stack);
      expect(await memberIds(imageId)).toEqual([consumer(), third()].sort());

      const state = await pulumi.exportState(stack, { cwd: yamlDir() });
      const members = harness.resourcesOf(state.deployment, IMAGE_MEMBER);
      expect(members.map((m) => m.id).sort()).toEqual(
        [`${imageId}/${consumer()}`, `${imageId}/${third()}`].sort(),
      );
      expect(state.text).not.toContain(target.fixtures.users.owner.password);
      for (const member of members)
        expect(Object.keys(member.inputs as object).sort()).toEqual(["imageId", "memberId"]);

      await target.setStatus(imageId, consumer(), "accepted");
      await yaml(["refresh", "--yes"], stack);
      const refreshed = harness.resourcesOf(
        (await pulumi.exportState(stack, { cwd: yamlDir() })).deployment,
        IMAGE_MEMBER,
      );
      expect(refreshed.find((m) => m.id === `${imageId}/${consumer()}`)?.outputs?.status).toBe("accepted");

      writeFileSync(join(yamlDir(), "Pulumi.yaml"), yamlProgram([consumer()]));
      const revoke = await yaml(["up", "--yes"], stack);
      expect(revoke.output).toMatch(/- +image-member:index:ImageMember share1 deleted/);
      expect(await memberIds(imageId)).toEqual([consumer()]);

      await yaml(["destroy", "--yes"], stack);
      expect(await memberIds(imageId)).toEqual([]);
    } finally {
      await yaml(["destroy", "--yes"], stack, { allowFailure: true });
      await pulumi.removeStack(stack, { cwd: yamlDir() });
      await target.deleteImage(imageId);
    }
  });

  test("YAML ImageMemberSet: the preview names the project removed and the one added; a failure part-way is recorded; destroy revokes all", async () => {
    const cloud = target.local; // the failure part-way needs its fault injection
    const imageId = await target.createImage();
    const stack = await yamlStack(imageId);
    const membersPath = `/image/v2/images/${imageId}/members`;
    try {
      writeFileSync(join(yamlDir(), "Pulumi.yaml"), setYamlProgram([consumer(), third()]));
      await yaml(["up", "--yes"], stack);
      expect(await memberIds(imageId)).toEqual([consumer(), third()].sort());

      writeFileSync(join(yamlDir(), "Pulumi.yaml"), setYamlProgram([consumer(), "p-added"]));
      const preview = await yaml(["preview", "--diff"], stack);
      expect(preview.output).toMatch(new RegExp(`-\\s*"?${third()}"?\\s*:`));
      expect(preview.output).toMatch(/\+\s*"?p-added"?\s*:/);

      if (cloud) {
        cloud.faults.add({ method: "POST", path: membersPath, status: 403, times: Infinity });
        const failed = await yaml(["up", "--yes"], stack, { allowFailure: true });
        expect(failed.code).not.toBe(0);
        expect(failed.output).toMatch(
          /ERR_SOME_SHARES_FAILED: .*1 of 2 changes made; 1 failed\. Fix the cause below .*?\. p-added: ERR_NOT_IMAGE_OWNER/,
        );
        const [set] = harness.resourcesOf(
          (await pulumi.exportState(stack, { cwd: yamlDir() })).deployment,
          IMAGE_MEMBER_SET,
        );
        expect(Object.keys(set.outputs?.shares as object)).toEqual([consumer()]);
        expect(await memberIds(imageId)).toEqual([consumer()]);

        cloud.faults.clear();
      }
      await yaml(["up", "--yes"], stack);
      expect(await memberIds(imageId)).toEqual([consumer(), "p-added"].sort());
      await yaml(["destroy", "--yes"], stack);
      expect(await memberIds(imageId)).toEqual([]);
    } finally {
      cloud?.faults.clear();
      await yaml(["destroy", "--yes"], stack, { allowFailure: true });
      await pulumi.removeStack(stack, { cwd: yamlDir() });
      await target.deleteImage(imageId);
    }
  });

  test("YAML exclusive ImageMemberSet: members added by the owner, an admin and by hand accepted; the preview names each with its status; a failure part-way is recorded; up revokes exactly those", async () => {
    const cloud = target.local; // the failure part-way needs its fault injection
    const imageId = await target.createImage();
    const stack = await yamlStack(imageId);
    const [byOwner, byAdmin, late] = ["owner", "admin", "late"].map(
      (who) => `p-${who}-${randomUUID().slice(0, 8)}`,
    );
    try {
      writeFileSync(join(yamlDir(), "Pulumi.yaml"), exclusiveYamlProgram([consumer()]));
      await yaml(["up", "--yes"], stack);
      await target.addMember(imageId, byOwner);
      await target.addMemberAsAdmin(imageId, byAdmin);
      await target.addMember(imageId, third());
      await target.setStatus(imageId, third(), "accepted");

      await yaml(["refresh", "--yes"], stack);
      const undeclared = { [byOwner]: "pending", [byAdmin]: "pending", [third()]: "accepted" };
      const stateOf = async () =>
        harness.resourcesOf(
          (await pulumi.exportState(stack, { cwd: yamlDir() })).deployment,
          IMAGE_MEMBER_SET,
        )[0];
      expect((await stateOf()).outputs?.undeclaredMembers).toEqual(undeclared);
      const preview = await yaml(["preview", "--diff"], stack);
      expect(removedMembers(preview.output)).toEqual(undeclared);
      expect(preview.output).toMatch(new RegExp(`^\\s+${consumer()}\\s*: true$`, "m"));

      if (cloud) {
        const path = `/image/v2/images/${imageId}/members/${byAdmin}`;
        cloud.faults.add({ method: "DELETE", path, status: 503, retryAfter: 0, times: Infinity });
        const failed = await yaml(["up", "--yes"], stack, { allowFailure: true });
        expect(failed.code).not.toBe(0);
        expect(failed.output).toMatch(
          new RegExp(
            `ERR_SOME_SHARES_FAILED: .*2 of 3 changes made; 1 failed\\. Fix the cause below .*?\\. ${byAdmin}: `,
          ),
        );
        expect(await memberIds(imageId)).toEqual([consumer(), byAdmin].sort());
        expect((await stateOf()).outputs?.undeclaredMembers).toEqual({ [byAdmin]: "pending" });
        cloud.faults.clear();
      }
      // A member that appears after the preview is not revoked by the up.
      await target.addMember(imageId, late);
      await yaml(["up", "--yes"], stack);
      expect(await memberIds(imageId)).toEqual([consumer(), late].sort());
      expect((await stateOf()).outputs?.undeclaredMembers).toEqual({});

      await yaml(["destroy", "--yes"], stack);
      expect(await memberIds(imageId)).toEqual([late]);
    } finally {
      cloud?.faults.clear();
      await yaml(["destroy", "--yes"], stack, { allowFailure: true });
      await pulumi.removeStack(stack, { cwd: yamlDir() });
      await target.deleteImage(imageId);
    }
  });

  test("YAML: pulumi import <type> <name> imageId/memberId into a stack with no resources yet, then no diff; destroy revokes it", async () => {
    const imageId = await target.createImage();
    const stack = await yamlStack(imageId);
    try {
      await target.addMember(imageId, consumer()); // a share made outside Pulumi
      // No provider in the stack yet: the import makes the default one from `packages:` and stack config.
      writeFileSync(join(yamlDir(), "Pulumi.yaml"), yamlProgram([]));
      const imported = await yaml(
        ["import", IMAGE_MEMBER, "share0", `${imageId}/${consumer()}`, "--yes", "--protect=false"],
        stack,
      );
      expect(imported.output).toMatch(/= 1 imported/);
      expect(imported.output).toContain(`memberId: ${consumer()}`);

      writeFileSync(join(yamlDir(), "Pulumi.yaml"), yamlProgram([consumer()]));
      const preview = await yaml(["preview", "--diff", "--expect-no-changes"], stack);
      expect(preview.code).toBe(0);

      await yaml(["destroy", "--yes"], stack);
      expect(await memberIds(imageId)).toEqual([]);
    } finally {
      await yaml(["destroy", "--yes"], stack, { allowFailure: true });
      await pulumi.removeStack(stack, { cwd: yamlDir() });
      await target.deleteImage(imageId);
    }
  });

  test("Go (inline program, generated SDK): share, refresh, revoke by removal, import an existing share with no diff, destroy", async () => {
    const driver = await prepareGo();
    const cwd = join(program().dir, "go");
    const imageId = await target.createImage();
    const stack = `go-${target.name}-${++counter}`;
    const go = (operation: string, options: harness.PulumiRunOptions = {}) =>
      harness.run(driver, [stack, operation], { cwd, env: pulumi.env, ...options });
    const statusOf = async (memberId: string) =>
      harness
        .resourcesOf((await pulumi.exportState(stack, { cwd })).deployment, IMAGE_MEMBER)
        .find((m) => m.id === `${imageId}/${memberId}`)?.outputs?.status;
    try {
      await initStack(pulumi, cwd, stack, target, { imageId, memberIds: [consumer(), third()] });
      await go("up");
      expect(await memberIds(imageId)).toEqual([consumer(), third()].sort());
      expect(await pulumi.outputs(stack, { cwd })).toEqual({
        statuses: { [consumer()]: "pending", [third()]: "pending" },
      });

      await target.setStatus(imageId, consumer(), "accepted");
      await go("refresh");
      expect(await statusOf(consumer())).toBe("accepted");

      await pulumi.configSet(stack, "memberIds", [consumer()], { cwd });
      const revoke = await go("up");
      expect(revoke.output).toMatch(new RegExp(`- +${IMAGE_MEMBER} share-${third()} deleted`));
      expect(await memberIds(imageId)).toEqual([consumer()]);

      await target.addMember(imageId, third()); // a share made outside Pulumi
      await pulumi.configSet(stack, "memberIds", [consumer(), third()], { cwd });
      await pulumi.configSet(stack, "importMemberIds", [third()], { cwd });
      const imported = await go("up");
      expect(imported.output).toMatch(new RegExp(`= +${IMAGE_MEMBER} share-${third()} imported`));
      expect(await statusOf(third())).toBe("pending");
      const preview = await go("preview", { allowFailure: true });
      expect(preview.code).toBe(0); // preview expects no changes: it fails on any

      await go("destroy");
      expect(await memberIds(imageId)).toEqual([]);
    } finally {
      await go("destroy", { allowFailure: true });
      await pulumi.removeStack(stack, { cwd });
      await target.deleteImage(imageId);
    }
  });

  test("Python: two explicit providers (owner, consumer) share and accept; refresh; revoke by removal; destroy", async () => {
    await preparePython();
    const imageId = await target.createImage();
    const stack = `python-${target.name}-${++counter}`;
    const cloudsYaml = join(python, `clouds-${stack}.yaml`);
    writeFileSync(cloudsYaml, target.cloudsYaml());
    // The venv active, as the sdk/v3 v3.79.0 Python host needs: it does not read Pulumi.yaml's
    // `virtualenv` option, and runs the program with the first python3 on PATH.
    const venv = join(python, "venv");
    const env = {
      OS_CLIENT_CONFIG_FILE: cloudsYaml,
      VIRTUAL_ENV: venv,
      PATH: `${join(venv, "bin")}:${pulumi.env.PATH}`,
    };
    const py = (args: string[]) => pulumi.run([...args, "--stack", stack], { cwd: python, env });
    try {
      await pulumi.stackInit(
        stack,
        { imageId, memberIds: [consumer(), third()], acceptAs: consumer() },
        { cwd: python },
      );
      await py(["up", "--yes"]);
      expect(await target.members(imageId)).toEqual(
        expect.arrayContaining([
          { memberId: consumer(), status: "accepted" },
          { memberId: third(), status: "pending" },
        ]),
      );
      const outputs = await pulumi.outputs(stack, { cwd: python });
      expect(outputs.accepted).toBe("accepted");

      await target.setStatus(imageId, third(), "rejected");
      await py(["refresh", "--yes"]);
      const after = harness.resourcesOf(
        (await pulumi.exportState(stack, { cwd: python })).deployment,
        IMAGE_MEMBER,
      );
      expect(after.find((m) => m.id === `${imageId}/${third()}`)?.outputs?.status).toBe("rejected");

      await pulumi.configSet(stack, "memberIds", [consumer()], { cwd: python });
      await py(["up", "--yes"]);
      expect(await memberIds(imageId)).toEqual([consumer()]);

      await py(["destroy", "--yes"]);
      expect(await memberIds(imageId)).toEqual([]);
    } finally {
      await py(["destroy", "--yes"]).catch(() => undefined);
      await pulumi.removeStack(stack, { cwd: python });
      await target.deleteImage(imageId);
    }
  });
}, localOnlyCases);
