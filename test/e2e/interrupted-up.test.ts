/**
 * `pulumi up` killed with SIGKILL in the middle of creating 40 shares, then recovered as README's
 * "Interrupted deployments" says, with no per-resource work: cancel, export, the package's
 * `pulumi-image-member-recover`, import, refresh, up. At the end every share on the server is in
 * state with full outputs, nothing is pending, and preview shows no change. Local server only:
 * latency on POST .../members makes the kill land while creates are in flight.
 */
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import * as harness from "../../scripts/lib/pulumi-harness";
import { as, useProgram } from "./program";
import { localTarget, type E2eTarget } from "./targets";

jest.setTimeout(10 * 60_000);

const IMAGE_MEMBER = "glance:ImageMember";
const COUNT = 40;

const program = useProgram("interrupted-up", "examples/share-image");
let target: E2eTarget;

beforeAll(async () => {
  target = await localTarget();
});

afterAll(() => target?.close());

/**
 * The killed engine's plugins live on (re-parented to init): the dynamic provider of `programDir`
 * and every process given the same engine address. Linux /proc.
 */
function orphanedPlugins(programDir: string): number[] {
  const procs = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((pid) => {
      try {
        return { pid: Number(pid), argv: readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0") };
      } catch {
        return undefined;
      }
    })
    .filter((p): p is { pid: number; argv: string[] } => p !== undefined);
  const engines = new Set(
    procs
      .filter((p) =>
        p.argv.some((a) => a.startsWith(`${programDir}/node_modules/@pulumi/pulumi/cmd/dynamic-provider`)),
      )
      .map((p) => p.argv.find((a) => /^127\.0\.0\.1:\d+$/.test(a)))
      .filter((a): a is string => a !== undefined),
  );
  return procs.filter((p) => p.argv.some((a) => engines.has(a))).map((p) => p.pid);
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

test("SIGKILL mid-up, then README's recovery: state and Glance agree, every share with full outputs, nothing pending", async () => {
  const pulumi = program().pulumi;
  const cloud = target.local!;
  const imageId = await target.createImage();
  const members = Array.from({ length: COUNT }, (_, i) => `p${String(i + 1).padStart(2, "0")}`);
  const stack = "interrupted";
  await pulumi.stackInit(stack, { imageId, memberProjects: members });
  const owner = as(target, "owner").env;
  const resourcesOf = async () =>
    harness.resourcesOf((await pulumi.exportState(stack)).deployment, IMAGE_MEMBER);

  // Each create answered after 1 s .. 7 s: with the engine's parallelism some finish before the kill.
  for (let i = 0; i < COUNT; i++)
    cloud.faults.add({ method: "POST", path: /\/members$/, latencyMs: 1000 + i * 150 });
  cloud.clearRequests();

  const child = spawn("pulumi", ["up", "--yes", "--non-interactive", "--color", "never", "--stack", stack], {
    cwd: program().dir,
    env: { ...pulumi.env, ...owner },
    stdio: "ignore",
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  while (!cloud.requests.some((r) => r.method === "POST" && r.path.endsWith("/members"))) await sleep(50);
  await sleep(2500);
  child.kill("SIGKILL");
  await exited;
  await sleep(8000); // the plugins finish what they had sent …
  endProcesses(orphanedPlugins(program().dir)); // … and are ended, as README says
  cloud.faults.clear();

  try {
    const pendingOf = async () =>
      ((await pulumi.exportState(stack)).deployment.deployment as { pending_operations?: unknown[] })
        .pending_operations ?? [];
    const pending = await pendingOf();
    const onServer = async () => (await target.members(imageId)).map((m) => m.memberId).sort();
    const inStateAtKill = (await resourcesOf()).map((r) => r.outputs?.memberId);
    const orphans = (await onServer()).filter((m) => !inStateAtKill.includes(m));
    process.stdout.write(
      `[e2e interrupted] at the kill: ${inStateAtKill.length} in state, ${pending.length} pending creates, ${orphans.length} shares live outside state\n`,
    );
    expect(pending.length).toBeGreaterThan(0);
    expect(orphans.length).toBeGreaterThan(0);

    // One interrupted create that never reached Glance: the refresh must drop it, the up make it.
    await target.removeMember(imageId, orphans[0]);

    // README's recovery, command by command.
    await pulumi.run(["cancel", "--yes", "--stack", stack], { allowFailure: true });
    const stateFile = join(program().work, "state.json");
    await pulumi.run(["stack", "export", "--stack", stack, "--file", stateFile]);
    const recover = spawnSync(join(program().dir, "node_modules/.bin/pulumi-image-member-recover"), [], {
      input: readFileSync(stateFile),
      env: { PATH: process.env.PATH },
    });
    expect(recover.status).toBe(0);
    process.stdout.write(`[e2e interrupted] ${recover.stderr.toString().trim().split("\n").pop()}\n`);
    const recovered = join(program().work, "recovered.json");
    writeFileSync(recovered, recover.stdout);
    await pulumi.run(["stack", "import", "--stack", stack, "--file", recovered]);
    await pulumi.run(["refresh", "--yes", "--stack", stack], { env: owner });
    const afterRefresh = (await resourcesOf()).map((r) => r.outputs?.memberId);
    expect(afterRefresh).not.toContain(orphans[0]);
    expect(afterRefresh).toHaveLength(inStateAtKill.length + pending.length - 1);
    await pulumi.run(["up", "--yes", "--stack", stack], { env: owner });

    expect(await pendingOf()).toEqual([]);
    const shares = await resourcesOf();
    expect(shares.map((r) => r.outputs?.memberId).sort()).toEqual(members);
    expect(await onServer()).toEqual(members);
    for (const share of shares) {
      expect(share.outputs).toMatchObject({ glanceUrl: `${cloud.url}/image/v2`, status: "pending" });
      expect(share.outputs?.interruptedCreate).toBeUndefined();
    }
    await pulumi.run(["preview", "--expect-no-changes", "--stack", stack], { env: owner });
  } finally {
    endProcesses(orphanedPlugins(program().dir));
    await pulumi.run(["destroy", "--yes", "--stack", stack], { env: owner, allowFailure: true });
    await pulumi.removeStack(stack);
    await target.deleteImage(imageId);
  }
});
