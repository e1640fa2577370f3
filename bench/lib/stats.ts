/** Small statistics for side-by-side measurements on a busy machine. */

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** Linear-interpolated quantile (q in [0, 1]). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** (max − min) / median: how far apart repeated runs of the same thing landed. */
export function relativeSpread(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  return (Math.max(...xs) - Math.min(...xs)) / median(xs);
}

export interface Subject<T> {
  name: string;
  run: (round: number) => Promise<T>;
}

/**
 * Runs every subject once per round, rotating which goes first, so slow spells of the machine
 * fall on all of them alike. Returns each subject's results in round order.
 */
export async function interleave<T>(
  rounds: number,
  subjects: readonly Subject<T>[],
  onRound?: (round: number, results: Record<string, T>) => void,
): Promise<Record<string, T[]>> {
  const out: Record<string, T[]> = Object.fromEntries(subjects.map((s) => [s.name, [] as T[]]));
  for (let r = 0; r < rounds; r++) {
    const results: Record<string, T> = {};
    for (let i = 0; i < subjects.length; i++) {
      const s = subjects[(i + r) % subjects.length];
      results[s.name] = await s.run(r);
    }
    for (const s of subjects) out[s.name].push(results[s.name]);
    onRound?.(r, results);
  }
  return out;
}

/** Per-round ratios a[i] / b[i]. */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x / b[i]);
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(0)}%`;
}

export function fixed(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : String(x);
}
