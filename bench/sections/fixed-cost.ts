/**
 * The fixed cost this package adds to one `pulumi up` + `pulumi destroy`, over the engine's own
 * floor in the same rounds: one share from a YAML program through the installed plugin against a
 * YAML program with no resources; one ImageMember and one ImageMemberSet of one project from the
 * Node.js program (the dynamic provider) against the same program with one dynamic resource that
 * does nothing, and that again with NODE_COMPILE_CACHE (Node.js >= 22.1), a setting users can make
 * themselves. What is left over the floor is the package's start-up, its connection (one token,
 * the catalog) and one share's two requests: the cost a small stack pays that a large one spreads.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Deployment, Engine, Kind } from "../lib/engine";
import type { Figure } from "../lib/report";
import { fixed, interleave, median } from "../lib/stats";

const SECTION = "fixed";

/** The goal of docs/performance.md for one up + destroy through the plugin. */
const GOAL_SECONDS = 0.3;

export interface FixedCostOptions {
  rounds: number;
  log: (line: string) => void;
}

const seconds = (d: Deployment) => (d.upMs + d.destroyMs) / 1000;

/** One up + destroy of one resource of `kind`, with `env` added to the engine's environment. */
interface Subject {
  kind: Kind;
  env?: NodeJS.ProcessEnv;
}

interface Pair {
  id: string;
  label: string;
  ours: string;
  floor: string;
  floorLabel: string;
  goal?: number;
}

/** V8's compile cache for every Node.js process of a deployment, as a user would set it (Node.js >= 22.1). */
function compileCacheEnv(dir: string): NodeJS.ProcessEnv | undefined {
  const [major, minor] = process.versions.node.split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 1) ? { NODE_COMPILE_CACHE: dir } : undefined;
}

function subjectsAndPairs(compileCache: NodeJS.ProcessEnv | undefined) {
  const subjects: Record<string, Subject> = {
    plugin: { kind: "plugin" },
    yamlFloor: { kind: "yamlFloor" },
    share: { kind: "share" },
    imageMemberSet: { kind: "imageMemberSet" },
    floor: { kind: "floor" },
  };
  const pairs: Pair[] = [
    {
      id: "plugin",
      label: "one ImageMember from a YAML program through the plugin",
      ours: "plugin",
      floor: "yamlFloor",
      floorLabel: "a YAML program with no resources",
      goal: GOAL_SECONDS,
    },
    {
      id: "dynamic",
      label: "one ImageMember from a Node.js program (dynamic provider)",
      ours: "share",
      floor: "floor",
      floorLabel: "one dynamic resource doing nothing",
    },
    {
      id: "dynamicSet",
      label: "one ImageMemberSet of one project from a Node.js program (dynamic provider)",
      ours: "imageMemberSet",
      floor: "floor",
      floorLabel: "one dynamic resource doing nothing",
    },
  ];
  if (compileCache) {
    subjects.shareCompileCache = { kind: "share", env: compileCache };
    subjects.floorCompileCache = { kind: "floor", env: compileCache };
    pairs.push({
      id: "dynamicCompileCache",
      label: "one ImageMember from a Node.js program (dynamic provider), NODE_COMPILE_CACHE set",
      ours: "shareCompileCache",
      floor: "floorCompileCache",
      floorLabel: "one dynamic resource doing nothing, NODE_COMPILE_CACHE set",
    });
  }
  return { subjects, pairs };
}

export async function fixedCostSection(engine: Engine, options: FixedCostOptions) {
  const cacheDir = mkdtempSync(join(tmpdir(), "pim-bench-compile-cache-"));
  const { subjects, pairs } = subjectsAndPairs(compileCacheEnv(cacheDir));
  const names = Object.keys(subjects);
  // One unmeasured run of each first: the compile cache is warm, as on a machine that set it.
  for (const name of names) await engine.deploy(subjects[name].kind, 1, { env: subjects[name].env });
  const runs = await interleave<Deployment>(
    options.rounds,
    names.map((name) => ({
      name,
      run: () => engine.deploy(subjects[name].kind, 1, { state: false, env: subjects[name].env }),
    })),
    (r, res) =>
      options.log(
        `  round ${r + 1}/${options.rounds}: up+destroy ` +
          names.map((k) => `${k} ${fixed(seconds(res[k]), 2)} s`).join(", "),
      ),
  ).finally(() => rmSync(cacheDir, { recursive: true, force: true }));
  const figures: Figure[] = pairs.map((pair) => {
    // Per round: ours less the floor of the same round, so that a slow round counts once.
    const over = runs[pair.ours].map((d, r) => seconds(d) - seconds(runs[pair.floor][r]));
    const floor = runs[pair.floor].map(seconds);
    const value = median(over);
    return {
      id: `${SECTION}.${pair.id}`,
      section: SECTION,
      label: `fixed cost of up + destroy over the engine's floor: ${pair.label}`,
      value,
      unit: "s",
      baseline: { label: `floor: ${pair.floorLabel}`, value: median(floor), unit: "s" },
      ratio: median(runs[pair.ours].map((d, r) => seconds(d) / floor[r])),
      goal: pair.goal === undefined ? undefined : { text: `≤ ${pair.goal} s`, met: value <= pair.goal },
      noise: `${options.rounds} rounds; over the floor ${fixed(Math.min(...over), 2)}–${fixed(Math.max(...over), 2)} s`,
    };
  });
  return { figures, raw: runs };
}
