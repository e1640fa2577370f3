/**
 * The plugin's first module (dist/plugin/start.js, bundled on its own by scripts/build-plugin.js):
 * runs the bundle beside it, main.js, and the bundles of later/ it loads when first needed (undici
 * at the first request), each from V8's code cache of that bundle when there is one, and otherwise
 * writes one right after the bundle has run (about 15 ms for main.js, once). Compiling the 2 MB
 * bundle was about 35 ms of a 110 ms start on Node.js 20 (docs/performance.md); Node.js's own
 * compile cache (NODE_COMPILE_CACHE) stores only what is compiled before the bundle runs, which
 * measured no gain.
 *
 * The caches live beside the bundles, in .v8-cache/: whoever can write there can already write
 * main.js, so it asks for no trust the code does not already have. Each file is named by its
 * bundle's SHA-256 (V8 itself checks only the source's length), the Node.js version and the CPU
 * architecture; V8 rejects a cache made under other flags or corrupted, and then it is written
 * again. Where the folder cannot be written the plugin starts as before, without a word.
 */
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

/**
 * The SHA-256 of main.js and of each bundle of later/ (by path from this folder), put here by the
 * build: hashing 3 MB at every start would cost 5-10 ms.
 */
declare const BUNDLE_DIGESTS: Record<string, string>;

/** The served bundle's exports (provider/plugin/main.ts). */
interface Bundle {
  serve(args: string[]): Promise<void>;
}

/** `.v8-cache/main-<digest>-v20.20.2-x64.bin`, `.v8-cache/later-undici-<digest>-…` */
function cacheFileOf(name: string): string {
  const stem = name.replace(/\.js$/, "").replace(/\//g, "-");
  return join(
    __dirname,
    ".v8-cache",
    `${stem}-${BUNDLE_DIGESTS[name]}-${process.version}-${process.arch}.bin`,
  );
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all: a start reading it meanwhile sees the old file or none. */
function writeCache(file: string, script: Script): void {
  const partial = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, file);
  } catch {
    removeQuietly(partial);
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // never written
  }
}

const loaded = new Map<string, unknown>();

/**
 * Runs the bundle `name` (main.js, later/undici.js, …) as Node.js runs a CommonJS module, once,
 * from the cached compiled code when V8 takes it; its requires of later/ bundles come here too.
 */
function runBundle(name: string): unknown {
  if (loaded.has(name)) return loaded.get(name);
  const file = join(__dirname, name);
  const source = readFileSync(file, "utf8");
  const cacheFile = cacheFileOf(name);
  const cached = readCache(cacheFile);
  const script = new Script(Module.wrap(source), { filename: file, cachedData: cached });
  const module = new Module(file);
  module.filename = file;
  loaded.set(name, module.exports);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, requireOf(file), module, file, dirname(file));
  module.loaded = true;
  loaded.set(name, module.exports);
  // Written as soon as the bundle has run: the engine stops a small stack's plugin a few hundred
  // milliseconds in, with no chance to write at exit. Every module's top level is compiled by
  // then, most of the cost (a cache written after a second of serving measured no faster).
  if (cached === undefined || script.cachedDataRejected)
    setImmediate(() => writeCache(cacheFile, script)).unref();
  return module.exports;
}

/** Node.js's require for `file`, but a bundle this build made (`./later/undici.js`) through runBundle. */
function requireOf(file: string): NodeJS.Require {
  const plain = createRequire(file);
  const ours = ((id: string) => {
    const name = id.startsWith("./") ? join(dirname(file), id).slice(__dirname.length + 1) : undefined;
    return name !== undefined && Object.hasOwn(BUNDLE_DIGESTS, name) ? runBundle(name) : plain(id);
  }) as NodeJS.Require;
  return Object.assign(ours, { resolve: plain.resolve, cache: plain.cache, main: plain.main });
}

export function serve(args: string[]): Promise<void> {
  return (runBundle("main.js") as Bundle).serve(args);
}
