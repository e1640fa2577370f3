#!/usr/bin/env bash
# Makes the Pulumi engine available and prints ONE line on stdout: a directory
# holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`.
# Every log line goes to stderr.
#
#   PATH="$(bash toolchain/ensure-pulumi.sh):$PATH"
#
# Environment:
#   PULUMI_VERSION   engine release; default v3.276.0. Buildable here: every
#                    toolchain/pulumi-build/cli/<version>/. "3.276.0" and
#                    "v3.276.0" are the same.
#   PULUMI_IMAGE_MEMBER_CACHE  cache root; default ~/.cache/pulumi-image-member.
#
# Order:
#   1. a `pulumi` on PATH: without PULUMI_VERSION, one at >= the default; with
#      PULUMI_VERSION set, only one whose `pulumi version` is exactly it. Its
#      helpers are taken from beside it or PATH, else from step 2/3.
#   2. the cached build <cache root>/pulumi-<version>/bin.
#   3. build it with Go (>= the wrapper module's go line; GOTOOLCHAIN=local),
#      from Go modules only, else exit 1 with install hints.
#
# What gets built for version X (all from the Go module proxy; nothing else):
# - pulumi: github.com/pulumi/pulumi/pkg/v3/cmd/pulumi at X from the committed
#   wrapper module toolchain/pulumi-build/cli/X (pinned go.mod and go.sum,
#   -mod=readonly).
# - pulumi-language-nodejs: from github.com/pulumi/pulumi/sdk/v3 v3.68.0, the
#   last sdk/v3 release that still carries the host
#   (toolchain/pulumi-build/nodejs-host). Later hosts live in their own module,
#   which the proxy refuses. The engine talks to it through the older RPCs
#   (GetRequiredPlugins, Run): preview/up/refresh/destroy/import of programs
#   and dynamic providers work; Pulumi.yaml `runtime.options` are NOT seen (the
#   engine no longer passes them as flags), and it has no RunPlugin for
#   source-based plugins. The end-to-end suite proves those cases with the
#   Automation API's inline programs instead (README: Supported versions).
# - pulumi-resource-pulumi-nodejs: not built; a small sh wrapper written here
#   that does what the script at the root of the @pulumi/pulumi npm package
#   does: run @pulumi/pulumi/cmd/dynamic-provider as resolved from the working
#   directory the engine starts it in (the Pulumi program's directory).
# BUILD-INFO beside bin/ says what was built from what, and how long it took.
#
# Measured on the 2-core dev machine (Go 1.26.8), empty GOMODCACHE and
# GOCACHE: see README "Development". Later runs print the cached directory in
# well under a second. The cache dir is ~130 MB; Go keeps ~1.5 GB in
# GOMODCACHE and GOCACHE beside it (may be cleaned; the cache dir is enough).
# Quiet, account-free use: PULUMI_BACKEND_URL=file://DIR, PULUMI_CONFIG_PASSPHRASE,
# PULUMI_SKIP_UPDATE_CHECK=true. With the three binaries on PATH the engine
# downloads no plugin for dynamic providers.
set -euo pipefail

DEFAULT_VERSION=v3.276.0 # also the minimum a PATH pulumi must have by default
HOST_SDK_VERSION=v3.68.0 # sdk/v3 release that carries the Node.js host

# Everything below logs to stderr; only the final answer goes to fd 3 (stdout).
exec 3>&1 1>&2

log() { printf 'ensure-pulumi: %s\n' "$*" >&2; }

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build_src="$script_dir/pulumi-build"
cache_root="${PULUMI_IMAGE_MEMBER_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-image-member}"

# --- what is asked for ----------------------------------------------------------------
explicit_version=false
if [[ -n ${PULUMI_VERSION:-} ]]; then
	explicit_version=true
	VERSION="v${PULUMI_VERSION#v}"
else
	VERSION=$DEFAULT_VERSION
fi
if ! [[ $VERSION =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
	log "PULUMI_VERSION='$PULUMI_VERSION' is not a release like v3.276.0"
	exit 2
fi
cli_module="$build_src/cli/$VERSION"
cache_dir="$cache_root/pulumi-$VERSION"
bin_dir="$cache_dir/bin"
host_line="pulumi-language-nodejs: from sdk/v3 $HOST_SDK_VERSION"

answer() {
	printf '%s\n' "$1" >&3
	exit 0
}

# semver_of TEXT: prints "X.Y.Z" of the first version found in TEXT.
semver_of() {
	if [[ $1 =~ v?([0-9]+)\.([0-9]+)\.([0-9]+) ]]; then
		printf '%s.%s.%s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
	fi
}

# version_ge HAVE WANT: both "X.Y.Z" (or "X.Y"); true when HAVE >= WANT.
version_ge() {
	local IFS=.
	local -a have want
	read -r -a have <<<"$1"
	read -r -a want <<<"$2"
	local i h w
	for i in 0 1 2; do
		h=$((10#${have[i]:-0}))
		w=$((10#${want[i]:-0}))
		if ((h > w)); then return 0; fi
		if ((h < w)); then return 1; fi
	done
	return 0
}

has_all_three() {
	[[ -x "$1/pulumi" && -x "$1/pulumi-language-nodejs" && -x "$1/pulumi-resource-pulumi-nodejs" ]]
}

# pulumi_version_of BINARY: its `pulumi version`, or nothing.
pulumi_version_of() {
	PULUMI_SKIP_UPDATE_CHECK=true "$1" version 2>/dev/null || true
}

cache_ok() {
	has_all_three "$bin_dir" && grep -q "^$host_line" "$cache_dir/BUILD-INFO" 2>/dev/null
}

# write_resource_wrapper FILE: our stand-in for @pulumi/pulumi's
# pulumi-resource-pulumi-nodejs script.
write_resource_wrapper() {
	cat >"$1" <<'EOF'
#!/bin/sh
# Written by toolchain/ensure-pulumi.sh (pulumi-image-member).
# Stand-in for the pulumi-resource-pulumi-nodejs script at the root of the
# @pulumi/pulumi npm package. The Pulumi engine finds it on PATH and starts it
# in the program's directory; like the original it runs the dynamic-provider
# host of the @pulumi/pulumi that the program resolves from there.
script=$(node -e "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))") || exit 1
if [ -z "$script" ]; then
	echo "pulumi-resource-pulumi-nodejs: cannot resolve @pulumi/pulumi/cmd/dynamic-provider from $(pwd)" >&2
	exit 1
fi
exec node "$script" "$@"
EOF
	chmod 0755 "$1"
}

no_way() {
	log "$1"
	log "Install the Pulumi CLI $VERSION (https://www.pulumi.com/docs/install/),"
	log "or install Go >= $(awk '$1 == "go" { print $2; exit }' "$cli_module/go.mod" 2>/dev/null || echo 1.26) and rerun: bash toolchain/ensure-pulumi.sh"
	exit 1
}

# --- 1. a pulumi on PATH ------------------------------------------------------------
# first_executable NAME DIR...: the first DIR/NAME that is executable, else NAME on PATH.
first_executable() {
	local name=$1 d
	shift
	for d in "$@"; do
		if [[ -x $d/$name ]]; then
			printf '%s\n' "$d/$name"
			return 0
		fi
	done
	command -v "$name" 2>/dev/null
}

use_system_pulumi() {
	local pulumi_path pdir real_dir out have lang res shim
	pulumi_path=$(command -v pulumi 2>/dev/null) || return 0
	if ! out=$(PULUMI_SKIP_UPDATE_CHECK=true "$pulumi_path" version 2>/dev/null); then
		log "ignoring $pulumi_path ('pulumi version' failed)"
		return 0
	fi
	have=$(semver_of "$out")
	if $explicit_version; then
		if [[ $have != "${VERSION#v}" ]]; then
			log "ignoring $pulumi_path (version '${out//$'\n'/ }' is not PULUMI_VERSION=$VERSION)"
			return 0
		fi
	elif [[ -z $have ]] || ! version_ge "$have" "${DEFAULT_VERSION#v}"; then
		log "ignoring $pulumi_path (version '${out//$'\n'/ }' < $DEFAULT_VERSION)"
		return 0
	fi
	pdir=$(cd "$(dirname "$pulumi_path")" && pwd)
	if has_all_three "$pdir"; then
		log "using $pulumi_path ($out)"
		answer "$pdir"
	fi
	# The helpers may sit next to the real binary (symlinked pulumi) or
	# elsewhere on PATH; otherwise ours.
	real_dir=$(dirname "$(readlink -f "$pulumi_path")")
	lang=$(first_executable pulumi-language-nodejs "$pdir" "$real_dir") || true
	res=$(first_executable pulumi-resource-pulumi-nodejs "$pdir" "$real_dir") || true
	if [[ -z $lang ]]; then
		log "$pulumi_path has no pulumi-language-nodejs beside it or on PATH; using ours"
		cache_ok || build
		lang="$bin_dir/pulumi-language-nodejs"
	fi
	# A directory of links: the system pulumi plus the helpers it lacks.
	shim="$cache_root/system-pulumi/bin"
	mkdir -p "$shim"
	ln -sfn "$(readlink -f "$pulumi_path")" "$shim/pulumi"
	ln -sfn "$(readlink -f "$lang")" "$shim/pulumi-language-nodejs"
	if [[ -n $res ]]; then
		ln -sfn "$(readlink -f "$res")" "$shim/pulumi-resource-pulumi-nodejs"
	else
		write_resource_wrapper "$shim/.pulumi-resource-pulumi-nodejs.$$"
		mv -f "$shim/.pulumi-resource-pulumi-nodejs.$$" "$shim/pulumi-resource-pulumi-nodejs"
	fi
	log "using $pulumi_path ($out) with helpers linked in $shim"
	answer "$shim"
}

# --- 3. build into the cache ------------------------------------------------------
build_tmp=""
# shellcheck disable=SC2329 # invoked by the EXIT trap
cleanup() { if [[ -n $build_tmp ]]; then chmod -R u+w "$build_tmp" 2>/dev/null || true; rm -rf "$build_tmp"; fi; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# check_go MODULE_DIR: Go is there and at least the module's go line.
check_go() {
	local gover min_go gov
	command -v go >/dev/null 2>&1 || no_way "no pulumi $VERSION on PATH, no cached build in $bin_dir, and no Go to build one."
	gover=$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)
	min_go=$(awk '$1 == "go" { print $2; exit }' "$1/go.mod")
	# go1.26.8 -> 1.26.8; go1.26 / go1.26rc1 -> 1.26.0
	gov=${gover#go}
	[[ $gov =~ ^[0-9]+(\.[0-9]+)*$ ]] || gov=$(printf '%s' "$gov" | sed -E 's/^([0-9.]*[0-9]).*/\1/')
	[[ $gov =~ ^[0-9]+\.[0-9]+$ ]] && gov="$gov.0"
	if [[ -z $(semver_of "$gov") ]] || ! version_ge "$(semver_of "$gov")" "$min_go"; then
		no_way "Go is too old to build Pulumi $VERSION (have '${gover:-unknown}', need >= $min_go)."
	fi
	printf '%s\n' "$gover"
}

build() {
	[[ -f $cli_module/go.mod ]] || no_way "no pulumi $VERSION on PATH and no wrapper module $cli_module to build it (buildable: $(cd "$build_src/cli" && ls -d v* | paste -sd " " -))."
	mkdir -p "$cache_root"
	# One builder at a time; a second caller waits and then finds the cache.
	if command -v flock >/dev/null 2>&1; then
		exec 9>"$cache_root/.lock"
		log "taking the build lock $cache_root/.lock"
		flock 9
		cache_ok && return 0
		# Leftovers of interrupted builds (we hold the lock: nobody else builds).
		chmod -R u+w "$cache_root"/.build.* 2>/dev/null || true
		rm -rf "$cache_root"/.build.* "$cache_root"/.stale.* 2>/dev/null || true
	fi
	local gover
	gover=$(check_go "$cli_module")

	build_tmp=$(mktemp -d "$cache_root/.build.XXXXXX")
	chmod 0755 "$build_tmp"
	mkdir -p "$build_tmp/bin"
	log "building Pulumi $VERSION and the Node.js host from sdk/v3 $HOST_SDK_VERSION into $bin_dir (minutes)"

	local go_env=(env -u GOOS -u GOARCH GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false")
	local vpkg=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version
	local t0 cli_seconds host_seconds got

	t0=$SECONDS
	(cd "$cli_module" && "${go_env[@]}" go build -trimpath \
		-ldflags "-s -w -X $vpkg=$VERSION" -o "$build_tmp/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
	cli_seconds=$((SECONDS - t0))
	got=$(pulumi_version_of "$build_tmp/bin/pulumi")
	[[ $got == "$VERSION" ]] || {
		log "pulumi reports '$got', expected $VERSION"
		exit 1
	}
	log "pulumi built in ${cli_seconds}s"

	t0=$SECONDS
	(cd "$build_src/nodejs-host" && "${go_env[@]}" go build -trimpath \
		-ldflags "-s -w -X $vpkg=$HOST_SDK_VERSION" -o "$build_tmp/bin/pulumi-language-nodejs" \
		github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs)
	host_seconds=$((SECONDS - t0))
	log "pulumi-language-nodejs built in ${host_seconds}s"

	write_resource_wrapper "$build_tmp/bin/pulumi-resource-pulumi-nodejs"
	printf '%s; built with %s in %ss\npulumi %s: from pkg/v3 %s, built with %s in %ss\npulumi-resource-pulumi-nodejs: sh wrapper running @pulumi/pulumi/cmd/dynamic-provider\n' \
		"$host_line" "$gover" "$host_seconds" "$VERSION" "$VERSION" "$gover" "$cli_seconds" >"$build_tmp/BUILD-INFO"

	# Publish atomically: a rename of the whole directory.
	if [[ -e $cache_dir ]]; then
		mv "$cache_dir" "$(mktemp -u "$cache_root/.stale.XXXXXX")"
	fi
	mv -T "$build_tmp" "$cache_dir"
	build_tmp=""
	rm -rf "$cache_root"/.stale.* 2>/dev/null || true
	log "ready: $bin_dir"
}

# --- main ---------------------------------------------------------------------------
use_system_pulumi # exits with the answer when it applies

if cache_ok; then
	log "using cached build $bin_dir: pulumi $VERSION, $host_line"
	answer "$bin_dir"
fi

build
answer "$bin_dir"
