/**
 * CPU time of finished child processes (and the descendants they waited for), from
 * /proc/self/stat: less disturbed by other work on the machine than wall time.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

let ticksPerSecond: number | undefined;

/** Seconds of CPU (user + system) used by reaped children so far; undefined off Linux. */
export function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // fields after the command name (which is in parentheses and may hold spaces)
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // cutime and cstime are fields 16 and 17 of stat(5), i.e. 13 and 14 after the name
    const ticks = Number(fields[13]) + Number(fields[14]);
    ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    return ticks / ticksPerSecond;
  } catch {
    return undefined;
  }
}
