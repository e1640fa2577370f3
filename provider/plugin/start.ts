/**
 * The plugin's first module (dist/plugin/start.js, bundled on its own by scripts/build-plugin.js):
 * runs the bundle beside it, main.js, from V8's code cache of that bundle when there is one, and
 * otherwise writes one once the plugin has served for a moment. Compiling the 2 MB bundle was
 * about 55 ms of a 140 ms start on Node.js 20 (docs/performance.md); Node.js's own compile cache
 * (NODE_COMPILE_CACHE) stores only what is compiled before the bundle runs, which measured no gain.
 *
 * The cache lives beside the bundle, in .v8-cache/: whoever can write there can already write
 * main.js, so it asks for no trust the code does not already have. Its file is named by the
 * bundle's SHA-256 (V8 itself checks only the source's length), the Node.js version and the CPU
 * architecture; V8 rejects a cache made under other flags or corrupted, and then it is written
 * again. Where the folder cannot be written the plugin starts as before, without a word.
 */
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

/** main.js's SHA-256, put here by the build (hashing it at every start would cost 5-10 ms). */
declare const BUNDLE_DIGEST: string;

/** The served bundle's exports (provider/plugin/main.ts). */
interface Bundle {
  serve(args: string[]): Promise<void>;
}

/** Long enough for the engine's first calls to have compiled what a deployment runs. */
const WRITE_AFTER_MS = 1000;

function cacheFileOf(dir: string): string {
  return join(dir, ".v8-cache", `main-${BUNDLE_DIGEST}-${process.version}-${process.arch}.bin`);
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

/** Runs `file` as Node.js runs a CommonJS module, from the cached compiled code when V8 takes it. */
function runBundle(file: string): Bundle {
  const source = readFileSync(file, "utf8");
  const cacheFile = cacheFileOf(dirname(file));
  const cached = readCache(cacheFile);
  const script = new Script(Module.wrap(source), { filename: file, cachedData: cached });
  const module = new Module(file);
  module.filename = file;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  if (cached === undefined || script.cachedDataRejected) {
    setTimeout(() => writeCache(cacheFile, script), WRITE_AFTER_MS).unref();
  }
  return module.exports as Bundle;
}

export function serve(args: string[]): Promise<void> {
  return runBundle(join(__dirname, "main.js")).serve(args);
}
