/**
 * The inputs and outputs tables of each resource's reference page (docs/resources/), made from the
 * package schema: the one definition the plugin's SDKs, the TypeScript classes' doc comments (a
 * test compares them) and these pages all follow. `npm run docs` writes them; a test fails when a
 * page differs.
 */
import { packageSchema, TOKENS, type PropertySpec } from "./schema";

interface ResourceSpec {
  inputProperties: Record<string, PropertySpec>;
  requiredInputs: string[];
  properties: Record<string, PropertySpec>;
  required: string[];
}

/** The page of each resource, by type token. */
export const REFERENCE_PAGES: Record<string, string> = {
  [TOKENS.imageMember]: "docs/resources/image-member.md",
  [TOKENS.imageMemberAcceptance]: "docs/resources/image-member-acceptance.md",
  [TOKENS.imageShare]: "docs/resources/image-share.md",
  [TOKENS.imageMemberSet]: "docs/resources/image-member-set.md",
};

export const GENERATED_BEGIN =
  "<!-- inputs and outputs: made from provider/plugin/schema.ts by `npm run docs`; edit the schema, not this -->";
export const GENERATED_END = "<!-- end of the generated tables -->";

/** The generated block of a resource's page, markers included. */
export function referenceTables(token: string): string {
  const resources = (packageSchema("0.0.0") as { resources: Record<string, ResourceSpec> }).resources;
  const spec = resources[token];
  if (!spec) throw new Error(`no resource ${token} in the schema`);
  const required = (names: string[]) => new Set(names);
  return [
    GENERATED_BEGIN,
    "",
    "### Inputs",
    "",
    table(spec.inputProperties, required(spec.requiredInputs), ["required", "optional"]),
    "",
    "### Outputs",
    "",
    table(spec.properties, required(spec.required), ["always set", "if given"]),
    "",
    GENERATED_END,
  ].join("\n");
}

/** The page with its generated block replaced; a page without the markers gains none. */
export function withTables(page: string, token: string): string {
  const begin = page.indexOf(GENERATED_BEGIN);
  const end = page.indexOf(GENERATED_END);
  if (begin < 0 || end < begin) throw new Error(`no generated block (${GENERATED_BEGIN})`);
  return page.slice(0, begin) + referenceTables(token) + page.slice(end + GENERATED_END.length);
}

function table(
  properties: Record<string, PropertySpec>,
  required: Set<string>,
  [always, otherwise]: [string, string],
): string {
  const rows = Object.entries(properties).map(
    ([name, spec]) =>
      `| \`${name}\` | ${typeOf(spec)} | ${required.has(name) ? always : otherwise} | ${cell(spec.description)} |`,
  );
  return ["| name | type | | description |", "|---|---|---|---|", ...rows].join("\n");
}

/** The type as a TypeScript user writes it; a reference to a resource or type by its name. */
function typeOf(spec: PropertySpec): string {
  if (spec.$ref) return spec.$ref.split(":").pop()!;
  if (spec.type === "array") return `${typeOf(spec.items!)}[]`;
  if (spec.type === "object") return `map of ${typeOf(spec.additionalProperties!)}`;
  if (spec.type === "integer") return "integer";
  return `${spec.type}${spec.secret ? " (secret)" : ""}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
}
