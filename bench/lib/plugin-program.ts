/**
 * The benchmark's YAML programs through the provider plugin: the same N shares as bench/program
 * (names share-0…, member ids project00000…, images round-robin), as
 * `image-member:index:ImageMember` resources, or as one `image-member:index:ImageMemberSet` of N
 * projects on one image, of the plugin shipped in the installed package
 * (`packages:` → node_modules/pulumi-image-member/plugin, as the plugin e2e uses it). The plugin's
 * default provider reads the owner's OS_* variables, as the dynamic provider does.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Pulumi } from "../../scripts/lib/pulumi-harness";

type Harness = typeof import("../../scripts/lib/pulumi-harness");

export const PLUGIN_TYPE = "image-member:index:ImageMember";
export const PLUGIN_SET_TYPE = "image-member:index:ImageMemberSet";

/** What the YAML program declares: N ImageMember resources, or one ImageMemberSet of N projects. */
export type PluginShape = "members" | "set";

const memberId = (i: number) => `project${String(i).padStart(5, "0")}`;

function resourceLines(shape: PluginShape, count: number, imageIds: string[]): string[] {
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

/** Pulumi.yaml of `count` shares over `imageIds`, taking the plugin from `pluginDir`. */
export function pluginProgramText(
  dir: string,
  pluginDir: string,
  count: number,
  imageIds: string[],
  shape: PluginShape = "members",
): string {
  const lines = [
    `name: pim-bench-plugin-${shape}-${count}`,
    "description: The benchmark's shares through the image-member provider plugin (npm run bench).",
    "runtime: yaml",
    "packages:",
    `  image-member: ${relative(dir, pluginDir)}`,
    "resources:",
    ...resourceLines(shape, count, imageIds),
  ];
  return `${lines.join("\n")}\n`;
}

/** The directory holding the YAML language host, from scripts/ensure-language-hosts.sh. */
export async function ensureLanguageHosts(harness: Harness, root: string): Promise<string> {
  const result = await harness.run("bash", [join(root, "scripts/ensure-language-hosts.sh")]);
  return result.stdout.trim().split("\n").pop()!;
}

/**
 * A YAML program of `count` shares in `dir`, and `pulumi` there: the language hosts first on PATH,
 * without npm's variables (under `npm run`, npm_config_local_prefix would point the Node.js host's
 * dependency install in the plugin folder at this repository instead of the program's node_modules).
 */
export function createPluginProgram(
  harness: Harness,
  base: Pulumi,
  options: {
    dir: string;
    pluginDir: string;
    languageHosts: string;
    count: number;
    imageIds: string[];
    shape: PluginShape;
  },
): Pulumi {
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(
    join(options.dir, "Pulumi.yaml"),
    pluginProgramText(options.dir, options.pluginDir, options.count, options.imageIds, options.shape),
  );
  const env = Object.fromEntries(Object.entries(base.env).filter(([key]) => !/^npm_/i.test(key)));
  return new harness.Pulumi({
    cwd: options.dir,
    env: { ...env, PATH: `${options.languageHosts}:${base.env.PATH ?? ""}` },
  });
}
