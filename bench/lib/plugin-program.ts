/**
 * The benchmark's YAML programs through the provider plugin: the same N shares as bench/program
 * (names share-0…, member ids project00000…, images round-robin), as
 * `image-member:index:ImageMember` resources, or as one `image-member:index:ImageMemberSet` of N
 * projects on one image. The plugin is the one users install once per machine: the tarball of
 * `npm run plugin:package`, put into the benchmark's PULUMI_HOME by `pulumi plugin install`, so the
 * programs name only type tokens, and the engine keeps the plugin's schema after the first load
 * (a `packages:` folder has no version to key that on: one more plugin start per `up`).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Pulumi } from "../../scripts/lib/pulumi-harness";

type Harness = typeof import("../../scripts/lib/pulumi-harness");

export const PLUGIN_TYPE = "image-member:index:ImageMember";
export const PLUGIN_SET_TYPE = "image-member:index:ImageMemberSet";

/**
 * What the YAML program declares: N ImageMember resources, one ImageMemberSet of N projects, or
 * nothing (the engine's own cost of a YAML program: no plugin, no request).
 */
export type PluginShape = "members" | "set" | "empty";

const memberId = (i: number) => `project${String(i).padStart(5, "0")}`;

function resourceLines(shape: PluginShape, count: number, imageIds: string[]): string[] {
  if (shape === "empty") return [];
  if (shape === "set")
    return [
      "  shares:",
      `    type: ${PLUGIN_SET_TYPE}`,
      "    properties:",
      `      imageId: "${imageIds[0]}"`,
      "      memberIds:",
      ...Array.from({ length: count }, (_, i) => `        - "${memberId(i)}"`),
    ];
  const lines: string[] = [];
  for (let i = 0; i < count; i++)
    lines.push(
      `  share-${i}:`,
      `    type: ${PLUGIN_TYPE}`,
      "    properties:",
      `      imageId: "${imageIds[i % imageIds.length]}"`,
      `      memberId: "${memberId(i)}"`,
    );
  return lines;
}

/** Pulumi.yaml of `count` shares over `imageIds`, through the installed plugin. */
export function pluginProgramText(count: number, imageIds: string[], shape: PluginShape = "members"): string {
  const resources = resourceLines(shape, count, imageIds);
  const lines = [
    `name: pim-bench-plugin-${shape}-${count}`,
    "description: The benchmark's shares through the image-member provider plugin (npm run bench).",
    "runtime: yaml",
    ...(resources.length > 0 ? ["resources:", ...resources] : ["resources: {}"]),
  ];
  return `${lines.join("\n")}\n`;
}

/** The directory holding the YAML language host, from toolchain/ensure-language-hosts.sh. */
export async function ensureLanguageHosts(harness: Harness, root: string): Promise<string> {
  const result = await harness.run("bash", [join(root, "toolchain/ensure-language-hosts.sh")]);
  return result.stdout.trim().split("\n").pop()!;
}

/**
 * `npm run plugin:package`'s tarball, built into `workDir` from this checkout's dist/, installed
 * with `pulumi plugin install` into the PULUMI_HOME of `pulumi`'s environment.
 */
export async function installPlugin(harness: Harness, pulumi: Pulumi, root: string, workDir: string) {
  const packaged = await harness.run("node", [
    join(root, "scripts/plugin-package.js"),
    "--out",
    join(workDir, "plugin-tarball"),
  ]);
  const tarball = packaged.stdout.trim().split("\n").pop()!;
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  await pulumi.run(["plugin", "install", "resource", "image-member", version, "--file", tarball], {
    env: withoutNpmVariables(pulumi.env),
  });
}

/** Under `npm run`, npm_config_local_prefix would point an npm the engine starts at this repository. */
function withoutNpmVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

/** A YAML program of `count` shares in `dir`, and `pulumi` there, the language hosts first on PATH. */
export function createPluginProgram(
  harness: Harness,
  base: Pulumi,
  options: {
    dir: string;
    languageHosts: string;
    count: number;
    imageIds: string[];
    shape: PluginShape;
  },
): Pulumi {
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(
    join(options.dir, "Pulumi.yaml"),
    pluginProgramText(options.count, options.imageIds, options.shape),
  );
  const env = withoutNpmVariables(base.env);
  return new harness.Pulumi({
    cwd: options.dir,
    env: { ...env, PATH: `${options.languageHosts}:${base.env.PATH ?? ""}` },
  });
}
