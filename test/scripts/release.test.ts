/** What a release carries: the license it claims, a changelog of this version, metadata that agrees. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageSchema } from "../../provider/plugin/schema";

const ROOT = join(__dirname, "../..");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  license: string;
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
};
/** https://github.com/owner/name, as package.json's repository names it. */
const repository = manifest.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");

test("LICENSE is the license package.json names", () => {
  expect(manifest.license).toBe("Apache-2.0");
  const license = readFileSync(join(ROOT, "LICENSE"), "utf8");
  expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  expect(license).toContain("END OF TERMS AND CONDITIONS");
});

test("the changelog's newest entry is this version, and it states the policy on state", () => {
  const changelog = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");
  const versions = [...changelog.matchAll(/^## (\d+\.\d+\.\d+)\b/gm)].map((m) => m[1]);
  expect(versions[0]).toBe(manifest.version);
  expect(changelog).toMatch(/^## What a version promises about state$/m);
});

test("package.json and the plugin schema name the same repository and version", () => {
  expect(repository).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+$/);
  expect(manifest.homepage.startsWith(repository)).toBe(true);
  expect(manifest.bugs.url).toBe(`${repository}/issues`);
  const schema = packageSchema(manifest.version) as { repository: string; version: string };
  expect(schema.repository).toBe(repository);
  expect(schema.version).toBe(manifest.version);
});

test("npm pack ships the license, the changelog, the README, the build and the plugin, and no sources or tests", () => {
  const [pack] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" }),
  ) as { files: { path: string }[] }[];
  const files = pack.files.map((f) => f.path);
  for (const file of [
    "LICENSE",
    "CHANGELOG.md",
    "README.md",
    "dist/index.js",
    "plugin/pulumi-resource-image-member",
  ])
    expect(files).toContain(file);
  expect(
    files.filter(
      (f) => /^(provider|test|scripts|bench)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts")),
    ),
  ).toEqual([]);
});
