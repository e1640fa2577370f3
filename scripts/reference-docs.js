#!/usr/bin/env node
// Writes the inputs and outputs tables of docs/resources/*.md from the package schema
// (provider/plugin/reference-tables.ts, built into dist/). `--check` changes nothing and exits 1
// naming each page that differs. Run through `npm run docs` (which builds first).
"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { REFERENCE_PAGES, withTables } = require("../dist/plugin/reference-tables");

const root = join(__dirname, "..");
const check = process.argv.includes("--check");
let stale = 0;
for (const [token, page] of Object.entries(REFERENCE_PAGES)) {
  const path = join(root, page);
  const before = readFileSync(path, "utf8");
  const after = withTables(before, token);
  if (before === after) continue;
  stale += 1;
  if (check) console.error(`reference-docs: ${page} differs from the schema; run \`npm run docs\``);
  else {
    writeFileSync(path, after);
    console.log(`reference-docs: wrote ${page}`);
  }
}
process.exit(check && stale > 0 ? 1 : 0);
