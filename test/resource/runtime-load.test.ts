/**
 * What the engine's provider process loads before its first request: `__provider` requires
 * `pulumi-image-member/provider-runtime` at the first hook, and a preview (check and diff only)
 * never gets further. The HTTP client and the YAML parser wait until they are needed.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");

function loadedBy(script: string): string[] {
  const out = execFileSync(
    process.execPath,
    ["-e", `${script}; console.log(JSON.stringify(Object.keys(require.cache)))`],
    { cwd: ROOT, encoding: "utf8" },
  );
  return (JSON.parse(out) as string[]).map((path) => path.slice(ROOT.length + 1));
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/resource/runtime.js")))
    throw new Error("run `npm run build` first (npm test does)");
});

test("loading the provider runtime and running check loads neither undici nor yaml", () => {
  const loaded = loadedBy(
    `const { imageMember } = require("./dist/resource/runtime.js");
     imageMember.check({}, { imageId: "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11", memberId: "p1" })`,
  );
  expect(loaded.some((path) => path.startsWith("dist/resource/"))).toBe(true);
  expect(loaded.filter((path) => /node_modules\/(undici|yaml)\//.test(path))).toEqual([]);
});

test("the first connection pool loads undici", () => {
  const loaded = loadedBy(`require("./dist/http/agent.js").sharedAgent()`);
  expect(loaded.some((path) => path.startsWith("node_modules/undici/"))).toBe(true);
});
