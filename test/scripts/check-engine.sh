#!/usr/bin/env bash
# Checks toolchain/ensure-pulumi.sh (and, with a Node.js major, toolchain/ensure-node.sh)
# end to end: the one-line answers, `pulumi version`, the language host it reports in
# BUILD-INFO, and that host's handling of Pulumi.yaml runtime options: a JS program whose
# Pulumi.yaml says `nodeargs: "--max-old-space-size=256"` exports process.execArgv. The host
# built from sdk/v3 v3.68.0 is known to ignore the option (the engine no longer passes it as
# a flag); a host that applies it is reported, not failed.
#
#   bash test/scripts/check-engine.sh                         # default engine, PATH node
#   PULUMI_VERSION=v3.276.0 bash test/scripts/check-engine.sh 24
#
# Needs the repository's node_modules (npm ci) for @pulumi/pulumi; uses a file backend in
# a temporary directory; touches nothing outside it but the build cache of the scripts.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
NODEARGS=--max-old-space-size=256
fail() {
	printf 'check-engine: FAIL: %s\n' "$*" >&2
	exit 1
}
say() { printf 'check-engine: %s\n' "$*" >&2; }

# one_line CMD...: runs CMD; its stdout must be exactly one line.
one_line() {
	local out
	out=$("$@") || fail "$* exited $?"
	[[ -n $out && $out != *$'\n'* ]] || fail "$* printed '${out}' (want one line)"
	printf '%s\n' "$out"
}

if [[ -n ${1:-} ]]; then
	node_bin=$(one_line bash "$root/toolchain/ensure-node.sh" "$1")
	PATH="$node_bin:$PATH"
	[[ $(node --version) == "v$1".* ]] || fail "node on PATH is $(node --version), want v$1.x"
	[[ $(cd / && npm version --json) == *"\"node\": \"$(node --version | tr -d v)\""* ]] || fail "npm does not run under $(command -v node)"
fi
say "node $(node --version) ($(command -v node)), npm $(npm --version)"

pulumi_bin=$(one_line bash "$root/toolchain/ensure-pulumi.sh")
for f in pulumi pulumi-language-nodejs pulumi-resource-pulumi-nodejs; do
	[[ -x $pulumi_bin/$f ]] || fail "$pulumi_bin/$f missing"
done
PATH="$pulumi_bin:$PATH"
got=$(PULUMI_SKIP_UPDATE_CHECK=true pulumi version)
if [[ -n ${PULUMI_VERSION:-} ]]; then
	[[ $got == "v${PULUMI_VERSION#v}" ]] || fail "pulumi version is $got, PULUMI_VERSION=$PULUMI_VERSION"
fi
info=$(cat "$(dirname "$pulumi_bin")/BUILD-INFO" 2>/dev/null || true)
say "pulumi $got from $pulumi_bin"
say "BUILD-INFO: ${info:-(none)}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prog="$tmp/prog"
mkdir -p "$prog" "$tmp/state" "$tmp/home"
ln -s "$root/node_modules" "$prog/node_modules"
cat >"$prog/Pulumi.yaml" <<EOF
name: check-engine
runtime:
  name: nodejs
  options:
    typescript: false
    nodeargs: "$NODEARGS"
main: index.js
EOF
printf '{ "name": "check-engine", "private": true, "main": "index.js" }\n' >"$prog/package.json"
cat >"$prog/index.js" <<'EOF'
exports.execArgv = process.execArgv;
exports.nodeVersion = process.version;
exports.sdkVersion = require("@pulumi/pulumi/package.json").version;
EOF

export PULUMI_BACKEND_URL="file://$tmp/state" PULUMI_CONFIG_PASSPHRASE=check PULUMI_SKIP_UPDATE_CHECK=true \
	PULUMI_HOME="$tmp/home" PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true
(
	cd "$prog"
	pulumi stack init check --non-interactive >/dev/null
	pulumi up --yes --skip-preview --non-interactive >"$tmp/up.log" 2>&1 || {
		cat "$tmp/up.log" >&2
		fail "pulumi up failed"
	}
	pulumi stack output --json >"$tmp/outputs.json"
)
outputs=$(tr -d ' \n' <"$tmp/outputs.json")
say "outputs: $outputs"
[[ $outputs == *"\"nodeVersion\":\"$(node --version)\""* ]] || fail "the program ran under another node than $(node --version)"

if [[ $outputs == *"\"$NODEARGS\""* ]]; then applied=yes; else applied=no; fi
case "$info" in
*"from sdk/v3 v3.68.0"*)
	[[ $applied == no ]] || fail "the sdk/v3 v3.68.0 host applied nodeargs (unexpected; update the docs)"
	say "OK: Node.js host from sdk/v3 v3.68.0; nodeargs ignored, as documented"
	;;
*) say "OK: host not built here ($pulumi_bin); nodeargs applied: $applied" ;;
esac
