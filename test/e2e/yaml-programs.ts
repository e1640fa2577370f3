/** The YAML programs the plugin's end-to-end cases write: the plugin from the program's node_modules. */

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
