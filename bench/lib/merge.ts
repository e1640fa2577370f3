/**
 * A partial run folded into the results of a full one (`--update=FILE`): the figures of the
 * sections it measured replace theirs, every other figure stays as the full run measured it,
 * and `updates` says which figures came from which later run, on what commit and load.
 */
import type { Machine } from "./machine";
import { markdownTable, type Figure } from "./report";

export interface BenchResult {
  startedAt: string;
  seconds: number;
  commit?: string;
  options: unknown;
  machine: Machine;
  load: unknown;
  noise: string;
  figures: Figure[];
  raw: Record<string, unknown>;
  updates?: BenchUpdate[];
  [key: string]: unknown;
}

export interface BenchUpdate {
  /** Figure sections (`Figure.section`) this run replaced. */
  sections: string[];
  startedAt: string;
  seconds: number;
  commit?: string;
  options: unknown;
  machine: Machine;
  load: unknown;
  noise: string;
}

export function mergeInto(base: BenchResult, partial: BenchResult): BenchResult {
  const replaced = [...new Set(partial.figures.map((f) => f.section))];
  const figures = [...base.figures.filter((f) => !replaced.includes(f.section)), ...partial.figures];
  const update: BenchUpdate = {
    sections: replaced,
    startedAt: partial.startedAt,
    seconds: partial.seconds,
    commit: partial.commit,
    options: partial.options,
    machine: partial.machine,
    load: partial.load,
    noise: partial.noise,
  };
  return {
    ...base,
    // The base's machine stays that of its own figures; the update records its own.
    machine: { ...base.machine, ...(partial.machine.peer ? { peer: partial.machine.peer } : {}) },
    figures,
    markdown: markdownTable(figures),
    tables: tablesOf(figures),
    raw: { ...base.raw, ...partial.raw },
    updates: [...(base.updates ?? []).filter((u) => !u.sections.every((s) => replaced.includes(s))), update],
  };
}

/** docs/performance.md's tables: the peer table first, then this package's own figures. */
export function tablesOf(figures: readonly Figure[]): { peer: string; own: string } {
  return {
    peer: markdownTable(figures.filter((f) => f.section === "peer")),
    own: markdownTable(figures.filter((f) => f.section !== "peer")),
  };
}
