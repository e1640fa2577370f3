/**
 * What the plugin's process loads from disk before it has answered the engine's first calls: the
 * launcher's index.js, start.js and the one bundled file it runs (scripts/build-plugin.js), nothing
 * from node_modules. The unbundled plugin loaded some 265 files at this point (266 measured on
 * 2026-12-03, 207 of them from node_modules), about half of its start (docs/performance.md).
 * And how start.js runs the bundle from V8's code cache beside it, in a copy of the plugin's folders
 * as a user's install has them.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { startLocalCloud } from "../../provider/testing";
import { PluginProcess, providerSettings } from "./plugin-process";

const ROOT = join(__dirname, "..", "..");
const RECORDER = join(__dirname, "record-loaded-files.js");
/** 267 modules on 2026-12-03: the SDK's provider server, gRPC, protobuf and ours. */
const MOST_BUNDLED_MODULES = 300;

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "pim-plugin-start-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The files the plugin's node loaded, in order, once it has answered a GetSchema and a Check. */
async function filesLoadedByFirstCalls(): Promise<string[]> {
  const record = join(dir, "loaded.txt");
  const plugin = await PluginProcess.start({
    PATH: process.env.PATH,
    HOME: "/nonexistent",
    NODE_OPTIONS: `--require ${RECORDER}`,
    RECORD_LOADED_FILES: record,
  });
  try {
    await plugin.schema();
    const checked = await plugin.check("urn:pulumi:dev::proj::image-member:index:ImageMember::share", {
      imageId: "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11",
      memberId: "p1",
    });
    expect(checked.failures).toEqual([]);
  } finally {
    plugin.stop();
  }
  return readFileSync(record, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((file) => relative(ROOT, file));
}

test("the plugin answers its first calls having loaded only its launcher's index.js and start.js", async () => {
  const loaded = await filesLoadedByFirstCalls();
  expect(loaded.filter((file) => file.includes("node_modules"))).toEqual([]);
  // start.js runs dist/plugin/main.js itself, from V8's code cache (below), not through require.
  expect(loaded).toEqual(["plugin/index.js", "dist/plugin/start.js"]);
});

test("main.js holds the SDK's provider server, not all of @pulumi/pulumi, automation, TypeScript, undici or yaml", () => {
  // esbuild's metafile of the build (scripts/build-plugin.js): every module the bundle holds.
  const meta = JSON.parse(readFileSync(join(ROOT, "dist/plugin/main.meta.json"), "utf8"));
  const modules = Object.keys(meta.inputs as Record<string, unknown>);
  expect(modules).toContain("node_modules/@pulumi/pulumi/provider/server.js");
  expect(
    modules.filter((m) =>
      /node_modules\/(@pulumi\/pulumi\/(index|automation\/|dynamic\/)|typescript\/|@npmcli\/|undici\/|yaml\/|protobufjs\/)/.test(
        m,
      ),
    ),
  ).toEqual([]);
  expect(modules.length).toBeLessThanOrEqual(MOST_BUNDLED_MODULES);
});

describe("V8's code cache of the bundle", () => {
  const SHARE = "urn:pulumi:dev::proj::image-member:index:ImageMember::share";
  let root: string;
  let cacheDir: string;

  /** A copy of the plugin as installed: the launcher's folder and dist/plugin, no cache yet. */
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "pim-plugin-cache-"));
    cpSync(join(ROOT, "plugin"), join(root, "plugin"), { recursive: true });
    mkdirSync(join(root, "dist"));
    cpSync(join(ROOT, "dist", "plugin"), join(root, "dist", "plugin"), {
      recursive: true,
      filter: (source) => !source.includes(".v8-cache"),
    });
    cacheDir = join(root, "dist", "plugin", ".v8-cache");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** Starts the copy, answers a GetSchema and a Check, stays up `ms`, stops; returns its stderr. */
  async function serveFor(ms: number): Promise<string> {
    const plugin = await PluginProcess.start({ PATH: process.env.PATH, HOME: "/nonexistent" }, root);
    try {
      await plugin.schema();
      const checked = await plugin.check(SHARE, {
        imageId: "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11",
        memberId: "p1",
      });
      expect(checked.failures).toEqual([]);
      await new Promise((done) => setTimeout(done, ms));
      return plugin.stderr();
    } finally {
      plugin.stop();
    }
  }

  function cacheFiles(): { name: string; ino: number; mtimeMs: number; size: number }[] {
    return readdirSync(cacheDir).map((name) => {
      const { ino, mtimeMs, size } = statSync(join(cacheDir, name));
      return { name, ino, mtimeMs, size };
    });
  }

  test("the first start writes it, though stopped right after its first calls, named by the bundle, Node.js version and CPU; the next start takes it", async () => {
    expect(await serveFor(0)).toBe("");
    const written = cacheFiles();
    expect(written.map((f) => f.name)).toEqual([
      expect.stringMatching(new RegExp(`^main-[0-9a-f]{32}-${process.version}-${process.arch}\\.bin$`)),
    ]);
    expect(written[0].size).toBeGreaterThan(100_000);
    // A cache V8 rejected would be written again: a new file, renamed into place.
    expect(await serveFor(300)).toBe("");
    expect(cacheFiles()).toEqual(written);
  }, 30_000);

  test("undici, loaded at the first request, has a cache of its own, taken by the next start's request", async () => {
    const cloud = await startLocalCloud();
    try {
      const share = async () => {
        const plugin = await PluginProcess.start({ PATH: process.env.PATH, HOME: "/nonexistent" }, root);
        try {
          await plugin.configure(providerSettings(cloud.fixtures, "owner"));
          const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
          await plugin.create(SHARE, { imageId, memberId: cloud.fixtures.projects.consumer.id });
          expect(plugin.stderr()).toBe("");
        } finally {
          plugin.stop();
        }
      };
      await share();
      const written = cacheFiles();
      expect(written.map((f) => f.name.replace(/-[0-9a-f]{32}-.*/, "")).sort()).toEqual([
        "later-undici",
        "main",
      ]);
      await share();
      expect(cacheFiles()).toEqual(written);
    } finally {
      await cloud.close();
    }
  }, 30_000);

  test("a corrupted cache is rejected, the plugin serves the same, and the cache is written again", async () => {
    await serveFor(300);
    const [{ name, size }] = cacheFiles();
    writeFileSync(join(cacheDir, name), Buffer.alloc(size, 7));
    expect(await serveFor(300)).toBe("");
    const [rewritten] = cacheFiles();
    expect(readFileSync(join(cacheDir, name)).equals(Buffer.alloc(size, 7))).toBe(false);
    expect(await serveFor(300)).toBe("");
    expect(cacheFiles()).toEqual([rewritten]);
  }, 30_000);

  test("where the cache cannot be written, the plugin serves without one and says nothing", async () => {
    writeFileSync(cacheDir, "not a folder");
    expect(await serveFor(300)).toBe("");
    expect(readFileSync(cacheDir, "utf8")).toBe("not a folder");
    expect(readdirSync(join(root, "dist", "plugin")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 30_000);
});
