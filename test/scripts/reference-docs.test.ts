/**
 * The reference pages' inputs and outputs tables are the schema's (provider/plugin/schema.ts, the
 * one definition that the SDKs and, through test/plugin/schema.test.ts, the TypeScript classes
 * follow): a page edited by hand, or a schema changed without `npm run docs`, fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TOKENS } from "../../provider/plugin/schema";
import {
  GENERATED_BEGIN,
  REFERENCE_PAGES,
  referenceTables,
  withTables,
} from "../../provider/plugin/reference-tables";

const ROOT = join(__dirname, "../..");

test("every resource has a reference page", () => {
  const resources = Object.values(TOKENS).filter((token) => token !== TOKENS.setShare);
  expect(Object.keys(REFERENCE_PAGES).sort()).toEqual(resources.sort());
});

test.each(Object.entries(REFERENCE_PAGES))("%s: %s has the schema's tables", (token, page) => {
  const text = readFileSync(join(ROOT, page), "utf8");
  expect(text).toContain(GENERATED_BEGIN);
  const fresh = withTables(text, token);
  if (fresh !== text) throw new Error(`${page} differs from the schema: run \`npm run docs\``);
  expect(fresh).toContain(referenceTables(token));
});

test("a description changed in the schema shows in the page's table", () => {
  const tables = referenceTables(TOKENS.imageMember);
  expect(tables).toContain(
    "| `memberId` | string | required | Id of the project (tenant) to share the image with. |",
  );
  expect(tables).toContain("| `region` | string | if given | The region input, if given. |");
});
