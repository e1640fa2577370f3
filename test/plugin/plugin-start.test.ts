/**
 * What the plugin's process loads from disk before it has answered the engine's first calls: the
 * launcher's index.js and the one bundled file (scripts/build-plugin.js), nothing from
 * node_modules. The unbundled plugin loaded some 265 files at this point (266 measured on
 * 2026-12-03, 207 of them from node_modules), about half of its start (docs/performance.md).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { PluginProcess } from "./plugin-process";

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

test("the plugin answers its first calls having loaded only its launcher's index.js and the bundle", async () => {
  const loaded = await filesLoadedByFirstCalls();
  expect(loaded.filter((file) => file.includes("node_modules"))).toEqual([]);
  expect(loaded).toEqual(["plugin/index.js", "dist/plugin/main.js"]);
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
