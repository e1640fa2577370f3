/** What the benchmark ran on, and how busy the machine was. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";

export interface Machine {
  nproc: number;
  cpuModel: string;
  node: string;
  pulumi?: string;
  /** The programs' `@pulumi/pulumi`. */
  pulumiSdk?: string;
  /** How toolchain/ensure-pulumi.sh built the engine (which language host). */
  engineBuild?: string;
  /** The peer the `peer` section measured against: OpenTofu and the Terraform OpenStack provider. */
  peer?: { tofu: string; openstackProvider: string; build: string };
  platform: string;
}

export function describeMachine(
  versions?: {
    pulumi: string;
    pulumiSdk: string;
    engineBuild: string;
  },
  peer?: Machine["peer"],
): Machine {
  let cpuModel = "unknown";
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpuModel = m[1].trim();
  } catch {
    // not Linux
  }
  return {
    nproc: availableParallelism(),
    cpuModel,
    node: process.version,
    ...versions,
    peer,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** `pulumi version`, or undefined when there is none. */
export function pulumiVersion(env: NodeJS.ProcessEnv): string | undefined {
  try {
    return execFileSync("pulumi", ["version"], { env, encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

/** Load averages (1, 5, 15 min), rounded. */
export function load(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100);
}
