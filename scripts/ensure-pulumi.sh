#!/usr/bin/env bash
# Makes the Pulumi engine available and prints ONE line on stdout: a directory
# holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`.
# Every log line goes to stderr.
#
#   PATH="$(bash scripts/ensure-pulumi.sh):$PATH"
#
# Order: a `pulumi` on PATH at >= PINNED_VERSION; else the cached build in
# ${PULUMI_IMAGE_MEMBER_CACHE:-$HOME/.cache/pulumi-image-member}/pulumi-<ver>/bin;
# else build it there with Go (>= 1.25.11; GOTOOLCHAIN=local) from the wrapper
# modules in scripts/pulumi-build/; else exit 1 with install hints.
#
# What gets built:
# - pulumi: github.com/pulumi/pulumi/pkg/v3/cmd/pulumi at PINNED_VERSION
#   (scripts/pulumi-build/cli).
# - pulumi-language-nodejs: its own module
#   (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) is
#   refused by the Go module proxy reachable here (403 on every version, even
#   the version list), so the Node.js language host is built from the newest
#   sdk/v3 release served here that still contains it, sdk/v3 v3.68.0
#   (github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs;
#   scripts/pulumi-build/nodejs-host). With it the engine falls back to older
#   RPCs (GetRequiredPlugins instead of GetRequiredPackages); preview,
#   up, destroy with @pulumi/pulumi 3.248.0 and dynamic providers were run
#   with it. Pulumi.yaml runtime options (typescript, tsconfig, nodeargs) are
#   not seen by this old host (the engine no longer passes them as flags).
# - pulumi-resource-pulumi-nodejs: not built; a small sh wrapper written here
#   that does what the script at the root of the @pulumi/pulumi npm package
#   does: run @pulumi/pulumi/cmd/dynamic-provider as resolved from the working
#   directory the engine starts it in (the Pulumi program's directory).
#
# Measured on the 2-core dev machine (Go 1.26.8, empty GOMODCACHE and GOCACHE):
#   first run: 3m34s in all (Go modules 11s, compile 203s), 2026-11.
#   cache dir: 125 MB (pulumi 112 MB, pulumi-language-nodejs 18 MB); on top of
#   that Go keeps ~1.6 GB in GOMODCACHE and ~1.7 GB in GOCACHE (a rebuild with
#   both warm takes under 2 min; they may be cleaned, the cache dir is enough).
# Later runs print the cached directory in well under a second.
# Quiet, account-free use: PULUMI_BACKEND_URL=file://DIR, PULUMI_CONFIG_PASSPHRASE,
# PULUMI_SKIP_UPDATE_CHECK=true. With the three binaries on PATH the engine
# downloads no plugin for dynamic providers.
set -euo pipefail

PINNED_VERSION=v3.248.0
HOST_SDK_VERSION=v3.68.0 # sdk/v3 release that carries the Node.js language host
MIN_GO=1.25.11           # go line of github.com/pulumi/pulumi/pkg/v3@v3.248.0

# Everything below logs to stderr; only the final answer goes to fd 3 (stdout).
exec 3>&1 1>&2

log() { printf 'ensure-pulumi: %s\n' "$*" >&2; }

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build_src="$script_dir/pulumi-build"
cache_root="${PULUMI_IMAGE_MEMBER_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-image-member}"
cache_dir="$cache_root/pulumi-$PINNED_VERSION"
bin_dir="$cache_dir/bin"

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

# write_resource_wrapper FILE: our stand-in for @pulumi/pulumi's
# pulumi-resource-pulumi-nodejs script.
write_resource_wrapper() {
	cat >"$1" <<'EOF'
#!/bin/sh
# Written by scripts/ensure-pulumi.sh (pulumi-image-member).
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
	log "Install the Pulumi CLI >= $PINNED_VERSION (https://www.pulumi.com/docs/install/),"
	log "or install Go >= 1.25 ($MIN_GO or newer) and rerun: bash scripts/ensure-pulumi.sh"
	exit 1
}

# --- 1. a pulumi on PATH that is new enough -------------------------------------
use_system_pulumi() {
	local pulumi_path pdir real_dir out have lang res shim
	pulumi_path=$(command -v pulumi 2>/dev/null) || return 0
	if ! out=$(PULUMI_SKIP_UPDATE_CHECK=true "$pulumi_path" version 2>/dev/null); then
		log "ignoring $pulumi_path ('pulumi version' failed)"
		return 0
	fi
	have=$(semver_of "$out")
	if [[ -z $have ]] || ! version_ge "$have" "${PINNED_VERSION#v}"; then
		log "ignoring $pulumi_path (version '${out//$'\n'/ }' < $PINNED_VERSION)"
		return 0
	fi
	pdir=$(cd "$(dirname "$pulumi_path")" && pwd)
	if has_all_three "$pdir"; then
		log "using $pulumi_path ($out)"
		answer "$pdir"
	fi
	# The helpers may sit next to the real binary (symlinked pulumi) or
	# elsewhere on PATH; otherwise fall back to ours.
	real_dir=$(dirname "$(readlink -f "$pulumi_path")")
	lang=""
	for f in "$pdir/pulumi-language-nodejs" "$real_dir/pulumi-language-nodejs" \
		"$(command -v pulumi-language-nodejs 2>/dev/null || true)"; do
		if [[ -n $f && -x $f ]]; then lang=$f && break; fi
	done
	res=""
	for f in "$pdir/pulumi-resource-pulumi-nodejs" "$real_dir/pulumi-resource-pulumi-nodejs" \
		"$(command -v pulumi-resource-pulumi-nodejs 2>/dev/null || true)"; do
		if [[ -n $f && -x $f ]]; then res=$f && break; fi
	done
	if [[ -z $lang ]]; then
		log "$pulumi_path has no pulumi-language-nodejs beside it or on PATH; using the cached/built one"
		ensure_cache_build
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
cleanup() { if [[ -n $build_tmp ]]; then rm -rf "$build_tmp"; fi; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_cache_build() {
	has_all_three "$bin_dir" && return 0

	command -v go >/dev/null 2>&1 || no_way "no pulumi >= $PINNED_VERSION on PATH, no cached build in $bin_dir, and no Go to build one."
	local gover gov
	gover=$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)
	# go1.26.8 -> 1.26.8; go1.26 / go1.26rc1 -> 1.26.0
	gov=${gover#go}
	[[ $gov =~ ^[0-9]+(\.[0-9]+)*$ ]] || gov=$(printf '%s' "$gov" | sed -E 's/^([0-9.]*[0-9]).*/\1/')
	[[ $gov =~ ^[0-9]+\.[0-9]+$ ]] && gov="$gov.0"
	if [[ -z $(semver_of "$gov") ]] || ! version_ge "$(semver_of "$gov")" "$MIN_GO"; then
		no_way "Go is too old to build Pulumi $PINNED_VERSION (have '${gover:-unknown}', need >= $MIN_GO)."
	fi

	mkdir -p "$cache_root"
	# One builder at a time; a second caller waits and then finds the cache.
	if command -v flock >/dev/null 2>&1; then
		exec 9>"$cache_root/.lock"
		log "taking the build lock $cache_root/.lock"
		flock 9
		has_all_three "$bin_dir" && return 0
		# Leftovers of interrupted builds (we hold the lock: nobody else builds).
		rm -rf "$cache_root"/.build.* "$cache_root"/.stale.* 2>/dev/null || true
	fi

	build_tmp=$(mktemp -d "$cache_root/.build.XXXXXX")
	chmod 0755 "$build_tmp"
	mkdir -p "$build_tmp/bin"
	log "building Pulumi $PINNED_VERSION with $gover into $bin_dir (first time: a few minutes)"

	local go_env=(env -u GOOS -u GOARCH GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0
		GOFLAGS="-mod=readonly -buildvcs=false")
	local t0 t1 t2
	local cli_pkg=github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
	local host_pkg=github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
	local vpkg=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version

	t0=$SECONDS
	log "downloading Go modules (cli, nodejs-host)"
	(cd "$build_src/cli" && "${go_env[@]}" go list -deps "$cli_pkg" >/dev/null)
	(cd "$build_src/nodejs-host" && "${go_env[@]}" go list -deps "$host_pkg" >/dev/null)
	t1=$SECONDS
	log "modules ready in $((t1 - t0))s; compiling pulumi and pulumi-language-nodejs"
	(cd "$build_src/cli" && "${go_env[@]}" go build -trimpath \
		-ldflags "-s -w -X $vpkg=$PINNED_VERSION" -o "$build_tmp/bin/pulumi" "$cli_pkg")
	(cd "$build_src/nodejs-host" && "${go_env[@]}" go build -trimpath \
		-ldflags "-s -w -X $vpkg=$HOST_SDK_VERSION" -o "$build_tmp/bin/pulumi-language-nodejs" "$host_pkg")
	t2=$SECONDS
	write_resource_wrapper "$build_tmp/bin/pulumi-resource-pulumi-nodejs"

	local got
	got=$(PULUMI_SKIP_UPDATE_CHECK=true "$build_tmp/bin/pulumi" version)
	[[ $got == "$PINNED_VERSION" ]] || {
		log "built pulumi reports '$got', expected $PINNED_VERSION"
		exit 1
	}
	printf 'pulumi %s (nodejs language host from sdk/v3 %s), built with %s; modules %ss, compile %ss\n' \
		"$PINNED_VERSION" "$HOST_SDK_VERSION" "$gover" "$((t1 - t0))" "$((t2 - t1))" >"$build_tmp/BUILD-INFO"

	# Publish atomically: a rename of the whole directory.
	if [[ -e $cache_dir ]]; then
		mv "$cache_dir" "$(mktemp -u "$cache_root/.stale.XXXXXX")"
	fi
	mv -T "$build_tmp" "$cache_dir"
	build_tmp=""
	rm -rf "$cache_root"/.stale.* 2>/dev/null || true
	log "built in $((t2 - t0))s (modules $((t1 - t0))s, compile $((t2 - t1))s): $bin_dir"
}

# --- main ---------------------------------------------------------------------------
use_system_pulumi # exits with the answer when it applies

if has_all_three "$bin_dir"; then
	log "using cached build $bin_dir"
	answer "$bin_dir"
fi

ensure_cache_build
answer "$bin_dir"
