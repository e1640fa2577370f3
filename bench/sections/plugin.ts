/**
 * The provider plugin beside the dynamic provider, under the real engine: `pulumi up` + `pulumi
 * destroy` of N shares from a YAML program through the plugin, of the same N shares through the
 * dynamic provider (bench/program), and of N no-op dynamic resources (the floor), interleaved
 * round by round; client CPU (the engine starts the plugin's launcher itself and waits for it, so
 * the plugin's process is counted with the engine's); requests per share as the server counted
 * them; state bytes per share.
 */
import type { Deployment, Engine } from "../lib/engine";
import type { Figure } from "../lib/report";
import { fixed, interleave, median, pct, ratios, relativeSpread } from "../lib/stats";

const SECTION = "plugin";

export interface PluginOptions {
  shares: number;
  rounds: number;
  log: (line: string) => void;
}

const seconds = (d: Deployment) => (d.upMs + d.destroyMs) / 1000;

/** "ratio a–b" over the rounds, and how far the baseline's own runs landed apart. */
function noiseOf(rounds: number, r: number[], baselineName: string, baseline: number[]): string {
  return (
    `${rounds} rounds; ratio ${fixed(Math.min(...r))}–${fixed(Math.max(...r))}, ` +
    `${baselineName} runs ±${pct(relativeSpread(baseline) / 2)}`
  );
}

export async function pluginSection(engine: Engine, options: PluginOptions) {
  const n = options.shares;
  const runs = await interleave<Deployment>(
    options.rounds,
    [
      { name: "floor", run: (r) => engine.deploy("floor", n, { state: r === 0 }) },
      { name: "dynamic", run: (r) => engine.deploy("share", n, { state: r === 0 }) },
      { name: "plugin", run: (r) => engine.deploy("plugin", n, { state: r === 0 }) },
    ],
    (r, res) =>
      options.log(
        `  ${n} resources, round ${r + 1}/${options.rounds}: up+destroy floor ${fixed(seconds(res.floor), 1)} s, ` +
          `dynamic provider ${fixed(seconds(res.dynamic), 1)} s, plugin ${fixed(seconds(res.plugin), 1)} s`,
      ),
  );
  const wall = {
    floor: runs.floor.map(seconds),
    dynamic: runs.dynamic.map(seconds),
    plugin: runs.plugin.map(seconds),
  };
  const phases = (ds: Deployment[]) =>
    `up ${fixed(median(ds.map((d) => d.upMs / 1000)), 1)} s, destroy ${fixed(median(ds.map((d) => d.destroyMs / 1000)), 1)} s`;
  const figures: Figure[] = [];

  const overFloor = ratios(wall.plugin, wall.floor);
  figures.push({
    id: `${SECTION}.upDestroy`,
    section: SECTION,
    label: `pulumi up + destroy, ${n} shares through the provider plugin (YAML program)`,
    value: median(wall.plugin),
    unit: "s",
    baseline: { label: "floor: dynamic resources doing nothing", value: median(wall.floor), unit: "s" },
    ratio: median(overFloor),
    noise: noiseOf(options.rounds, overFloor, "floor", wall.floor),
    note: `plugin ${phases(runs.plugin)}; floor ${phases(runs.floor)}`,
  });
  const overDynamic = ratios(wall.plugin, wall.dynamic);
  figures.push({
    id: `${SECTION}.vsDynamic`,
    section: SECTION,
    label: `the same, against the dynamic provider (Node.js program, ${n} shares)`,
    value: median(wall.plugin),
    unit: "s",
    baseline: { label: "dynamic provider", value: median(wall.dynamic), unit: "s" },
    ratio: median(overDynamic),
    noise: noiseOf(options.rounds, overDynamic, "dynamic provider", wall.dynamic),
    note: `dynamic provider ${phases(runs.dynamic)}, ${fixed(median(ratios(wall.dynamic, wall.floor)))}× the floor`,
  });

  const cpu = (ds: Deployment[]) => ds.map((d) => (d.upCpu ?? NaN) + (d.destroyCpu ?? NaN));
  if ([...cpu(runs.plugin), ...cpu(runs.dynamic)].every(Number.isFinite)) {
    const cpuRatios = ratios(cpu(runs.plugin), cpu(runs.dynamic));
    figures.push({
      id: `${SECTION}.cpuVsDynamic`,
      section: SECTION,
      label: `client CPU of up + destroy, ${n} shares, plugin (process trees)`,
      value: median(cpu(runs.plugin)),
      unit: "s",
      baseline: { label: "dynamic provider", value: median(cpu(runs.dynamic)), unit: "s" },
      ratio: median(cpuRatios),
      noise: `ratio ${fixed(Math.min(...cpuRatios))}–${fixed(Math.max(...cpuRatios))}`,
      note: "pulumi, its engine, language host, program and provider processes",
    });
  }

  // Requests per share through the plugin, as the server counted them (Engine.deploy has already
  // failed the run unless each up sent exactly one POST and each destroy one DELETE per share).
  const worst = (f: (d: Deployment) => number) => Math.max(...runs.plugin.map(f));
  for (const [what, key] of [
    ["create (up)", "up"],
    ["delete (destroy)", "destroy"],
  ] as const) {
    const perShare = worst((d) => d[key].imageRequests / d.count);
    const dynamicPerShare = Math.max(...runs.dynamic.map((d) => d[key].imageRequests / d.count));
    figures.push({
      id: `${SECTION}.requestsPer.${key}`,
      section: SECTION,
      label: `image requests per share at ${what}, through the plugin`,
      value: perShare,
      unit: "req",
      baseline: { label: "dynamic provider", value: dynamicPerShare, unit: "req" },
      ratio: perShare / dynamicPerShare,
      goal: { text: "1", met: perShare === 1 },
    });
  }
  const tokens = worst((d) => Math.max(d.up.tokenRequests, d.destroy.tokenRequests));
  figures.push({
    id: `${SECTION}.tokensPerDeployment`,
    section: SECTION,
    label: `token requests per deployment through the plugin (up or destroy of ${n} shares)`,
    value: tokens,
    unit: "req",
    baseline: { label: "one token per identity", value: 1, unit: "req" },
    ratio: tokens,
    goal: { text: "1", met: tokens === 1 },
    note: `worst of ${runs.plugin.length * 2} deployments`,
  });

  // State: one resource's entry in `pulumi stack export` (plugin resources carry no __provider).
  const state = {
    floor: runs.floor[0].state,
    dynamic: runs.dynamic[0].state,
    plugin: runs.plugin[0].state,
  };
  if (state.floor && state.dynamic && state.plugin) {
    figures.push({
      id: `${SECTION}.stateBytesPerShare`,
      section: SECTION,
      label: "state bytes per share through the plugin (one resource in pulumi stack export)",
      value: state.plugin.bytesPerResource,
      unit: "B",
      baseline: { label: "dynamic provider", value: state.dynamic.bytesPerResource, unit: "B" },
      ratio: state.plugin.bytesPerResource / state.dynamic.bytesPerResource,
      note:
        `floor ${state.floor.bytesPerResource} B; whole export of ${n}: plugin ${state.plugin.exportBytes} B, ` +
        `dynamic ${state.dynamic.exportBytes} B, floor ${state.floor.exportBytes} B; ` +
        `inputs + outputs ${state.plugin.propertyBytes} B (dynamic ${state.dynamic.propertyBytes} B, ` +
        `__provider ${state.dynamic.providerBytes} B of it; the plugin's has none); ` +
        `stackTrace ${state.plugin.stackTraceBytes} B (dynamic ${state.dynamic.stackTraceBytes} B)`,
    });
  }
  return { figures, raw: runs };
}
