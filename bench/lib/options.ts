/** Command-line options of `npm run bench`. */

export const SECTIONS = ["requests", "throughput", "engine", "scaling", "peer", "plugin", "fixed"] as const;
export type Section = (typeof SECTIONS)[number];

/** The local cloud's image_member_quota in the benchmark (Glance's default is 128). */
export const MEMBER_QUOTA = 256;

export interface BenchOptions {
  sections: Section[];
  quick: boolean;
  /** Rounds of each interleaved comparison. */
  rounds: number;
  /** Engine comparison: rounds (each is one up+destroy of every subject and of the floor). */
  engineRounds: number;
  scalingRounds: number;
  /** Plugin comparison: rounds (each is one up+destroy through the plugin, the dynamic provider and the floor). */
  pluginRounds: number;
  pairs: number;
  concurrencies: number[];
  engineShares: number;
  latencyMs: number;
  scaling: number[];
  /** The peer comparison (OpenTofu): rounds, sizes of independent shares and of one image's shares. */
  peerRounds: number;
  peerIndependent: number[];
  peerOneImage: number[];
  /** Where the JSON goes; undefined = the default for this kind of run. */
  out?: string;
  /** A full run's results to fold this run's sections into (see bench/lib/merge.ts). */
  update?: string;
  /** Exit 1 when a goal this package controls is missed (the regression guard). */
  check: boolean;
  /** Whether this is a full run (all sections, default sizes): only those update latest.json. */
  full: boolean;
}

export const USAGE = `usage: npm run bench -- [--quick] [--only=${SECTIONS.join(",")}] [--rounds=N]
         [--engine-rounds=N] [--scaling-rounds=N] [--plugin-rounds=N] [--pairs=N] [--shares=N]
         [--scaling=10,100,500] [--peer-rounds=N] [--peer-sizes=50,200] [--peer-one-image=100,200]
         [--out=FILE] [--update=FILE] [--check]

  --quick             small sizes, few rounds (a couple of minutes)
  --only=LIST         only these sections, comma-separated
  --rounds=N          rounds of each throughput comparison (default 11; quick 3)
  --engine-rounds=N   rounds of the engine comparison (default 5; quick 1)
  --scaling-rounds=N  rounds of each scaling size (default 3; quick 1)
  --plugin-rounds=N   rounds of the plugin comparison (default 3; quick 1)
  --pairs=N           create+delete pairs per throughput run (default 1000; quick 300)
  --shares=N          resources in the engine and plugin comparisons (default 200; quick 50)
  --scaling=LIST      resource counts of the scaling runs (default 10,100,500; quick 10,50,100)
  --peer-rounds=N     rounds of each OpenTofu comparison (default 3; quick 1)
  --peer-sizes=LIST   independent shares against OpenTofu (default 50,200; quick 10,50)
  --peer-one-image=LIST  shares of one image against OpenTofu (default 100,200; quick 20,50;
                      at most 256, the local cloud's image_member_quota here)
  --out=FILE          JSON output (default: bench/results/latest.json for a full run, that is
                      without --quick, --only or size options; bench/results/partial.json.tmp otherwise)
  --update=FILE       also fold this run into a full run's FILE (bench/results/latest.json): the
                      figures of the sections measured replace theirs, the others stay
  --check             exit 1 when a goal this package controls is MISSED (the others, decided
                      by the engine or Node.js, are reported only); CI runs --only=requests --check`;

export function parseOptions(argv: string[]): BenchOptions {
  const quick = argv.includes("--quick");
  const o: BenchOptions = {
    sections: [...SECTIONS],
    quick,
    rounds: quick ? 3 : 11,
    engineRounds: quick ? 1 : 5,
    scalingRounds: quick ? 1 : 3,
    pluginRounds: quick ? 1 : 3,
    pairs: quick ? 300 : 1000,
    concurrencies: [10, 50],
    engineShares: quick ? 50 : 200,
    latencyMs: 20,
    scaling: quick ? [10, 50, 100] : [10, 100, 500],
    peerRounds: quick ? 1 : 3,
    peerIndependent: quick ? [10, 50] : [50, 200],
    peerOneImage: quick ? [20, 50] : [100, 200],
    full: !quick,
    check: false,
  };
  const int = (name: string, v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}: a positive integer, not ${v}`);
    return n;
  };
  for (const arg of argv) {
    const [name, value = ""] = arg.split(/=(.*)/s, 2);
    switch (name) {
      case "--quick":
        break;
      case "--check":
        o.check = true;
        break;
      case "--only": {
        const wanted = value.split(",").filter(Boolean);
        for (const s of wanted)
          if (!(SECTIONS as readonly string[]).includes(s))
            throw new Error(`--only: unknown section ${s} (known: ${SECTIONS.join(", ")})`);
        o.sections = SECTIONS.filter((s) => wanted.includes(s));
        o.full = false;
        break;
      }
      case "--rounds":
        o.rounds = int(name, value);
        break;
      case "--engine-rounds":
        o.engineRounds = int(name, value);
        break;
      case "--scaling-rounds":
        o.scalingRounds = int(name, value);
        break;
      case "--plugin-rounds":
        o.pluginRounds = int(name, value);
        break;
      case "--pairs":
        o.pairs = int(name, value);
        o.full = false;
        break;
      case "--shares":
        o.engineShares = int(name, value);
        o.full = false;
        break;
      case "--scaling":
        o.scaling = value.split(",").map((v) => int(name, v));
        o.full = false;
        break;
      case "--peer-rounds":
        o.peerRounds = int(name, value);
        break;
      case "--peer-sizes":
        o.peerIndependent = value.split(",").map((v) => int(name, v));
        o.full = false;
        break;
      case "--peer-one-image":
        o.peerOneImage = value.split(",").map((v) => int(name, v));
        if (o.peerOneImage.some((n) => n > MEMBER_QUOTA))
          throw new Error(`${name}: at most ${MEMBER_QUOTA} shares of one image (image_member_quota)`);
        o.full = false;
        break;
      case "--out":
        o.out = value;
        break;
      case "--update":
        o.update = value;
        break;
      case "-h":
      case "--help":
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return o;
}
