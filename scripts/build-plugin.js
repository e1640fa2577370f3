"use strict";
/**
 * The provider plugin's one file, dist/plugin/main.js (`npm run build`, after tsc): provider/plugin
 * with everything it runs bundled by esbuild, the SDK's provider server, gRPC, undici and yaml
 * included, so that a start reads one file instead of resolving and compiling some 250 modules.
 * The npm package's plugin/index.js and the plugin tarball (scripts/plugin-package.js) both run it
 * through dist/plugin/start.js (from V8's code cache, provider/plugin/start.ts), with the bundles
 * of dist/plugin/later/ that it loads when first needed (LATER below).
 *
 * The build fails if the bundle takes in what the plugin must not load at start (all of
 * `@pulumi/pulumi`, its automation API, TypeScript) or two copies of one package (the guards of
 * provider/plugin/upstream-guards.ts patch the gRPC server and messages the SDK's server uses).
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "dist", "plugin", "main.js");
/** What the launchers run: main.js from V8's code cache (provider/plugin/start.ts). */
const START = path.join(ROOT, "dist", "plugin", "start.js");
/** esbuild's record of the bundle's inputs, for test/plugin/plugin-start.test.ts (not packed). */
const META = path.join(ROOT, "dist", "plugin", "main.meta.json");
const FORBIDDEN = [
  /^node_modules\/@pulumi\/pulumi\/(index|automation\/|dynamic\/|runtime\/closure\/)/,
  /^node_modules\/typescript\//,
  /^node_modules\/@npmcli\//,
];
/** In main.js only: what a start must not compile (it is in a bundle of later/). */
const NOT_AT_START = [/^node_modules\/undici\//];

/** The package (`name` or `@scope/name`) and the folder it was installed in, of a bundled input. */
function packageOf(input) {
  const m = input.match(/^(.*node_modules\/)((?:@[^/]+\/)?[^/]+)\//);
  return m ? { name: m[2], dir: m[1] + m[2] } : undefined;
}

function check(metafile, forbiddenHere = FORBIDDEN) {
  const inputs = Object.keys(metafile.inputs);
  const forbidden = inputs.filter((input) => forbiddenHere.some((re) => re.test(input)));
  if (forbidden.length > 0) throw new Error(`the plugin bundle takes in ${forbidden.slice(0, 5).join(", ")}`);
  const dirs = new Map();
  for (const input of inputs) {
    const pkg = packageOf(input);
    if (pkg) dirs.set(pkg.name, new Set([...(dirs.get(pkg.name) ?? []), pkg.dir]));
  }
  const twice = [...dirs].filter(([, d]) => d.size > 1).map(([name, d]) => `${name} (${[...d].join(", ")})`);
  if (twice.length > 0) throw new Error(`the plugin bundle has two copies of ${twice.join("; ")}`);
}

/**
 * Bundled on their own, loaded at their first use: the HTTP client (the first request), the YAML
 * parser (a clouds.yaml) and gRPC's proto loader (channelz, which the plugin never turns on). Out of
 * main.js, Node.js does not compile them at every start (measured in docs/performance.md). Each is
 * the bundle file, what main.js requires it by, and its entry. The HTTP client is the parts of
 * undici this package uses (provider/http/undici-parts.ts): its whole index would make Node.js load
 * its own copy of undici too.
 */
const LATER = [
  { file: "undici", imported: "./undici-parts", entry: "provider/http/undici-parts.ts" },
  { file: "yaml", imported: "yaml", entry: require.resolve("yaml") },
  { file: "proto-loader", imported: "@grpc/proto-loader", entry: require.resolve("@grpc/proto-loader") },
];
const LATER_DIR = path.join(ROOT, "dist", "plugin", "later");

const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: "node",
  target: "node20.18",
  format: "cjs",
  // Measured: the minified bundle started no faster (docs/performance.md), and stack traces stay readable.
  minify: false,
  legalComments: "eof",
  metafile: true,
  logLevel: "warning",
};

/** Requires of a LATER module from main.js become requires of its own bundle, beside it. */
const loadLater = {
  name: "load-later",
  setup(build) {
    const byImport = new Map(LATER.map(({ file, imported }) => [imported, file]));
    const filter = new RegExp(
      `^(${LATER.map(({ imported }) => imported.replace(/[/.]/g, "\\$&")).join("|")})$`,
    );
    build.onResolve({ filter }, (args) => ({
      path: `./later/${byImport.get(args.path)}.js`,
      external: true,
    }));
  },
};

/**
 * In the HTTP client's bundle, undici-parts' fallback to undici's whole index stays a require: the
 * files it falls back from are in the bundle, so it is never run, and bundled it would double the size.
 */
const fallbackUnbundled = {
  name: "fallback-unbundled",
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: "undici", external: true }));
  },
};

/** No module in two of the bundles: each would run its own copy. */
function checkApart(metafiles) {
  const seen = new Map();
  for (const [bundle, metafile] of Object.entries(metafiles)) {
    for (const input of Object.keys(metafile.inputs)) {
      if (seen.has(input)) throw new Error(`${input} is in both ${seen.get(input)} and ${bundle}`);
      seen.set(input, bundle);
    }
  }
}

function describe(file, metafile) {
  const mb = (fs.statSync(file).size / 1e6).toFixed(1);
  return `${path.relative(ROOT, file)} (${mb} MB, ${Object.keys(metafile.inputs).length} modules)`;
}

/** What names a bundle's V8 code cache (provider/plugin/start.ts). */
function digestOf(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 32);
}

async function main() {
  const result = await esbuild.build({
    ...COMMON,
    entryPoints: ["provider/plugin/main.ts"],
    outfile: OUT,
    plugins: [loadLater],
  });
  check(result.metafile, [...FORBIDDEN, ...NOT_AT_START]);
  fs.writeFileSync(META, JSON.stringify(result.metafile));
  const metafiles = { "main.js": result.metafile };
  const lines = [describe(OUT, result.metafile)];
  for (const { file, entry } of LATER) {
    const out = path.join(LATER_DIR, `${file}.js`);
    const later = await esbuild.build({
      ...COMMON,
      entryPoints: [entry],
      outfile: out,
      plugins: file === "undici" ? [fallbackUnbundled] : [],
    });
    check(later.metafile);
    metafiles[`later/${file}.js`] = later.metafile;
    lines.push(describe(out, later.metafile));
  }
  const digests = Object.fromEntries(
    Object.keys(metafiles).map((name) => [name, digestOf(path.join(path.dirname(OUT), name))]),
  );
  const start = await esbuild.build({
    ...COMMON,
    entryPoints: ["provider/plugin/start.ts"],
    outfile: START,
    define: { BUNDLE_DIGESTS: JSON.stringify(digests) },
  });
  metafiles["start.js"] = start.metafile;
  lines.push(describe(START, start.metafile));
  checkApart(metafiles);
  process.stderr.write(`plugin bundle: ${lines.join(", ")}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
