#!/usr/bin/env bash
# The version matrix of README's "Supported versions" (rows in scripts/version-matrix.json): each
# row runs its suites under its Node.js (toolchain/ensure-node.sh), its `pulumi` CLI with the Node.js
# language host (toolchain/ensure-pulumi.sh), with its `@pulumi/pulumi` in the end-to-end programs.
#
#   bash scripts/version-matrix.sh                  # every row with suites (CI, after its main run)
#   bash scripts/version-matrix.sh node22-latest    # one row
#
# The end-to-end suites of a row: share-image (share, refresh, revoke by removal, destroy, the
# serialized provider a one-line require, an upgrade, ImageMemberSet; TypeScript programs through
# the language host) and inline-program (an Automation API inline program, under the row's Node.js
# and SDK, no language host), against the local cloud: the main run already takes the same programs to the real Glance, and what
# differs by row is the engine's side. The unit suites use REAL_OPENSTACK_FIXTURES when set.
# Build the package first.
set -euo pipefail
cd "$(dirname "$0")/.."

rows_file=scripts/version-matrix.json
wanted=("$@")
mapfile -t rows < <(node -e '
  const rows = require("./" + process.argv[1]);
  const wanted = process.argv.slice(2);
  for (const r of rows) {
    if (wanted.length ? !wanted.includes(r.row) : r.suites.length === 0) continue;
    console.log([r.row, r.node, r.sdk, r.cli, r.suites.join(",") || "unit,e2e"].join(" "));
  }
  for (const w of wanted) if (!rows.some((r) => r.row === w)) { console.error("no row " + w); process.exit(2); }
' "$rows_file" "${wanted[@]}")

say() { printf '\n=== version matrix: %s ===\n' "$*"; }
for line in "${rows[@]}"; do
  read -r row node sdk cli suites <<<"$line"
  node_bin=$(bash toolchain/ensure-node.sh "$node")
  pulumi_bin=$(PULUMI_VERSION=$cli bash toolchain/ensure-pulumi.sh)
  if [[ $sdk == latest ]]; then sdk=$(PATH="$node_bin:$PATH" npm view @pulumi/pulumi version); fi
  say "$row: Node.js $(PATH="$node_bin:$PATH" node --version), @pulumi/pulumi $sdk, pulumi $cli"
  (
    export PATH="$node_bin:$pulumi_bin:$PATH" E2E_PULUMI_NPM_VERSION=$sdk
    if [[ ,$suites, == *,unit,* ]]; then npx jest --ci; fi
    if [[ ,$suites, == *,e2e,* ]]; then
      REAL_OPENSTACK_FIXTURES="" npx jest --ci -c jest.e2e.config.js test/e2e/share-image.test.ts test/e2e/inline-program.test.ts
    fi
  )
done
