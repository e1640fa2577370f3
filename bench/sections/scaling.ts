/**
 * Scaling: up + destroy of N shares and of N floor resources for several N, interleaved. Time
 * per share should not grow with N. Judged on the marginal cost: the time one more share adds,
 * (t(N₂) − t(N₁)) / (N₂ − N₁), between the two largest sizes against the two smallest; a fixed
 * cost (CLI, language host and provider start) then cancels out. Growth over 1.25× is "grows".
 */
import type { Deployment, Engine } from "../lib/engine";
import type { Figure } from "../lib/report";
import { fixed, interleave, median } from "../lib/stats";

const SECTION = "scaling";
export const GROWTH_LIMIT = 1.25;

export interface ScalingOptions {
  sizes: number[];
  rounds: number;
  log: (line: string) => void;
}

export interface ScalingPoint {
  n: number;
  /** Median seconds of up + destroy. */
  share: number;
  floor: number;
}

const total = (d: Deployment) => (d.upMs + d.destroyMs) / 1000;

export async function scalingSection(engine: Engine, options: ScalingOptions) {
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const points: ScalingPoint[] = [];
  const raw: Record<number, Record<string, Deployment[]>> = {};
  for (const n of sizes) {
    const runs = await interleave<Deployment>(
      options.rounds,
      [
        { name: "floor", run: () => engine.deploy("floor", n) },
        { name: "share", run: () => engine.deploy("share", n) },
      ],
      (r, res) =>
        options.log(
          `  N=${n} round ${r + 1}/${options.rounds}: floor ${fixed(total(res.floor), 1)} s, shares ${fixed(total(res.share), 1)} s`,
        ),
    );
    raw[n] = runs;
    points.push({ n, share: median(runs.share.map(total)), floor: median(runs.floor.map(total)) });
  }

  const figures: Figure[] = points.map((p) => ({
    id: `${SECTION}.perShare.${p.n}`,
    section: SECTION,
    label: `up + destroy time per share, N = ${p.n}`,
    value: (p.share / p.n) * 1000,
    unit: "ms",
    baseline: { label: "floor, same N", value: (p.floor / p.n) * 1000, unit: "ms" },
    ratio: p.share / p.floor,
    note: `${fixed(p.share, 1)} s in all (floor ${fixed(p.floor, 1)} s)`,
  }));
  if (points.length >= 3) {
    const marginal = (a: ScalingPoint, b: ScalingPoint, k: "share" | "floor") => (b[k] - a[k]) / (b.n - a.n);
    const [p0, p1] = points;
    const [q0, q1] = points.slice(-2);
    const growth = (k: "share" | "floor") => marginal(q0, q1, k) / marginal(p0, p1, k);
    figures.push({
      id: `${SECTION}.marginalGrowth`,
      section: SECTION,
      label: `growth of the marginal time per share, ${q0.n}→${q1.n} vs ${p0.n}→${p1.n}`,
      value: growth("share"),
      unit: "×",
      baseline: { label: "floor's growth", value: growth("floor"), unit: "×" },
      ratio: growth("share") / growth("floor"),
      goal: { text: `≤ ${GROWTH_LIMIT}× (flat)`, met: growth("share") <= GROWTH_LIMIT },
      note:
        `marginal ms per share: shares ${fixed(marginal(p0, p1, "share") * 1000, 1)} → ${fixed(marginal(q0, q1, "share") * 1000, 1)}, ` +
        `floor ${fixed(marginal(p0, p1, "floor") * 1000, 1)} → ${fixed(marginal(q0, q1, "floor") * 1000, 1)}`,
    });
  }
  return { figures, points, raw };
}
