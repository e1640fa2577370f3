/**
 * The peer: the same shares made and revoked by OpenTofu with the Terraform OpenStack provider
 * (`openstack_images_image_access_v2`) and by this package under the Pulumi engine, against the
 * same server, interleaved round by round. Two cases:
 * - independent shares: N shares, each of another project, spread over images of 100
 *   (ours: each of {@link OUR_INDEPENDENT_KINDS});
 * - one image, many projects: N shares of ONE image (ours: each of {@link OUR_ONE_IMAGE_KINDS}).
 * Each figure is ours ÷ the peer's: wall time and client CPU of `pulumi up` + `pulumi destroy`
 * against `tofu apply` + `tofu destroy`, image requests per share, and, between two sizes, the
 * time one more share adds and the fixed cost that remains (the line through both sizes at N = 0).
 */
import type { RequestSummary } from "../lib/cloud-protocol";
import type { Deployment, Engine, Kind } from "../lib/engine";
import type { Figure } from "../lib/report";
import { shareLayout } from "../lib/share-layout";
import { fixed, interleave, median, pct, ratios, relativeSpread } from "../lib/stats";
import { PEER_PARALLELISM, type PeerDeployment, type Tofu } from "../lib/tofu";

const SECTION = "peer";

const THROUGH_PLUGIN = "YAML program, provider plugin";

/** Our programs for "independent shares", each measured against the peer. */
export const OUR_INDEPENDENT_KINDS: readonly Variant[] = [
  { id: "share", kind: "share", name: "ImageMember × N", short: "ImageMember" },
  { id: "plugin", kind: "plugin", name: `ImageMember × N, ${THROUGH_PLUGIN}`, short: "ImageMember, plugin" },
  {
    // Not a setting to use (an `up` stopped part-way then leaves no record of the shares it made):
    // the difference to `plugin` is what the engine's checkpoint after each step costs.
    id: "pluginNoCheckpoints",
    kind: "plugin",
    name: `ImageMember × N, ${THROUGH_PLUGIN}, PULUMI_SKIP_CHECKPOINTS=true: the engine's checkpoints' share, not a setting to use`,
    short: "ImageMember, plugin, no checkpoints",
    env: { PULUMI_SKIP_CHECKPOINTS: "true" },
  },
];

/** Our programs for "one image, many projects", each measured against the peer. */
export const OUR_ONE_IMAGE_KINDS: readonly Variant[] = [
  { id: "imageShare", kind: "imageShare", name: "one ImageShare of N projects", short: "ImageShare" },
  {
    id: "imageMemberSet",
    kind: "imageMemberSet",
    name: "one ImageMemberSet of N projects",
    short: "ImageMemberSet",
  },
  {
    id: "pluginSet",
    kind: "pluginSet",
    name: `one ImageMemberSet of N projects, ${THROUGH_PLUGIN}`,
    short: "ImageMemberSet, plugin",
  },
  {
    // What no provider can go below: the engine's own cost of a YAML program's up + destroy.
    id: "yamlFloor",
    kind: "yamlFloor",
    name: "a YAML program with no resources, the engine's own floor",
    short: "YAML program, no resources",
    floor: true,
  },
];

interface Variant {
  /** Names the variant in figure ids and in the rounds. */
  id: string;
  kind: Kind;
  name: string;
  /** The resource's name, in the labels of figures other than the wall time. */
  short: string;
  /** Added to the engine's environment. */
  env?: NodeJS.ProcessEnv;
  /** Makes no share: compared in time only. */
  floor?: boolean;
}

export interface PeerOptions {
  /** Sizes of the independent-shares case. */
  independent: number[];
  /** Sizes of the one-image case. */
  oneImage: number[];
  rounds: number;
  log: (line: string) => void;
}

/** One up + destroy (or apply + destroy), as both tools are compared. */
export interface ToolRun {
  seconds: number;
  /** Of which `pulumi up` / `tofu apply`; the rest is the destroy. */
  createSeconds: number;
  cpu?: number;
  imageRequestsPerShare: number;
  tokenRequests: number;
  /** `"<METHOD> <status>"` → count per share, create and delete. */
  create: Record<string, number>;
  delete: Record<string, number>;
}

interface Case {
  id: string;
  what: string;
  ours: readonly Variant[];
  sizes: number[];
}

function perShare(summary: RequestSummary, n: number): Record<string, number> {
  return Object.fromEntries(Object.entries(summary.imageByMethodStatus).map(([k, v]) => [k, v / n]));
}

function fromOurs(d: Deployment): ToolRun {
  return {
    seconds: (d.upMs + d.destroyMs) / 1000,
    createSeconds: d.upMs / 1000,
    cpu: d.upCpu === undefined || d.destroyCpu === undefined ? undefined : d.upCpu + d.destroyCpu,
    imageRequestsPerShare: (d.up.imageRequests + d.destroy.imageRequests) / d.count,
    tokenRequests: d.up.tokenRequests + d.destroy.tokenRequests,
    create: perShare(d.up, d.count),
    delete: perShare(d.destroy, d.count),
  };
}

function fromPeer(d: PeerDeployment): ToolRun {
  return {
    seconds: (d.applyMs + d.destroyMs) / 1000,
    createSeconds: d.applyMs / 1000,
    cpu: d.applyCpu === undefined || d.destroyCpu === undefined ? undefined : d.applyCpu + d.destroyCpu,
    imageRequestsPerShare: (d.apply.imageRequests + d.destroy.imageRequests) / d.count,
    tokenRequests: d.apply.tokenRequests + d.destroy.tokenRequests,
    create: perShare(d.apply, d.count),
    delete: perShare(d.destroy, d.count),
  };
}

/** `POST 200 ×1, GET 200 ×1`: what one share cost at create or delete. */
function requestMix(mix: Record<string, number>): string {
  return Object.entries(mix)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ×${fixed(v, Number.isInteger(v) ? 0 : 2)}`)
    .join(", ");
}

export async function peerSection(engine: Engine, tofu: Tofu, options: PeerOptions) {
  const cases: Case[] = [
    {
      id: "independent",
      what: "independent shares",
      ours: OUR_INDEPENDENT_KINDS,
      sizes: options.independent,
    },
    {
      id: "oneImage",
      what: "shares of one image",
      ours: OUR_ONE_IMAGE_KINDS,
      sizes: options.oneImage,
    },
  ];
  const figures: Figure[] = [];
  const raw: Record<string, Record<number, Record<string, ToolRun[]>>> = {};
  const peerName = `${tofu.versions.tofu} + terraform-provider-openstack ${tofu.versions.openstackProvider}`;
  for (const c of cases) {
    raw[c.id] = {};
    const medians = new Map<Variant, { n: number; ours: number; peer: number }[]>(c.ours.map((v) => [v, []]));
    for (const n of [...c.sizes].sort((a, b) => a - b)) {
      const runs = await interleave<ToolRun>(
        options.rounds,
        [
          ...c.ours.map((v) => ({
            name: v.id,
            run: async () => fromOurs(await engine.deploy(v.kind, n, { env: v.env })),
          })),
          {
            name: "peer",
            run: async () => fromPeer(await tofu.deploy(shareLayout(engine.imagesFor(c.ours[0].kind, n), n))),
          },
        ],
        (r, res) =>
          options.log(
            `  ${n} ${c.what}, round ${r + 1}/${options.rounds}: ` +
              c.ours.map((v) => `${v.id} ${fixed(res[v.id].seconds, 1)} s`).join(", ") +
              `, tofu apply+destroy ${fixed(res.peer.seconds, 1)} s`,
          ),
      );
      raw[c.id][n] = runs;
      for (const v of c.ours) {
        const pair = { ours: runs[v.id], peer: runs.peer };
        const sized = sizeFigures(c, v, n, pair, peerName, options.rounds);
        figures.push(...sized.filter((f) => !v.floor || !f.id.endsWith(".requestsPerShare")));
        medians.get(v)?.push({
          n,
          ours: median(pair.ours.map((r) => r.seconds)),
          peer: median(pair.peer.map((r) => r.seconds)),
        });
      }
    }
    for (const v of c.ours) figures.push(...marginalFigures(c, v, medians.get(v) ?? []));
  }
  return { figures, raw };
}

function sizeFigures(
  c: Case,
  v: Variant,
  n: number,
  runs: Record<string, ToolRun[]>,
  peerName: string,
  rounds: number,
): Figure[] {
  const { ours, peer } = runs;
  const figures: Figure[] = [];
  const spread = (xs: number[]) => `±${pct(relativeSpread(xs) / 2)}`;
  const seconds = (xs: ToolRun[]) => xs.map((r) => r.seconds);
  const wallRatios = ratios(seconds(ours), seconds(peer));
  figures.push({
    id: `${SECTION}.${c.id}.${v.id}.${n}.wall`,
    section: SECTION,
    label: `up + destroy, ${n} ${c.what} (${v.name}), wall`,
    value: median(seconds(ours)),
    unit: "s",
    baseline: {
      label: `tofu apply + destroy, -parallelism=${PEER_PARALLELISM}`,
      value: median(seconds(peer)),
      unit: "s",
    },
    ratio: median(wallRatios),
    noise: `${rounds} rounds; ratio ${fixed(Math.min(...wallRatios))}–${fixed(Math.max(...wallRatios))}, ours ${spread(seconds(ours))}, peer ${spread(seconds(peer))}`,
    note:
      `peer: ${peerName}. Median up ${fixed(median(ours.map((r) => r.createSeconds)), 1)} s + destroy ` +
      `${fixed(median(ours.map((r) => r.seconds - r.createSeconds)), 1)} s; apply ` +
      `${fixed(median(peer.map((r) => r.createSeconds)), 1)} s + destroy ` +
      `${fixed(median(peer.map((r) => r.seconds - r.createSeconds)), 1)} s`,
  });
  const cpu = (xs: ToolRun[]) => xs.map((r) => r.cpu ?? NaN);
  if ([...cpu(ours), ...cpu(peer)].every(Number.isFinite)) {
    const cpuRatios = ratios(cpu(ours), cpu(peer));
    figures.push({
      id: `${SECTION}.${c.id}.${v.id}.${n}.cpu`,
      section: SECTION,
      label: `client CPU of up + destroy, ${n} ${c.what}, ${v.short} (process trees)`,
      value: median(cpu(ours)),
      unit: "s",
      baseline: { label: "tofu and its provider plugins", value: median(cpu(peer)), unit: "s" },
      ratio: median(cpuRatios),
      noise: `ratio ${fixed(Math.min(...cpuRatios))}–${fixed(Math.max(...cpuRatios))}`,
      note: "ours: pulumi, its engine, language host, program and provider processes",
    });
  }
  const worst = (xs: ToolRun[]) => Math.max(...xs.map((r) => r.imageRequestsPerShare));
  const tokens = (xs: ToolRun[]) => Math.max(...xs.map((r) => r.tokenRequests));
  figures.push({
    id: `${SECTION}.${c.id}.${v.id}.${n}.requestsPerShare`,
    section: SECTION,
    label: `Glance requests per share, create + delete, ${n} ${c.what}, ${v.short}`,
    value: worst(ours),
    unit: "req",
    baseline: { label: "tofu", value: worst(peer), unit: "req" },
    ratio: worst(ours) / worst(peer),
    note:
      `per share, ours: create ${requestMix(ours[0].create)}; delete ${requestMix(ours[0].delete)}; ` +
      `peer: apply ${requestMix(peer[0].create)}; destroy ${requestMix(peer[0].delete)}. ` +
      `Token requests per up + destroy: ours ${tokens(ours)}, peer ${tokens(peer)}`,
  });
  return figures;
}

/** Between the smallest and largest size: the time one more share adds, and the fixed cost left. */
function marginalFigures(
  c: Case,
  v: Variant,
  medians: { n: number; ours: number; peer: number }[],
): Figure[] {
  if (medians.length < 2) return [];
  const a = medians[0];
  const b = medians[medians.length - 1];
  const marginal = (k: "ours" | "peer") => (b[k] - a[k]) / (b.n - a.n);
  const fixedCost = (k: "ours" | "peer") => a[k] - marginal(k) * a.n;
  return [
    {
      id: `${SECTION}.${c.id}.${v.id}.marginal`,
      section: SECTION,
      label: `time one more share adds, ${c.what}, ${v.short}, N ${a.n}→${b.n}`,
      value: marginal("ours") * 1000,
      unit: "ms",
      baseline: { label: "tofu", value: marginal("peer") * 1000, unit: "ms" },
      // A time that does not grow with N gives a marginal around zero, either side: no ratio then.
      ratio: marginal("ours") > 0 && marginal("peer") > 0 ? marginal("ours") / marginal("peer") : undefined,
      note: "(t(N₂) − t(N₁)) / (N₂ − N₁) of the medians",
    },
    {
      id: `${SECTION}.${c.id}.${v.id}.fixed`,
      section: SECTION,
      label: `fixed cost of up + destroy (line through N = ${a.n} and ${b.n}, at N = 0), ${c.what}, ${v.short}`,
      value: fixedCost("ours"),
      unit: "s",
      baseline: { label: "tofu", value: fixedCost("peer"), unit: "s" },
      // Two sizes' medians on a busy machine can put the line's foot at or below zero: no ratio then.
      ratio: fixedCost("peer") > 0 ? fixedCost("ours") / fixedCost("peer") : undefined,
      note:
        fixedCost("peer") > 0
          ? undefined
          : "the peer's fixed cost is not measurable here: its line through the two sizes meets N = 0 at or below zero",
    },
  ];
}
