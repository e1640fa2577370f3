/**
 * Provider throughput: create+delete pairs through the ImageMember hooks in-process, against
 * raw undici requests making the same HTTP calls (POST member with the token header, DELETE
 * member) to the same local server, interleaved round by round.
 */
import { performance } from "node:perf_hooks";
import { Agent, request } from "undici";
import type { Figure } from "../lib/report";
import type { RemoteCloud } from "../lib/remote-cloud";
import { createShare, hooksFromProcessEnv, newProjectId, type ProviderHooks } from "../lib/hooks";
import { fixed, interleave, median, pct, ratios, relativeSpread } from "../lib/stats";
import { passwordToken } from "../../provider/testing/credentials";

const SECTION = "throughput";

export interface ThroughputOptions {
  pairs: number;
  concurrencies: number[];
  rounds: number;
  log: (line: string) => void;
}

interface Run {
  pairsPerSecond: number;
  /** Client CPU time (user + system) per pair, µs: the benchmark process only, not the server. */
  cpuMicrosPerPair: number;
}

export interface ThroughputRaw {
  concurrency: number;
  provider: Run[];
  raw: Run[];
}

/** Runs `total` jobs, `concurrency` at a time. */
async function pool(total: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

export async function throughputSection(
  cloud: RemoteCloud,
  options: ThroughputOptions,
): Promise<{ figures: Figure[]; raw: ThroughputRaw[] }> {
  const imageId = await cloud.createImage();
  const membersUrl = `${cloud.url}/image/v2/images/${imageId}/members`;
  const token = await passwordToken(cloud.fixtures, "owner"); // not timed
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const hooks: ProviderHooks = hooksFromProcessEnv(cloud.envOf("owner"));

  const rawPair = async () => {
    const memberId = newProjectId();
    const post = await request(membersUrl, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json", "x-auth-token": token },
      body: JSON.stringify({ member: memberId }),
      dispatcher: agent,
    });
    await post.body.text();
    if (post.statusCode !== 200) throw new Error(`raw POST answered ${post.statusCode}`);
    const del = await request(`${membersUrl}/${memberId}`, {
      method: "DELETE",
      headers: { accept: "application/json", "x-auth-token": token },
      dispatcher: agent,
    });
    await del.body.text();
    if (del.statusCode !== 204) throw new Error(`raw DELETE answered ${del.statusCode}`);
  };
  const providerPair = async () => {
    const share = await createShare(hooks, { imageId, memberId: newProjectId() });
    await hooks.delete(share.id, share.outs);
  };

  const measure = async (pair: () => Promise<void>, pairs: number, concurrency: number): Promise<Run> => {
    await cloud.clearRequests();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await pool(pairs, concurrency, pair);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const s = await cloud.summary();
    const expected = { "POST 200": pairs, "DELETE 204": pairs };
    for (const [key, n] of Object.entries(expected)) {
      if (s.imageByMethodStatus[key] !== n)
        throw new Error(`expected ${n} × ${key}, the server saw ${JSON.stringify(s.imageByMethodStatus)}`);
    }
    return { pairsPerSecond: pairs / seconds, cpuMicrosPerPair: (cpu.user + cpu.system) / pairs };
  };

  const figures: Figure[] = [];
  const raws: ThroughputRaw[] = [];
  for (const c of options.concurrencies) {
    // One untimed run of each at this concurrency first: token, connections, JIT.
    for (const pair of [rawPair, providerPair]) await measure(pair, options.pairs, c);
    const runs = await interleave<Run>(
      options.rounds,
      [
        { name: "raw", run: () => measure(rawPair, options.pairs, c) },
        { name: "provider", run: () => measure(providerPair, options.pairs, c) },
      ],
      (r, res) =>
        options.log(
          `  c=${c} round ${r + 1}/${options.rounds}: provider ${res.provider.pairsPerSecond.toFixed(0)} pairs/s, ` +
            `raw ${res.raw.pairsPerSecond.toFixed(0)} pairs/s`,
        ),
    );
    raws.push({ concurrency: c, provider: runs.provider, raw: runs.raw });
    const rate = (xs: Run[]) => xs.map((x) => x.pairsPerSecond);
    const cpu = (xs: Run[]) => xs.map((x) => x.cpuMicrosPerPair);
    const perRound = ratios(rate(runs.provider), rate(runs.raw));
    const ratio = median(perRound);
    figures.push({
      id: `${SECTION}.c${c}`,
      section: SECTION,
      label: `${options.pairs} create+delete pairs via hooks, concurrency ${c}`,
      value: median(rate(runs.provider)),
      unit: "pairs/s",
      baseline: { label: "raw undici, same calls", value: median(rate(runs.raw)), unit: "pairs/s" },
      ratio,
      goal: { text: "≥ 0.9×", met: ratio >= 0.9 },
      noise: `${options.rounds} rounds; ratio ${fixed(Math.min(...perRound))}–${fixed(Math.max(...perRound))}, raw runs ±${pct(relativeSpread(rate(runs.raw)) / 2)}`,
    });
    const cpuRatio = median(ratios(cpu(runs.provider), cpu(runs.raw)));
    figures.push({
      id: `${SECTION}.cpu.c${c}`,
      section: SECTION,
      label: `client CPU per pair, concurrency ${c}`,
      value: median(cpu(runs.provider)),
      unit: "µs",
      baseline: { label: "raw undici", value: median(cpu(runs.raw)), unit: "µs" },
      ratio: cpuRatio,
      noise: `provider runs ±${pct(relativeSpread(cpu(runs.provider)) / 2)}`,
      note: "CPU of the client process only (the server runs in another process)",
    });
  }
  await agent.close();
  return { figures, raw: raws };
}
