/**
 * What the plugin's end-to-end cases share: the YAML programs they write (the plugin from the
 * program's node_modules) and the stack config that logs the plugin in.
 */
import type * as harness from "../../scripts/lib/pulumi-harness";
import type { E2eTarget } from "./targets";

/**
 * A YAML program taking `imageId` from stack config: the plugin from the program's node_modules
 * (`packages:`), or by type token only when `installed` (the plugin from `pulumi plugin install`).
 */
export function yamlText(options: {
  name: string;
  installed?: boolean;
  resources: string[];
  outputs?: string[];
}): string {
  const list = (key: string, lines: string[] = []) => (lines.length > 0 ? [`${key}:`, ...lines] : []);
  return [
    `name: ${options.name}`,
    "runtime: yaml",
    ...(options.installed ? [] : ["packages:", "  image-member: ../node_modules/pulumi-image-member/plugin"]),
    "config:",
    "  imageId:",
    "    type: string",
    ...(options.resources.length > 0 ? list("resources", options.resources) : ["resources: {}"]),
    ...list("outputs", options.outputs),
    "",
  ].join("\n");
}

/** A resource block of `type` named `name` on the config's image; `properties` as YAML lines. */
export function onImage(name: string, type: string, properties: string[]): string[] {
  return [
    `  ${name}:`,
    `    type: ${type}`,
    "    properties:",
    "      imageId: ${imageId}",
    ...properties.map((p) => `      ${p}`),
  ];
}

/** The owner's login as the plugin's own stack config (image-member:*), the password secret. */
export async function initStack(
  pulumi: harness.Pulumi,
  cwd: string,
  stack: string,
  target: E2eTarget,
  config: Record<string, string | string[]>,
): Promise<void> {
  const f = target.fixtures;
  await pulumi.stackInit(
    stack,
    {
      ...config,
      "image-member:authUrl": f.authUrl,
      "image-member:userName": f.users.owner.name,
      "image-member:tenantName": f.projects.owner.name,
      "image-member:userDomainName": f.domain,
      "image-member:projectDomainName": f.domain,
      "image-member:region": f.region,
    },
    { cwd },
  );
  await pulumi.configSet(stack, "image-member:password", f.users.owner.password, { cwd, secret: true });
}
