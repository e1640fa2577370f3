/**
 * Under the real engine: `pulumi up` + `pulumi destroy` of N shares against the same program
 * whose dynamic resources do nothing (the floor), interleaved round by round; again with server
 * latency; state size from `pulumi stack export`; requests and tokens per deployment.
 */
import type { Deployment, Engine } from "../lib/engine";
import type { Figure } from "../lib/report";
import { fixed, interleave, median, pct, ratios, relativeSpread } from "../lib/stats";

const SECTION = "engine";

export interface EngineOptions {
  shares: number;
  rounds: number;
  latencyMs: number;
  log: (line: string) => void;
}

const total = (d: Deployment) => (d.upMs + d.destroyMs) / 1000;

export async function engineSection(engine: Engine, options: EngineOptions) {
  const n = options.shares;
  const lat = options.latencyMs;
  const runs = await interleave<Deployment>(
    options.rounds,
    [
      { name: "floor", run: (r) => engine.deploy("floor", n, { state: r === 0 }) },
      { name: "share", run: (r) => engine.deploy("share", n, { state: r === 0 }) },
      { name: "latency", run: () => engine.deploy("share", n, { latencyMs: lat }) },
    ],
    (r, res) =>
      options.log(
        `  ${n} resources, round ${r + 1}/${options.rounds}: up+destroy floor ${fixed(total(res.floor), 1)} s, ` +
          `shares ${fixed(total(res.share), 1)} s, shares at ${lat} ms ${fixed(total(res.latency), 1)} s`,
      ),
  );
  const floor = runs.floor.map(total);
  const share = runs.share.map(total);
  const latency = runs.latency.map(total);
  const spread = (xs: number[]) => `±${pct(relativeSpread(xs) / 2)}`;
  const noise = (r: number[]) =>
    `${options.rounds} rounds; ratio ${fixed(Math.min(...r))}–${fixed(Math.max(...r))}, floor runs ${spread(floor)}`;
  const floorBaseline = { label: `floor: dynamic resources doing nothing`, value: median(floor), unit: "s" };
  const figures: Figure[] = [];

  const shareRatios = ratios(share, floor);
  figures.push({
    id: `${SECTION}.upDestroy`,
    section: SECTION,
    label: `pulumi up + destroy, ${n} shares`,
    value: median(share),
    unit: "s",
    baseline: floorBaseline,
    ratio: median(shareRatios),
    goal: { text: "≤ 1.2× floor", met: median(shareRatios) <= 1.2 },
    noise: noise(shareRatios),
    note: `up ${fixed(median(runs.share.map((d) => d.upMs / 1000)), 1)} s (floor ${fixed(median(runs.floor.map((d) => d.upMs / 1000)), 1)} s), destroy ${fixed(median(runs.share.map((d) => d.destroyMs / 1000)), 1)} s (floor ${fixed(median(runs.floor.map((d) => d.destroyMs / 1000)), 1)} s)`,
  });
  const cpu = (d: Deployment) => (d.upCpu ?? NaN) + (d.destroyCpu ?? NaN);
  const shareCpu = runs.share.map(cpu);
  const floorCpu = runs.floor.map(cpu);
  if (shareCpu.every(Number.isFinite) && floorCpu.every(Number.isFinite)) {
    const cpuRatios = ratios(shareCpu, floorCpu);
    figures.push({
      id: `${SECTION}.cpu`,
      section: SECTION,
      label: `CPU time of pulumi up + destroy, ${n} shares (CLI, engine, program, provider)`,
      value: median(shareCpu),
      unit: "s",
      baseline: { label: "floor", value: median(floorCpu), unit: "s" },
      ratio: median(cpuRatios),
      noise: `ratio ${fixed(Math.min(...cpuRatios))}–${fixed(Math.max(...cpuRatios))}`,
      note: "CPU seconds of the pulumi process tree, less disturbed by other load than wall time",
    });
  }
  const latRatios = ratios(latency, floor);
  figures.push({
    id: `${SECTION}.upDestroyLatency`,
    section: SECTION,
    label: `pulumi up + destroy, ${n} shares, server latency ${lat} ms`,
    value: median(latency),
    unit: "s",
    baseline: floorBaseline,
    ratio: median(latRatios),
    goal: { text: "≤ 1.2× floor", met: median(latRatios) <= 1.2 },
    noise: noise(latRatios),
  });
  // What the latency added, against what it would add if the requests went one after another.
  const added = median(latency) - median(share);
  const perDeployment = (d: Deployment) => d.up.total + d.destroy.total;
  const serial = (median(runs.latency.map(perDeployment)) * lat) / 1000;
  figures.push({
    id: `${SECTION}.latencyOverlap`,
    section: SECTION,
    label: `time the ${lat} ms latency added (requests overlap when ≪ serial)`,
    value: added,
    unit: "s",
    baseline: { label: `same requests one at a time`, value: serial, unit: "s" },
    ratio: added / serial,
    goal: { text: "< 1× serial", met: added < serial },
    note: `${median(runs.latency.map(perDeployment))} requests per up+destroy; the engine runs 8 resource operations at once by default (--parallel)`,
  });

  // Requests and tokens per deployment, as the server counted them.
  const all = [...runs.share, ...runs.latency];
  const worst = (f: (d: Deployment) => number) => Math.max(...all.map(f));
  const tokens = worst((d) => Math.max(d.up.tokenRequests, d.destroy.tokenRequests));
  figures.push({
    id: `${SECTION}.tokensPerDeployment`,
    section: SECTION,
    label: `token requests per deployment (up or destroy of ${n} shares, 1 identity)`,
    value: tokens,
    unit: "req",
    baseline: { label: "one token per identity", value: 1, unit: "req" },
    ratio: tokens,
    goal: { text: "1", met: tokens === 1 },
    note: `worst of ${all.length * 2} deployments`,
  });
  for (const [what, key] of [
    ["create (up)", "up"],
    ["delete (destroy)", "destroy"],
  ] as const) {
    const perShare = worst((d) => d[key].imageRequests / d.count);
    figures.push({
      id: `${SECTION}.requestsPer.${key}`,
      section: SECTION,
      label: `image requests per share at ${what}, under the engine`,
      value: perShare,
      unit: "req",
      baseline: { label: "Glance API minimum", value: 1, unit: "req" },
      ratio: perShare,
      goal: { text: "1", met: perShare === 1 },
    });
  }

  // State: one resource's entry in `pulumi stack export`, and its __provider.
  const shareState = runs.share[0].state;
  const floorState = runs.floor[0].state;
  if (shareState && floorState) {
    figures.push({
      id: "state.bytesPerShare",
      section: "state",
      label: "state bytes per share (one resource in pulumi stack export, compact JSON)",
      value: shareState.bytesPerResource,
      unit: "B",
      baseline: { label: "floor resource, same inputs", value: floorState.bytesPerResource, unit: "B" },
      ratio: shareState.bytesPerResource / floorState.bytesPerResource,
      note: `whole export of ${n}: ${shareState.exportBytes} B (floor ${floorState.exportBytes} B)`,
    });
    figures.push({
      id: "state.provider",
      section: "state",
      label: "__provider per share (stored in inputs and in outputs)",
      value: shareState.providerBytes,
      unit: "B",
      baseline: { label: "floor's inline provider", value: floorState.providerBytes, unit: "B" },
      ratio: shareState.providerBytes / floorState.providerBytes,
      goal: { text: "≤ 2048 B", met: shareState.providerBytes <= 2048 },
    });
  }
  return { figures, raw: runs };
}
