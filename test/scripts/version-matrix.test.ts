/** README's "Supported versions" and package.json say what the version matrix runs, row by row. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "../..");
const rows = JSON.parse(readFileSync(join(ROOT, "scripts/version-matrix.json"), "utf8")) as {
  row: string;
  node: string;
  sdk: string;
  cli: string;
  runs: string;
}[];
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  engines: { node: string };
  peerDependencies: Record<string, string>;
};

test("README's table is the matrix, line by line", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const block = /<!-- version-matrix:start -->\n([\s\S]*?)\n<!-- version-matrix:end -->/.exec(readme)?.[1];
  const lines = (block ?? "").split("\n").slice(2);
  expect(lines).toEqual(rows.map((r) => `| ${r.node} | ${r.sdk} | ${r.cli.replace(/^v/, "")} | ${r.runs} |`));
});

test("engines and peerDependencies claim exactly the matrix's ends", () => {
  const nodes = rows.map((r) => Number(r.node));
  expect(Math.min(...nodes)).toBe(20);
  expect(manifest.engines.node).toBe(">=20.18.1"); // undici 7's floor on the 20 line
  const pinned = rows.map((r) => r.sdk).filter((v) => v !== "latest");
  const oldest = pinned.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))[0];
  expect(manifest.peerDependencies["@pulumi/pulumi"]).toBe(`>=${oldest} <4`);
  expect(rows.some((r) => r.sdk === "latest")).toBe(true);
});
