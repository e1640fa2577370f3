/**
 * The promise under the real engine: no path forgets a live share, strands a gone one, or writes a
 * secret down. One program shares an image (as the owner) and accepts it (as the consumer), each
 * through its clouds.yaml entry, with an optional `endpoint` from stack config; run against the
 * local Keystone + Glance and, when REAL_OPENSTACK_FIXTURES is set, a real one.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as harness from "../../scripts/lib/pulumi-harness";
import { expectReadableFailure, useProgram } from "./program";
import { forEachTarget, type E2eTarget } from "./targets";
import { passwordToken } from "../../provider/testing";

jest.setTimeout(5 * 60_000);

const PROGRAM = {
  "promise/Pulumi.yaml": ["name: promise", "runtime: nodejs", "main: index.js", ""].join("\n"),
  "promise/index.js": [
    'const pulumi = require("@pulumi/pulumi");',
    'const { ImageMember, ImageMemberAcceptance } = require("pulumi-image-member");',
    "const config = new pulumi.Config();",
    'const imageId = config.require("imageId");',
    'const endpoint = config.get("endpoint");',
    'const shares = config.requireObject("memberProjects").map(',
    '  (memberId) => new ImageMember(`share-${memberId}`, { imageId, memberId, endpoint, cloud: config.get("ownerCloud") || undefined }),',
    ");",
    'if (config.getBoolean("accept")) {',
    '  const accepted = new ImageMemberAcceptance("accept", { imageId, memberId: shares[0].memberId, endpoint, cloud: "consumer" });',
    "  exports.acceptanceStatus = accepted.status;",
    "}",
    "exports.glanceUrls = shares.map((s) => s.glanceUrl);",
    "",
  ].join("\n"),
};

const program = useProgram("promise", "examples/share-image", PROGRAM);

forEachTarget(defineCases);

function defineCases(open: () => Promise<E2eTarget>): void {
  let target: E2eTarget;
  let cloudsFile: string;
  let counter = 0;
  beforeAll(async () => {
    target = await open();
    cloudsFile = join(program().work, `clouds-promise-${target.name}.yaml`);
    writeFileSync(cloudsFile, target.cloudsYaml(), { mode: 0o600 });
  });
  afterAll(() => target?.close());

  const cwd = () => join(program().dir, "promise");
  const pulumi = () => program().pulumi;
  const consumer = () => target.fixtures.projects.consumer.id;
  /** Owner by clouds.yaml entry; the consumer's entry is there for the acceptance. */
  const asOwner = (extra: Record<string, string> = {}) => ({
    cwd: cwd(),
    env: { OS_CLIENT_CONFIG_FILE: cloudsFile, ...extra },
  });
  const glanceRequests = () => (target.local?.requests ?? []).filter((r) => !r.path.startsWith("/v3"));

  async function newStack(config: Record<string, string | string[]>) {
    const imageId = await target.createImage();
    const stack = `${target.name}-promise-${++counter}`;
    await pulumi().stackInit(stack, { imageId, ownerCloud: "owner", ...config }, { cwd: cwd() });
    return { stack, imageId };
  }

  async function cleanUp(stack: string, imageId: string) {
    await pulumi().run(["destroy", "--yes", "--stack", stack], { ...asOwner(), allowFailure: true });
    await pulumi().removeStack(stack, { cwd: cwd() });
    await target.deleteImage(imageId);
  }

  async function membersInState(stack: string) {
    const state = await pulumi().exportState(stack, { cwd: cwd() });
    return harness.resourcesOf(state.deployment, "glance:ImageMember");
  }

  test("ids a URL would read as path steps are refused by check: no request, no share, nothing in state", async () => {
    for (const bad of ["..", ".", "a/../b"]) {
      const { stack, imageId } = await newStack({ memberProjects: [bad] });
      target.local?.clearRequests();
      const up = await pulumi().run(["up", "--yes", "--stack", stack], { ...asOwner(), allowFailure: true });
      expect(up.code).not.toBe(0);
      const line = up.output.split("\n").find((l) => /memberId .*(only dots|contains a separator)/.test(l));
      process.stdout.write(
        `[e2e promise] ${target.name}: memberId ${JSON.stringify(bad)}: ${line?.trim()}\n`,
      );
      expect(line).toBeDefined();
      expect(up.output).not.toContain("    at ");
      expect(glanceRequests()).toEqual([]);
      expect(await target.members(imageId)).toEqual([]);
      expect(await membersInState(stack)).toEqual([]);
      await cleanUp(stack, imageId);
    }
  });

  test("a third project's bare token with an explicit endpoint cannot make destroy or refresh forget a live share", async () => {
    const { stack, imageId } = await newStack({ memberProjects: [consumer()], ownerCloud: "" });
    const owner = { cwd: cwd(), env: target.env("owner") };
    await pulumi().run(["up", "--yes", "--stack", stack], owner);

    const thirdToken = {
      cwd: cwd(),
      env: {
        OS_TOKEN: await passwordToken(target.fixtures, "third"),
        OS_IMAGE_ENDPOINT: target.fixtures.imageUrl,
      },
    };
    for (const command of [["destroy"], ["refresh"]]) {
      const result = await pulumi().run([...command, "--yes", "--stack", stack], {
        ...thirdToken,
        allowFailure: true,
      });
      const line = expectReadableFailure(result, /ERR_NOT_FOUND_UNPROVEN/);
      process.stdout.write(
        `[e2e promise] ${target.name}: ${command[0]} with a third project's bare token: ${line}\n`,
      );
      expect(line).toContain("OS_AUTH_URL");
      expect((await membersInState(stack)).map((r) => r.outputs?.memberId)).toEqual([consumer()]);
      expect(await target.members(imageId)).toEqual([{ memberId: consumer(), status: "pending" }]);
    }
    await pulumi().run(["destroy", "--yes", "--stack", stack], owner);
    expect(await target.members(imageId)).toEqual([]);
    await cleanUp(stack, imageId);
  });

  test("an image endpoint setting with credentials is refused, naming where it came from, and reaches neither output nor state", async () => {
    const { stack, imageId } = await newStack({ memberProjects: [consumer()], ownerCloud: "" });
    const secret = `Pw${Date.now()}x`;
    const withUserInfo = target.fixtures.imageUrl.replace("://", `://svc:${secret}@`);
    const owner = { cwd: cwd(), env: { ...target.env("owner"), OS_IMAGE_ENDPOINT: withUserInfo } };
    const up = await pulumi().run(["up", "--yes", "--stack", stack], { ...owner, allowFailure: true });
    const line = expectReadableFailure(up, /ERR_INVALID_SETTING/);
    process.stdout.write(`[e2e promise] ${target.name}: ${line}\n`);
    expect(line).toContain("OS_IMAGE_ENDPOINT");
    expect(up.output).not.toContain(secret);
    expect((await pulumi().exportState(stack, { cwd: cwd() })).text).not.toContain(secret);
    expect(await target.members(imageId)).toEqual([]);

    // The same endpoint without credentials: what state records is the normalised URL.
    await pulumi().run(["up", "--yes", "--stack", stack], {
      cwd: cwd(),
      env: { ...target.env("owner"), OS_IMAGE_ENDPOINT: `${target.fixtures.imageUrl}/` },
    });
    const [member] = await membersInState(stack);
    expect(member.outputs?.glanceUrl).toMatch(/^https?:\/\/[^@?#]+\/v2$/);
    await cleanUp(stack, imageId);
  });

  test("a cosmetic endpoint edit updates in place (no replace in preview) and keeps the acceptance", async () => {
    const endpoint = target.fixtures.imageUrl.replace(/\/+$/, "");
    const { stack, imageId } = await newStack({ memberProjects: [consumer()], endpoint, accept: "true" });
    await pulumi().run(["up", "--yes", "--stack", stack], asOwner());
    expect(await target.members(imageId)).toEqual([{ memberId: consumer(), status: "accepted" }]);

    for (const edited of [
      `${endpoint}/`,
      endpoint.endsWith("/v2") ? endpoint.slice(0, -3) : `${endpoint}/v2`,
    ]) {
      await pulumi().configSet(stack, "endpoint", edited, { cwd: cwd() });
      target.local?.clearRequests();
      const preview = await pulumi().run(["preview", "--diff", "--stack", stack], asOwner());
      expect(preview.output).toMatch(/\b2 to update\b/);
      expect(preview.output).not.toMatch(/replace/i);
      expect(glanceRequests().filter((r) => r.method !== "GET")).toEqual([]);

      await pulumi().run(["up", "--yes", "--stack", stack], asOwner());
      expect(await target.members(imageId)).toEqual([{ memberId: consumer(), status: "accepted" }]);
      expect(await pulumi().outputs(stack, { cwd: cwd() })).toMatchObject({ acceptanceStatus: "accepted" });
      expect(glanceRequests().filter((r) => r.method === "DELETE" || r.method === "POST")).toEqual([]);
    }
    await cleanUp(stack, imageId);
  });
}
