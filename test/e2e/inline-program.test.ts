/**
 * The package in an Automation API inline program (`@pulumi/pulumi/automation`), under the Node.js
 * and `@pulumi/pulumi` of the version-matrix row: the SDK serves the language runtime in the
 * program's own process, so no language host is involved, against the same CLI and the same
 * dynamic provider. The share is made, read back and revoked. (The CLI-driven programs of
 * share-image.test.ts go through the Node.js language host, which here is sdk/v3 v3.68.0's: see
 * README, Supported versions.)
 */
import { join } from "node:path";
import * as harness from "../../scripts/lib/pulumi-harness";
import { as, useProgram } from "./program";
import { localTarget, type E2eTarget } from "./targets";

jest.setTimeout(5 * 60_000);

/**
 * `node inline.js STACK up|destroy` in the program's directory: one ImageMember of the stack's
 * config, its outputs and the program process's Node.js and SDK versions printed as JSON.
 */
const INLINE = [
  '"use strict";',
  'const { LocalWorkspace } = require("@pulumi/pulumi/automation");',
  'const pulumi = require("@pulumi/pulumi");',
  'const { ImageMember } = require("pulumi-image-member");',
  "",
  "async function program() {",
  "  const config = new pulumi.Config();",
  '  const share = new ImageMember("share", { imageId: config.require("imageId"), memberId: config.require("memberId") });',
  "  return {",
  "    status: share.status,",
  "    nodeVersion: process.version,",
  '    sdkVersion: require("@pulumi/pulumi/package.json").version,',
  "  };",
  "}",
  "",
  "async function main([stackName, operation]) {",
  "  // The program's directory: the dynamic provider resolves @pulumi/pulumi from there.",
  '  const stack = await LocalWorkspace.selectStack({ stackName, projectName: "inline-program", program }, { workDir: __dirname });',
  '  const result = operation === "up" ? await stack.up() : await stack.destroy();',
  '  const outputs = operation === "up" ? Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value])) : {};',
  '  process.stdout.write(JSON.stringify({ summary: result.summary.resourceChanges, outputs }) + "\\n");',
  "}",
  "",
  "main(process.argv.slice(2)).catch((e) => {",
  '  process.stderr.write(String(e && e.stack ? e.stack : e) + "\\n");',
  "  process.exit(1);",
  "});",
  "",
].join("\n");

const PROGRAM = {
  "inline/Pulumi.yaml": "name: inline-program\nruntime: nodejs\n",
  "inline/inline.js": INLINE,
};

const program = useProgram("inline-program", "examples/share-image", PROGRAM);
let target: E2eTarget;

beforeAll(async () => {
  target = await localTarget();
});
afterAll(() => target?.close());

interface InlineResult {
  summary: Record<string, number>;
  outputs: Record<string, unknown>;
}

test("an Automation API inline program under the row's Node.js and SDK shares the image and revokes it on destroy", async () => {
  const cwd = join(program().dir, "inline");
  const imageId = await target.createImage();
  const memberId = target.fixtures.projects.consumer.id;
  const env = { ...program().pulumi.env, ...as(target, "owner").env };
  const inline = async (operation: "up" | "destroy"): Promise<InlineResult> => {
    const result = await harness.run("node", ["inline.js", "inline", operation], { cwd, env });
    return JSON.parse(result.stdout.trim().split("\n").pop()!) as InlineResult;
  };
  await program().pulumi.stackInit("inline", { imageId, memberId }, { cwd });
  try {
    const up = await inline("up");
    process.stdout.write(`[e2e inline-program] ${JSON.stringify(up.outputs)}\n`);
    expect(up.summary).toEqual({ create: 2 }); // the stack and the share
    expect(up.outputs.status).toBe("pending");
    expect(await target.members(imageId)).toEqual([{ memberId, status: "pending" }]);
    expect(up.outputs.nodeVersion).toBe((await harness.run("node", ["--version"])).stdout.trim());
    expect(up.outputs.sdkVersion).toBe(harness.PULUMI_NPM_VERSION);

    const state = await program().pulumi.exportState("inline", { cwd });
    const [member] = harness.resourcesOf(state.deployment, "glance:ImageMember");
    expect(member.id).toBe(`${imageId}/${memberId}`);
    expect(state.text).not.toContain(target.fixtures.users.owner.password);

    const destroy = await inline("destroy");
    expect(destroy.summary).toEqual({ delete: 2 });
    expect(await target.members(imageId)).toEqual([]);
  } finally {
    await inline("destroy").catch(() => undefined);
    await program().pulumi.removeStack("inline", { cwd });
    await target.deleteImage(imageId);
  }
});
