/**
 * `npm run bench`: what a share costs, each figure against a baseline measured in the same run.
 * See docs/performance.md, and `npm run bench -- --help`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { closeSharedAgents } from "../provider/http/agent";
import { Engine } from "./lib/engine";
import { describeMachine, load } from "./lib/machine";
import { MEMBER_QUOTA, parseOptions, type BenchOptions, type Section } from "./lib/options";
import { mergeInto, tablesOf, type BenchResult } from "./lib/merge";
import { goalsLine, markdownTable, missedGuards, textTable, type Figure } from "./lib/report";
import { RemoteCloud } from "./lib/remote-cloud";
import { lineChart } from "./lib/svg";
import { Tofu } from "./lib/tofu";
import { engineSection } from "./sections/engine";
import { peerSection } from "./sections/peer";
import { fixedCostSection } from "./sections/fixed-cost";
import { pluginSection } from "./sections/plugin";
import { requestsSection } from "./sections/requests";
import { scalingSection, type ScalingPoint } from "./sections/scaling";
import { throughputSection } from "./sections/throughput";

/** The repository root: the nearest directory up (from here, else from the cwd) that is this package. */
function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const pkg = join(dir, "package.json");
      if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "pulumi-image-member") return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`cannot find the repository root from ${__dirname} or ${process.cwd()}`);
}

/** The commit measured, and whether provider/ had changes not committed yet. */
function revision(root: string): { commit?: string; providerChanged?: boolean } {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
    return {
      commit: git("rev-parse", "HEAD"),
      providerChanged: git("status", "--porcelain", "provider") !== "",
    };
  } catch {
    return {};
  }
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (e) {
    log((e as Error).message);
    process.exitCode = 2;
    return;
  }
  const root = repoRoot();
  const startedAt = new Date();
  const measured = revision(root);
  const loadBefore = load();
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};
  log(
    `bench: sections ${options.sections.join(", ")}${options.quick ? " (quick)" : ""}; load ${loadBefore.join(" ")}`,
  );

  const cloud = await RemoteCloud.start({ memberQuota: MEMBER_QUOTA });
  let engine: Engine | undefined;
  let tofu: Tofu | undefined;
  let scaling: ScalingPoint[] | undefined;
  try {
    if (options.sections.includes("requests")) {
      log("requests per operation (in-process hooks, counted at the server)");
      figures.push(...(await requestsSection(cloud, { sharesPerIdentity: 25 })));
    }
    if (options.sections.includes("throughput")) {
      log(
        `throughput: ${options.pairs} pairs, concurrency ${options.concurrencies.join(" and ")}, ${options.rounds} rounds`,
      );
      const t = await throughputSection(cloud, {
        pairs: options.pairs,
        concurrencies: options.concurrencies,
        rounds: options.rounds,
        log,
      });
      figures.push(...t.figures);
      raw.throughput = t.raw;
    }
    // The plugin and peer sections deploy YAML programs through the provider plugin.
    const yamlWanted = ["plugin", "peer", "fixed"].some((s) => options.sections.includes(s as Section));
    const engineWanted = ["engine", "scaling", "peer", "plugin", "fixed"].some((s) =>
      options.sections.includes(s as Section),
    );
    if (engineWanted) {
      const maxShares = Math.max(options.engineShares, ...options.scaling, ...options.peerIndependent);
      engine = await Engine.start(root, cloud, maxShares, log, { plugin: yamlWanted });
      log(
        `  engine: pulumi ${engine.versions.pulumi}, @pulumi/pulumi ${engine.versions.pulumiSdk}; ${engine.versions.engineBuild}`,
      );
    }
    if (engine && options.sections.includes("engine")) {
      log(`engine: up + destroy of ${options.engineShares} resources, ${options.engineRounds} rounds`);
      const e = await engineSection(engine, {
        shares: options.engineShares,
        rounds: options.engineRounds,
        latencyMs: options.latencyMs,
        log,
      });
      figures.push(...e.figures);
      raw.engine = e.raw;
    }
    if (engine && options.sections.includes("scaling")) {
      log(`scaling: N = ${options.scaling.join(", ")}, ${options.scalingRounds} rounds`);
      const sc = await scalingSection(engine, { sizes: options.scaling, rounds: options.scalingRounds, log });
      figures.push(...sc.figures);
      raw.scaling = sc.raw;
      scaling = sc.points;
    }
    if (engine && options.sections.includes("peer")) {
      tofu = await Tofu.start(root, cloud, log);
      log(`  peer: ${tofu.versions.tofu}, terraform-provider-openstack ${tofu.versions.openstackProvider}`);
      log(
        `peer: independent shares N = ${options.peerIndependent.join(", ")}, shares of one image N = ` +
          `${options.peerOneImage.join(", ")}, ${options.peerRounds} rounds`,
      );
      const p = await peerSection(engine, tofu, {
        independent: options.peerIndependent,
        oneImage: options.peerOneImage,
        rounds: options.peerRounds,
        log,
      });
      figures.push(...p.figures);
      raw.peer = p.raw;
    }
    if (engine && options.sections.includes("plugin")) {
      log(
        `plugin: up + destroy of ${options.engineShares} resources through the plugin, the dynamic provider and the floor, ${options.pluginRounds} rounds`,
      );
      const p = await pluginSection(engine, {
        shares: options.engineShares,
        rounds: options.pluginRounds,
        log,
      });
      figures.push(...p.figures);
      raw.plugin = p.raw;
    }
    if (engine && options.sections.includes("fixed")) {
      log(`fixed: up + destroy of one share against the engine's floor, ${options.pluginRounds} rounds`);
      const f = await fixedCostSection(engine, { rounds: options.pluginRounds, log });
      figures.push(...f.figures);
      raw.fixed = f.raw;
    }
  } finally {
    engine?.cleanUp();
    tofu?.cleanUp();
    await cloud.close();
    await closeSharedAgents();
  }

  const loadAfter = load();
  const machine = describeMachine(engine?.versions, tofu?.versions);
  const seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const noise =
    `load average (1/5/15 min) ${loadBefore.join(" ")} before, ${loadAfter.join(" ")} after, on ${machine.nproc} CPUs; ` +
    "the noise column gives how far repeated runs landed apart";
  process.stdout.write(`\n${textTable(figures)}\n\n`);
  process.stdout.write(
    `machine: ${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}${machine.pulumi ? `, Pulumi ${machine.pulumi} (@pulumi/pulumi ${machine.pulumiSdk}; ${machine.engineBuild})` : ""}` +
      `${machine.peer ? `; peer ${machine.peer.tofu}, terraform-provider-openstack ${machine.peer.openstackProvider}` : ""}\n`,
  );
  process.stdout.write(`noise: ${noise}\n`);
  process.stdout.write(`${goalsLine(figures)}\n`);

  const out = resolve(
    root,
    options.out ?? (options.full ? "bench/results/latest.json" : "bench/results/partial.json.tmp"),
  );
  mkdirSync(dirname(out), { recursive: true });
  const result = {
    startedAt: startedAt.toISOString(),
    seconds,
    ...measured,
    options,
    machine,
    load: { before: loadBefore, after: loadAfter },
    noise,
    figures,
    markdown: markdownTable(figures),
    tables: tablesOf(figures),
    raw,
  };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`written: ${relative(process.cwd(), out)} (${seconds} s)\n`);
  if (options.update) {
    const target = resolve(root, options.update);
    const merged = mergeInto(JSON.parse(readFileSync(target, "utf8")) as BenchResult, result);
    writeFileSync(target, `${JSON.stringify(merged, null, 2)}\n`);
    process.stdout.write(
      `updated: ${relative(process.cwd(), target)} (figures of ${merged.updates?.at(-1)?.sections.join(", ")} replaced)\n`,
    );
  }
  if (options.check && missedGuards(figures).length > 0) process.exitCode = 1;
  if (scaling && scaling.length >= 2) {
    const svg = out.replace(/\.json(\.tmp)?$/, ".svg$1");
    writeFileSync(svg, scalingChart(scaling));
    process.stdout.write(`written: ${relative(process.cwd(), svg)}\n`);
  }
}

/** Total up + destroy time against N: a straight line is a constant time per share. */
function scalingChart(points: ScalingPoint[]): string {
  const series = (name: string, color: string, k: Exclude<keyof ScalingPoint, "n">) => ({
    name,
    color,
    points: points.map((p) => ({ x: p.n, y: p[k] })),
  });
  return lineChart(
    "pulumi up + destroy of N resources (median)",
    "resources (N)",
    "seconds",
    [
      series("ImageMember", "#d62728", "share"),
      series("floor (no-op resource)", "#1f77b4", "floor"),
      series("ImageMember *", "#ff9896", "shareNoCheckpoints"),
      series("floor *", "#9ecae1", "floorNoCheckpoints"),
    ],
    "* PULUMI_SKIP_CHECKPOINTS=true:\n  state written once, at the end",
  );
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
