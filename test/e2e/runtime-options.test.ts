/**
 * A TypeScript program run through the `Pulumi.yaml` runtime options (`typescript`, `nodeargs`),
 * under the Node.js and `@pulumi/pulumi` of the version-matrix row: the options reach the program
 * when the language host matches the CLI (scripts/ensure-pulumi.sh says which host it built), and
 * the share is made and revoked by the installed package under that Node.js.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as harness from "../../scripts/lib/pulumi-harness";
import { as, useProgram } from "./program";
import { localTarget, type E2eTarget } from "./targets";

jest.setTimeout(5 * 60_000);

const NODEARGS = "--max-old-space-size=321";

const PROGRAM = {
  "runtime/Pulumi.yaml": [
    "name: runtime-options",
    "runtime:",
    "  name: nodejs",
    "  options:",
    "    typescript: true",
    `    nodeargs: "${NODEARGS}"`,
    "main: index.ts",
    "",
  ].join("\n"),
  "runtime/index.ts": [
    'import * as pulumi from "@pulumi/pulumi";',
    'import { ImageMember } from "pulumi-image-member";',
    "",
    "const config = new pulumi.Config();",
    'const share: ImageMember = new ImageMember("share", { imageId: config.require("imageId"), memberId: config.require("memberId") });',
    "export const status: pulumi.Output<string> = share.status;",
    "export const execArgv: string[] = process.execArgv;",
    "export const nodeVersion: string = process.version;",
    'export const sdkVersion: string = require("@pulumi/pulumi/package.json").version;',
    "",
  ].join("\n"),
};

const program = useProgram("runtime-options", "examples/share-image", PROGRAM);
let target: E2eTarget;

beforeAll(async () => {
  target = await localTarget();
});
afterAll(() => target?.close());

/** What scripts/ensure-pulumi.sh wrote about the engine it provides, if anything. */
function buildInfo(binDir: string): string {
  const file = join(dirname(binDir), "BUILD-INFO");
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

test("a TypeScript program through the runtime options: the row's Node.js and SDK, nodeargs applied under a matching host, share made and revoked", async () => {
  const cwd = join(program().dir, "runtime");
  const imageId = await target.createImage();
  const memberId = target.fixtures.projects.consumer.id;
  await program().pulumi.stackInit("runtime", { imageId, memberId }, { cwd });
  await program().pulumi.run(["up", "--yes", "--stack", "runtime"], { ...as(target, "owner"), cwd });

  const outputs = (await program().pulumi.outputs("runtime", { cwd })) as Record<string, unknown>;
  const info = buildInfo(program().binDir);
  process.stdout.write(
    `[e2e runtime-options] node ${String(outputs.nodeVersion)}, @pulumi/pulumi ${String(outputs.sdkVersion)}, execArgv ${JSON.stringify(outputs.execArgv)}; engine: ${info.trim() || "(no BUILD-INFO)"}\n`,
  );
  expect(outputs.status).toBe("pending");
  expect(await target.members(imageId)).toEqual([{ memberId, status: "pending" }]);
  const node = (await harness.run("node", ["--version"])).stdout.trim();
  expect(outputs.nodeVersion).toBe(node);
  if (harness.PULUMI_NPM_VERSION !== "latest") expect(outputs.sdkVersion).toBe(harness.PULUMI_NPM_VERSION);
  // CI asks for the matching host where the language host's source is at hand (../shared/vendor).
  if (process.env.E2E_REQUIRE_MATCHING_HOST === "1") expect(info).toMatch(/matching host/);
  if (/matching host/.test(info)) expect(outputs.execArgv).toContain(NODEARGS);

  const [member] = harness.resourcesOf(
    (await program().pulumi.exportState("runtime", { cwd })).deployment,
    "glance:ImageMember",
  );
  expect(String(member.outputs?.__provider)).toContain(
    'require("pulumi-image-member/serialized/image-member")',
  );

  await program().pulumi.run(["destroy", "--yes", "--stack", "runtime"], { ...as(target, "owner"), cwd });
  expect(await target.members(imageId)).toEqual([]);
  await program().pulumi.removeStack("runtime", { cwd });
});
