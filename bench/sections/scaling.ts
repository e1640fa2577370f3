/**
 * Scaling: up + destroy of N shares and of N floor resources for several N, interleaved, with the
 * engine as it comes and again with PULUMI_SKIP_CHECKPOINTS=true (the engine then writes the
 * state once at the end instead of after every resource operation).
 *
 * How "time per share does not grow with N" is judged: on the marginal cost, the time one more
 * share adds, (t(N₂) − t(N₁)) / (N₂ − N₁), between the two largest sizes against the two
 * smallest; fixed costs (CLI, language host, program and provider start) cancel out. Over 1.25×
 * is "grows". The floor's growth, measured beside it, tells the engine's part.
 */
import type { Deployment, Engine, Kind } from "../lib/engine";
import type { Figure } from "../lib/report";
import { fixed, interleave, median } from "../lib/stats";

const SECTION = "scaling";
export const GROWTH_LIMIT = 1.25;
const NO_CHECKPOINTS = { PULUMI_SKIP_CHECKPOINTS: "true" };

export interface ScalingOptions {
  sizes: number[];
  rounds: number;
  log: (line: string) => void;
}

/** Median seconds of up + destroy at one N. */
export interface ScalingPoint {
  n: number;
  share: number;
  floor: number;
  /** The same with PULUMI_SKIP_CHECKPOINTS=true. */
  shareNoCheckpoints: number;
  floorNoCheckpoints: number;
}

type Series = Exclude<keyof ScalingPoint, "n">;

const total = (d: Deployment) => (d.upMs + d.destroyMs) / 1000;

export async function scalingSection(engine: Engine, options: ScalingOptions) {
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const points: ScalingPoint[] = [];
  const raw: Record<number, Record<string, Deployment[]>> = {};
  const subject = (name: Series, kind: Kind, n: number, env?: NodeJS.ProcessEnv) => ({
    name,
    run: () => engine.deploy(kind, n, { env }),
  });
  for (const n of sizes) {
    const runs = await interleave<Deployment>(
      options.rounds,
      [
        subject("floor", "floor", n),
        subject("share", "share", n),
        subject("floorNoCheckpoints", "floor", n, NO_CHECKPOINTS),
        subject("shareNoCheckpoints", "share", n, NO_CHECKPOINTS),
      ],
      (r, res) =>
        options.log(
          `  N=${n} round ${r + 1}/${options.rounds}: floor ${fixed(total(res.floor), 1)} s, shares ${fixed(total(res.share), 1)} s; ` +
            `checkpoints off: floor ${fixed(total(res.floorNoCheckpoints), 1)} s, shares ${fixed(total(res.shareNoCheckpoints), 1)} s`,
        ),
    );
    raw[n] = runs;
    const m = (k: Series) => median(runs[k].map(total));
    points.push({
      n,
      share: m("share"),
      floor: m("floor"),
      shareNoCheckpoints: m("shareNoCheckpoints"),
      floorNoCheckpoints: m("floorNoCheckpoints"),
    });
  }

  const figures: Figure[] = points.map((p) => ({
    id: `${SECTION}.perShare.${p.n}`,
    section: SECTION,
    label: `up + destroy time per share, N = ${p.n}`,
    value: (p.share / p.n) * 1000,
    unit: "ms",
    baseline: { label: "floor, same N", value: (p.floor / p.n) * 1000, unit: "ms" },
    ratio: p.share / p.floor,
    note:
      `${fixed(p.share, 1)} s in all (floor ${fixed(p.floor, 1)} s); checkpoints off: ` +
      `${fixed(p.shareNoCheckpoints, 1)} s (floor ${fixed(p.floorNoCheckpoints, 1)} s)`,
  }));
  if (points.length >= 3) {
    const [p0, p1] = points;
    const [q0, q1] = points.slice(-2);
    const marginal = (a: ScalingPoint, b: ScalingPoint, k: Series) => (b[k] - a[k]) / (b.n - a.n);
    // Undefined (NaN) when the smallest sizes show no marginal time at all: noise, nothing to judge.
    const growth = (k: Series) =>
      marginal(p0, p1, k) > 0 ? marginal(q0, q1, k) / marginal(p0, p1, k) : Number.NaN;
    const ms = (x: number) => fixed(x * 1000, 1);
    for (const [share, floor, what] of [
      ["share", "floor", ""],
      ["shareNoCheckpoints", "floorNoCheckpoints", ", PULUMI_SKIP_CHECKPOINTS=true"],
    ] as const) {
      figures.push({
        id: `${SECTION}.marginalGrowth${what ? ".noCheckpoints" : ""}`,
        section: SECTION,
        label: `growth of the marginal time per share, ${q0.n}→${q1.n} vs ${p0.n}→${p1.n}${what}`,
        value: growth(share),
        unit: "×",
        baseline: { label: "floor's growth", value: growth(floor), unit: "×" },
        ratio: growth(share) / growth(floor),
        goal: Number.isNaN(growth(share))
          ? undefined
          : {
              text: `≤ ${GROWTH_LIMIT}× (flat)`,
              met: growth(share) <= GROWTH_LIMIT,
              // With checkpoints, the engine writes the whole state after every step.
              ...(what ? {} : { outOfOurHands: true as const }),
            },
        note:
          `marginal ms per share: shares ${ms(marginal(p0, p1, share))} → ${ms(marginal(q0, q1, share))}, ` +
          `floor ${ms(marginal(p0, p1, floor))} → ${ms(marginal(q0, q1, floor))}`,
      });
    }
  }
  return { figures, points, raw };
}
