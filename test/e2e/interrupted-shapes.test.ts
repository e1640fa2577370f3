/**
 * `pulumi up` killed with SIGKILL in each shape an interrupted deployment can take, then recovered
 * with `pulumi-image-member-recover --stack` (export with secrets shown, settle, import), `pulumi
 * refresh` and `pulumi up`: an ImageMember replacement (create-before-delete, another image) with
 * secret member ids, one delete-before-replace (the member ids respelled), an ImageMemberSet's
 * create and its update, and the ImageMember and
 * ImageMemberSet creates of YAML programs through the provider plugin. At the end every share on
 * the server is in state, nothing is pending, and `pulumi preview` shows no change. Local server
 * only: latency on POST .../members makes the kill land while creates are in flight.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import * as harness from "../../scripts/lib/pulumi-harness";
import { as, prepareProgram, useProgram, type E2eProgram } from "./program";
import { localTarget, type E2eTarget } from "./targets";
import { initStack, onImage, yamlText } from "./yaml-programs";

jest.setTimeout(12 * 60_000);

/** Shares by kind, or one set, as stack config says; member ids secret when `secretIds` is set. */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ImageMember, ImageMemberSet } from "pulumi-image-member";

const config = new pulumi.Config();
const imageId = config.require("imageId");
const memberProjects = config.requireObject<string[]>("memberProjects");
const secretIds = config.getBoolean("secretIds") ?? false;
// Names that do not spell the (secret) member ids, and a secret image id.
const numbered = config.getBoolean("numbered") ?? false;
const image = config.getBoolean("secretImage") ? pulumi.secret(imageId) : imageId;

if (config.get("kind") === "set") {
  new ImageMemberSet("golden", { imageId: image, memberIds: memberProjects });
} else {
  memberProjects.forEach((memberId, i) =>
    new ImageMember(numbered ? \`share-\${i}\` : \`share-\${memberId}\`, {
      imageId: image,
      memberId: secretIds ? pulumi.secret(memberId) : memberId,
    }),
  );
}
`;

const program = useProgram("interrupted-shapes", "examples/share-image", { "index.ts": PROGRAM });
let pluginProgram: E2eProgram | undefined;
/** The plugin's example programs, installed once beside the first (one timing report for both). */
const plugins = () => pluginProgram!;
let target: E2eTarget;

beforeAll(async () => {
  target = await localTarget();
  pluginProgram = await prepareProgram("examples/plugin-programs");
}, 15 * 60_000);

afterAll(() => {
  pluginProgram?.dispose();
  return target?.close();
});

const FAST_MS = 300;
const SLOW_MS = 5000;
const members = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `p${String(i + from).padStart(2, "0")}`);

/** Processes started in `dir` or naming it: the killed engine's language host and plugins. Linux /proc. */
function processesOf(dir: string): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)
    .filter((pid) => {
      try {
        const cwd = readlinkSync(`/proc/${pid}/cwd`);
        const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        return cwd.startsWith(dir) || argv.includes(`${dir}/`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function endProcesses(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

/**
 * `pulumi up` killed with SIGKILL while POST .../members requests are in flight: the first `fast`
 * answered at once, the others slowly. Its plugins finish what they had sent, then are ended.
 */
async function killedUp(
  pulumi: harness.Pulumi,
  cwd: string,
  stack: string,
  env: Record<string, string>,
  fast: number,
  procDir = cwd,
) {
  const cloud = target.local!;
  for (let i = 0; i < 64; i++)
    cloud.faults.add({ method: "POST", path: /\/members$/, latencyMs: i < fast ? FAST_MS : SLOW_MS });
  cloud.clearRequests();
  const child = spawn("pulumi", ["up", "--yes", "--non-interactive", "--color", "never", "--stack", stack], {
    cwd,
    env: { ...pulumi.env, ...env },
    stdio: "ignore",
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  while (!cloud.requests.some((r) => r.method === "POST" && r.path.endsWith("/members"))) await sleep(50);
  await sleep(FAST_MS + 2000);
  child.kill("SIGKILL");
  await exited;
  await sleep(SLOW_MS + 2000);
  endProcesses(processesOf(procDir));
  cloud.faults.clear();
}

interface Exported {
  resources?: { urn: string; type: string; id?: string; outputs?: Record<string, unknown> }[];
  pending_operations?: { type: string; resource: { urn: string } }[];
}

async function deploymentOf(pulumi: harness.Pulumi, stack: string, cwd: string): Promise<Exported> {
  return (await pulumi.exportState(stack, { cwd })).deployment.deployment as Exported;
}

/** The package's one-command recovery, as a user runs it from the program's directory. */
async function recover(
  pulumi: harness.Pulumi,
  cwd: string,
  stack: string,
  root = cwd,
): Promise<harness.RunResult> {
  await pulumi.run(["cancel", "--yes", "--stack", stack], { cwd, allowFailure: true });
  const bin = join(root, "node_modules/.bin/pulumi-image-member-recover");
  const result = await harness.run(bin, ["--stack", stack, "--cwd", cwd], { cwd, env: pulumi.env });
  process.stdout.write(`[e2e interrupted-shapes] ${result.stderr.trim().split("\n").pop()}\n`);
  return result;
}

/** refresh, up and preview as `role` after recovery: nothing pending, no change left. */
async function settle(pulumi: harness.Pulumi, cwd: string, stack: string, env: Record<string, string>) {
  await pulumi.run(["refresh", "--yes", "--stack", stack], { cwd, env });
  await pulumi.run(["up", "--yes", "--stack", stack], { cwd, env });
  expect((await deploymentOf(pulumi, stack, cwd)).pending_operations ?? []).toEqual([]);
  await pulumi.run(["preview", "--expect-no-changes", "--stack", stack], { cwd, env });
}

/** An id made of a secret input, as state records it: `secret-` and 32 hex digits of its SHA-256. */
const hashedId = (plain: string) => `secret-${createHash("sha256").update(plain).digest("hex").slice(0, 32)}`;

test("secret member ids, or a set's secret image id: no plain secret in state after up, the id included; preview clean, destroy revokes", async () => {
  const pulumi = program().pulumi;
  const owner = as(target, "owner").env;
  const projects = [0, 1].map(() => randomUUID().replace(/-/g, ""));
  for (const kind of ["member", "set"] as const) {
    const imageId = await target.createImage();
    const stack = `secret-ids-${kind}`;
    const secrets = kind === "member" ? projects : [imageId];
    await pulumi.stackInit(stack, {
      kind,
      ...(kind === "member"
        ? { imageId, secretIds: "true", numbered: "true" }
        : { memberProjects: projects, secretImage: "true" }),
    });
    // What the program takes secret comes from secret config (the provider's inputs record it).
    if (kind === "member") await pulumi.configSet(stack, "memberProjects", projects, { secret: true });
    else await pulumi.configSet(stack, "imageId", imageId, { secret: true });
    try {
      await pulumi.run(["up", "--yes", "--stack", stack], { env: owner });
      expect(await onServer(imageId)).toEqual([...projects].sort());
      const exported = await pulumi.exportState(stack);
      for (const secret of secrets) {
        const at = exported.text.indexOf(secret);
        expect({ kind, leak: at < 0 ? "" : exported.text.slice(Math.max(0, at - 300), at + 40) }).toEqual({
          kind,
          leak: "",
        });
      }
      const ids = ((exported.deployment.deployment as Exported).resources ?? [])
        .filter((r) => /ImageMember(Set)?$/.test(r.type))
        .map((r) => r.id)
        .sort();
      const plainIds = kind === "member" ? projects.map((p) => `${imageId}/${p}`) : [imageId];
      expect(ids).toEqual(plainIds.map(hashedId).sort());
      // Refresh, preview and destroy go by the state: the hashed ids serve them all.
      await pulumi.run(["refresh", "--yes", "--stack", stack], { env: owner });
      await pulumi.run(["preview", "--expect-no-changes", "--stack", stack], { env: owner });
      await pulumi.run(["destroy", "--yes", "--stack", stack], { env: owner });
      expect(await onServer(imageId)).toEqual([]);
    } finally {
      await pulumi.run(["destroy", "--yes", "--stack", stack], { env: owner, allowFailure: true });
      await pulumi.removeStack(stack);
    }
  }
});

const onServer = async (imageId: string) => (await target.members(imageId)).map((m) => m.memberId).sort();

test("ImageMember replacement onto another image, member ids secret, killed mid-create: the file mode refuses, --stack recovers", async () => {
  const pulumi = program().pulumi;
  const cwd = program().dir;
  const owner = as(target, "owner").env;
  const [first, second] = [await target.createImage(), await target.createImage()];
  const projects = members(5);
  const stack = "replace";
  await pulumi.stackInit(stack, { imageId: first, memberProjects: projects, secretIds: "true" });
  try {
    await pulumi.run(["up", "--yes", "--stack", stack], { env: owner });
    await pulumi.configSet(stack, "imageId", second);
    await killedUp(pulumi, cwd, stack, owner, 2);

    const atKill = await deploymentOf(pulumi, stack, cwd);
    const pending = atKill.pending_operations ?? [];
    process.stdout.write(
      `[e2e interrupted-shapes] replacement: ${pending.length} pending creates at the kill\n`,
    );
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((op) => op.type === "creating")).toBe(true);
    // The bug this guards against: each pending create's URN is that of a share in state.
    const urns = new Set((atKill.resources ?? []).map((r) => r.urn));
    expect(pending.every((op) => urns.has(op.resource.urn))).toBe(true);
    expect((await onServer(second)).length).toBeGreaterThan(
      (atKill.resources ?? []).filter((r) => r.outputs?.imageId === second).length,
    );

    const exported = (await pulumi.exportState(stack)).text;
    const bin = join(cwd, "node_modules/.bin/pulumi-image-member-recover");
    const refused = spawnSyncText(bin, exported);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /^pulumi-image-member-recover: ERR_RECOVERY_REFUSED: The memberId of urn:\S+ is a secret, encrypted in this export, .* Nothing was changed\. Run `pulumi-image-member-recover --stack <name>`.*\n$/,
    );
    expect(refused.stdout).toBe("");

    const recovered = await recover(pulumi, cwd, stack);
    expect(recovered.stderr).toContain(
      "restored beside the resource it replaces (marked for deletion): creating",
    );
    expect((await pulumi.exportState(stack)).text).not.toContain('"plaintext"');
    await settle(pulumi, cwd, stack, owner);
    expect(await onServer(first)).toEqual([]);
    expect(await onServer(second)).toEqual(projects);
    const shares = (await deploymentOf(pulumi, stack, cwd)).resources?.filter((r) =>
      r.type.endsWith("ImageMember"),
    );
    // The ids the creates recorded: the secret member ids are hashed out of them.
    expect(shares?.map((r) => r.id).sort()).toEqual(projects.map((p) => hashedId(`${second}/${p}`)).sort());
  } finally {
    endProcesses(processesOf(cwd));
    await pulumi.run(["destroy", "--yes", "--stack", stack], { env: owner, allowFailure: true });
    await pulumi.removeStack(stack);
    await target.deleteImage(first);
    await target.deleteImage(second);
  }
});

test("ImageMember delete-before-replace (member ids respelled), killed mid-create: recovered, every share in state or never made", async () => {
  const pulumi = program().pulumi;
  const cwd = program().dir;
  const owner = as(target, "owner").env;
  const imageId = await target.createImage();
  const lower = members(5);
  const upper = lower.map((p) => p.toUpperCase());
  const stack = "replace-dbr";
  // Numbered names: respelling a member id replaces the same resource, revoking first (one member
  // per image and project, whatever the letter case, on most Glances).
  await pulumi.stackInit(stack, { imageId, memberProjects: lower, numbered: "true" });
  const sharesInState = async () =>
    ((await deploymentOf(pulumi, stack, cwd)).resources ?? [])
      .filter((r) => r.type.endsWith("ImageMember"))
      .map((r) => String(r.outputs?.memberId))
      .sort();
  try {
    await pulumi.run(["up", "--yes", "--stack", stack], { env: owner });
    await pulumi.configSet(stack, "memberProjects", upper);
    await killedUp(pulumi, cwd, stack, owner, 2);

    const atKill = await deploymentOf(pulumi, stack, cwd);
    const pending = atKill.pending_operations ?? [];
    process.stdout.write(
      `[e2e interrupted-shapes] delete-before-replace: ${pending.length} pending at the kill\n`,
    );
    expect(pending.length).toBeGreaterThan(0);
    expect(await onServer(imageId)).not.toEqual(lower); // the revokes ran before the kill

    await recover(pulumi, cwd, stack);
    await pulumi.run(["refresh", "--yes", "--stack", stack], { env: owner });
    // Every share live is in state (the old spellings revoked, the new ones made or not).
    const live = await onServer(imageId);
    expect(live.filter((p) => !(upper.includes(p) || lower.includes(p)))).toEqual([]);
    const recorded = await sharesInState();
    expect(live.filter((p) => !recorded.includes(p))).toEqual([]);

    await settle(pulumi, cwd, stack, owner);
    expect(await onServer(imageId)).toEqual([...upper].sort());
    expect(await sharesInState()).toEqual([...upper].sort());
  } finally {
    endProcesses(processesOf(cwd));
    await pulumi.run(["destroy", "--yes", "--stack", stack], { env: owner, allowFailure: true });
    await pulumi.removeStack(stack);
    await target.deleteImage(imageId);
  }
});

test("ImageMemberSet killed mid-create, then mid-update: each recovered with every share in state", async () => {
  const pulumi = program().pulumi;
  const cwd = program().dir;
  const owner = as(target, "owner").env;
  const imageId = await target.createImage();
  const stack = "set";
  const setOf = async () =>
    (await deploymentOf(pulumi, stack, cwd)).resources?.find((r) => r.type.endsWith("ImageMemberSet"));
  await pulumi.stackInit(stack, { imageId, memberProjects: members(6), kind: "set" });
  try {
    await killedUp(pulumi, cwd, stack, owner, 0);
    expect((await deploymentOf(pulumi, stack, cwd)).pending_operations?.map((op) => op.type)).toEqual([
      "creating",
    ]);
    expect(await setOf()).toBeUndefined();
    expect(await onServer(imageId)).toEqual(members(6));
    await target.removeMember(imageId, "p06"); // one the killed run never made

    expect((await recover(pulumi, cwd, stack)).stderr).toContain(
      "restored, for `pulumi refresh` to judge: creating",
    );
    await pulumi.run(["refresh", "--yes", "--stack", stack], { env: owner });
    expect(Object.keys((await setOf())?.outputs?.members as object).sort()).toEqual(members(5));
    await settle(pulumi, cwd, stack, owner);
    expect(await onServer(imageId)).toEqual(members(6));

    await pulumi.configSet(stack, "memberProjects", members(12));
    await killedUp(pulumi, cwd, stack, owner, 0);
    expect((await deploymentOf(pulumi, stack, cwd)).pending_operations?.map((op) => op.type)).toEqual([
      "updating",
    ]);
    expect(Object.keys((await setOf())?.outputs?.members as object)).toHaveLength(6);
    expect(await onServer(imageId)).toEqual(members(12));

    const recovered = await recover(pulumi, cwd, stack);
    expect(recovered.stderr).toContain("recorded the projects its update was adding, unconfirmed: updating");
    await settle(pulumi, cwd, stack, owner);
    expect(await onServer(imageId)).toEqual(members(12));
    expect(Object.keys((await setOf())?.outputs?.shares as object).sort()).toEqual(members(12));
  } finally {
    endProcesses(processesOf(cwd));
    await pulumi.run(["destroy", "--yes", "--stack", stack], { env: owner, allowFailure: true });
    await pulumi.removeStack(stack);
    await target.deleteImage(imageId);
  }
});

describe("YAML through the plugin", () => {
  let pulumi: harness.Pulumi;
  const cwd = () => join(plugins().dir, "yaml");

  beforeAll(async () => {
    const hosts = await harness.run("bash", ["toolchain/ensure-language-hosts.sh"]);
    const languageHosts = hosts.stdout.trim().split("\n").pop()!;
    const base = plugins().pulumi;
    const env = Object.fromEntries(Object.entries(base.env).filter(([key]) => !/^npm_/i.test(key)));
    pulumi = new harness.Pulumi({
      cwd: base.cwd,
      env: { ...env, PATH: `${languageHosts}:${base.env.PATH}` },
    });
  }, 15 * 60_000);

  /** A stack of the YAML program `resources` on a new image, logged in as the owner through the plugin's config. */
  async function yamlStack(stack: string, resources: string[]) {
    writeFileSync(join(cwd(), "Pulumi.yaml"), yamlText({ name: "share-image-yaml", resources }));
    const imageId = await target.createImage();
    await initStack(pulumi, cwd(), stack, target, { imageId });
    const yaml = (args: string[]) => pulumi.run([...args, "--stack", stack], { cwd: cwd() });
    const cleanUp = async () => {
      endProcesses(processesOf(plugins().dir));
      await yaml(["destroy", "--yes"]).catch(() => undefined);
      await pulumi.removeStack(stack, { cwd: cwd() });
      await target.deleteImage(imageId);
    };
    return { imageId, yaml, cleanUp };
  }

  /** The pending operations at the kill: this package's creates of `type` only. */
  async function pendingCreatesOf(stack: string, type: string) {
    const pending = (await deploymentOf(pulumi, stack, cwd())).pending_operations ?? [];
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.map((op) => [op.type, op.resource.urn.split("::")[2]])).toEqual(
      pending.map(() => ["creating", type]),
    );
    return pending;
  }

  /** Recovery, refresh, up and preview; state and server then agree. */
  async function recoverAndSettle(stack: string, yaml: (args: string[]) => Promise<harness.RunResult>) {
    const recovered = await recover(pulumi, cwd(), stack, plugins().dir);
    expect(recovered.stderr).not.toContain("another provider's");
    expect(recovered.stderr).toContain("restored, for `pulumi refresh` to judge: creating");
    await yaml(["refresh", "--yes"]);
    await yaml(["up", "--yes"]);
    expect((await deploymentOf(pulumi, stack, cwd())).pending_operations ?? []).toEqual([]);
    await yaml(["preview", "--expect-no-changes"]);
    const state = await pulumi.exportState(stack, { cwd: cwd() });
    expect(state.text).not.toContain(target.fixtures.users.owner.password);
    return state.deployment;
  }

  test("ImageMember creates killed mid-up are this package's, restored, and settle", async () => {
    const projects = members(5);
    const { imageId, yaml, cleanUp } = await yamlStack(
      "yaml-members",
      projects.flatMap((id) =>
        onImage(`share-${id}`, "image-member:index:ImageMember", [`memberId: "${id}"`]),
      ),
    );
    try {
      await killedUp(pulumi, cwd(), "yaml-members", {}, 2, plugins().dir);
      await pendingCreatesOf("yaml-members", "image-member:index:ImageMember");
      const deployment = await recoverAndSettle("yaml-members", yaml);
      expect(await onServer(imageId)).toEqual(projects);
      expect(harness.resourcesOf(deployment, "image-member:index:ImageMember")).toHaveLength(projects.length);
    } finally {
      await cleanUp();
    }
  });

  test("an ImageMemberSet create killed mid-up is restored, and the share it never made is made by up", async () => {
    const projects = members(6);
    const list = projects.map((id) => `"${id}"`).join(", ");
    const { imageId, yaml, cleanUp } = await yamlStack(
      "yaml-set",
      onImage("golden", "image-member:index:ImageMemberSet", [`memberIds: [${list}]`]),
    );
    try {
      await killedUp(pulumi, cwd(), "yaml-set", {}, 0, plugins().dir);
      await pendingCreatesOf("yaml-set", "image-member:index:ImageMemberSet");
      expect(await onServer(imageId)).toEqual(projects);
      await target.removeMember(imageId, "p03"); // one the killed run never made
      const deployment = await recoverAndSettle("yaml-set", yaml);
      expect(await onServer(imageId)).toEqual(projects);
      const [set] = harness.resourcesOf(deployment, "image-member:index:ImageMemberSet");
      expect(Object.keys(set.outputs?.shares as object).sort()).toEqual(projects);
    } finally {
      await cleanUp();
    }
  });
});

/** The file mode, fed `input` on stdin (synchronously: it talks to no server). */
function spawnSyncText(
  bin: string,
  input: string,
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(bin, [], { input, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
