/** Figures, the table printed at the end, and the JSON written to bench/results. */

export interface Goal {
  text: string;
  met: boolean;
  /**
   * Set where the engine or Node.js, not this package, decides whether the goal is met (the
   * engine's checkpoints, a bare process start): `--check` reports such a goal but does not fail on it.
   */
  outOfOurHands?: true;
}

/** The goals `--check` fails on: missed, and decided by this package. */
export function missedGuards(figures: readonly Figure[]): Figure[] {
  return figures.filter((f) => f.goal && !f.goal.met && !f.goal.outOfOurHands);
}

/** What the run says of its goals, one line: the guards, then the goals out of this package's hands. */
export function goalsLine(figures: readonly Figure[]): string {
  const describe = (fs: Figure[]) =>
    fs.map((f) => `${f.label} (${num(f.value, f.unit)}, goal ${f.goal?.text})`).join("; ");
  const guards = missedGuards(figures);
  const others = figures.filter((f) => f.goal && !f.goal.met && f.goal.outOfOurHands);
  return (
    (guards.length === 0 ? "goals: all this package controls met" : `goals MISSED: ${describe(guards)}`) +
    (others.length === 0 ? "" : `; missed where the engine or Node.js decides: ${describe(others)}`)
  );
}

export interface Figure {
  /** Stable key, e.g. `requests.create`. */
  id: string;
  section: string;
  label: string;
  value: number;
  unit: string;
  /** What the value is compared with, measured in the same run. */
  baseline?: { label: string; value: number; unit: string };
  /** value ÷ baseline (or the figure's own definition, given in `label`). */
  ratio?: number;
  goal?: Goal;
  /** How far repeated runs landed apart, in words. */
  noise?: string;
  note?: string;
}

function num(x: number, unit: string): string {
  if (!Number.isFinite(x)) return String(x);
  const digits = Number.isInteger(x) ? 0 : Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return `${x.toFixed(digits)}${unit ? ` ${unit}` : ""}`;
}

export function tableRows(figures: readonly Figure[]): string[][] {
  return figures.map((f) => [
    f.label,
    num(f.value, f.unit),
    f.baseline ? `${num(f.baseline.value, f.baseline.unit)} (${f.baseline.label})` : "",
    f.ratio === undefined ? "" : `${f.ratio.toFixed(2)}×`,
    f.goal ? f.goal.text : "",
    f.goal ? (f.goal.met ? "met" : "MISSED") : "",
    f.noise ?? "",
  ]);
}

const HEADER = ["figure", "measured", "baseline (same run)", "ratio", "goal", "", "noise"];

export function textTable(figures: readonly Figure[]): string {
  const rows = [HEADER, ...tableRows(figures)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join("  ")
      .trimEnd();
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

export function markdownTable(figures: readonly Figure[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const rows = tableRows(figures).map((r) => `| ${r.map(esc).join(" | ")} |`);
  return [`| ${HEADER.join(" | ")} |`, `|${HEADER.map(() => "---").join("|")}|`, ...rows].join("\n");
}
