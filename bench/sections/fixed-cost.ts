/**
 * The fixed cost this package adds to one `pulumi up` + `pulumi destroy`, over the engine's own
 * floor in the same rounds: one share from a YAML program through the installed plugin against a
 * YAML program with no resources; one ImageMember and one ImageMemberSet of one project from the
 * Node.js program (the dynamic provider) against the same program with one dynamic resource that
 * does nothing. What is left over the floor is the package's start-up, its connection (one token,
 * the catalog) and one share's two requests: the cost a small stack pays that a large one spreads.
 */
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

interface Pair {
  id: string;
  label: string;
  ours: Kind;
  floor: Kind;
  floorLabel: string;
  goal?: number;
}

const PAIRS: Pair[] = [
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

export async function fixedCostSection(engine: Engine, options: FixedCostOptions) {
  const kinds = [...new Set(PAIRS.flatMap((p) => [p.ours, p.floor]))];
  const runs = await interleave<Deployment>(
    options.rounds,
    kinds.map((kind) => ({ name: kind, run: () => engine.deploy(kind, 1, { state: false }) })),
    (r, res) =>
      options.log(
        `  round ${r + 1}/${options.rounds}: up+destroy ` +
          kinds.map((k) => `${k} ${fixed(seconds(res[k]), 2)} s`).join(", "),
      ),
  );
  const figures: Figure[] = PAIRS.map((pair) => {
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
