#!/usr/bin/env bash
# Makes the Pulumi engine available and prints ONE line on stdout: a directory
# holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`.
# Every log line goes to stderr.
#
#   PATH="$(bash scripts/ensure-pulumi.sh):$PATH"
#   PATH="$(PULUMI_VERSION=v3.259.0 bash scripts/ensure-pulumi.sh):$PATH"
#
# Environment:
#   PULUMI_VERSION   engine release; default v3.248.0. Buildable here: every
#                    scripts/pulumi-build/cli/<version>/ (v3.248.0, v3.259.0).
#                    "3.259.0" and "v3.259.0" are the same.
#   PULUMI_VENDOR_DIR  where the language hosts' source lives; default
#                    ../shared/vendor, taken from the repository root's parent
#                    (the host of release X is pulumi-language-nodejs/X/ in it).
#   PULUMI_IMAGE_MEMBER_CACHE  cache root; default ~/.cache/pulumi-image-member.
#
# Order:
#   1. a `pulumi` on PATH: without PULUMI_VERSION, one at >= v3.248.0; with
#      PULUMI_VERSION set, only one whose `pulumi version` is exactly it.
#      (One of our own fallback-host builds on PATH is skipped when the
#      matching host's source is present.)
#   2. the cached build for (version, host kind) - see the cache layout below.
#   3. build it with Go (>= the wrapper module's go line, 1.25.11;
#      GOTOOLCHAIN=local), else exit 1 with install hints.
#
# What gets built for version X:
# - pulumi: github.com/pulumi/pulumi/pkg/v3/cmd/pulumi at X from the committed
#   wrapper module scripts/pulumi-build/cli/X (pinned go.mod and go.sum,
#   -mod=readonly). It does not depend on the host: a `pulumi` of version X
#   already in another cache dir of X (or in the old pulumi-X/ layout) is
#   hard-linked/copied instead of rebuilt.
# - pulumi-language-nodejs, one of two kinds:
#   * matching host X (preferred): the host's own module
#     (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) is
#     refused by the Go module proxy reachable here, so it is built from the
#     source in $PULUMI_VENDOR_DIR/pulumi-language-nodejs/X/ (see that
#     folder's README): copied into the build dir, the two replace lines into
#     the pulumi repository dropped (the clipboard one kept), pkg/v3 and sdk/v3
#     required at X, built with -mod=mod. It sees Pulumi.yaml runtime options
#     (typescript, tsconfig, nodeargs, packagemanager).
#   * fallback host, when that folder is missing: from sdk/v3 v3.68.0, the
#     newest sdk/v3 release on the proxy that still contains the host
#     (scripts/pulumi-build/nodejs-host). The engine falls back to older RPCs
#     (GetRequiredPlugins); preview/up/destroy with dynamic providers work, but
#     Pulumi.yaml runtime options are NOT seen (the engine no longer passes
#     them as flags).
#   Which one was built is logged on stderr and written to BUILD-INFO:
#     "matching host vX.Y.Z from ../shared/vendor (<path>)" or
#     "fallback host from sdk/v3 v3.68.0 (vendor source missing: <path>)".
# - pulumi-resource-pulumi-nodejs: not built; a small sh wrapper written here
#   that does what the script at the root of the @pulumi/pulumi npm package
#   does: run @pulumi/pulumi/cmd/dynamic-provider as resolved from the working
#   directory the engine starts it in (the Pulumi program's directory).
#
# Cache layout (under the cache root):
#   pulumi-X-host-X/bin/               matching host; BUILD-INFO beside bin/
#   pulumi-X-host-sdk-v3.68.0/bin/     fallback host; BUILD-INFO beside bin/
#   pulumi-X/                          old layout (fallback host); only read,
#                                      to reuse its binaries
#   system-pulumi/bin/                 links: a PATH pulumi + helpers it lacks
#   .lock                              flock: one builder at a time
# A fallback build is never taken for a matching one: they live in different
# dirs, and BUILD-INFO's host line is checked too. When the vendor source is
# missing but a matching build of X is cached, that one is used (it is better).
#
# Measured on the 2-core dev machine (Go 1.26.8), 2026-11. The machine was
# busy with other builds and tests (load 4-9) during most of these, so take
# them as upper bounds:
#   v3.248.0 + fallback host, empty GOMODCACHE and GOCACHE: 3m34s in all
#     (Go modules 11s, compile 203s).
#   CLI v3.259.0, GOCACHE warm from the v3.248.0 build, modules downloaded:
#     7m17s (437s; most of pkg/v3 and its deps move between the releases).
#   matching host v3.248.0: 3s-8s after the CLI v3.248.0 build (it shares
#     nearly every package with the CLI); 2m41s (161s)
#     with an empty GOCACHE (modules already downloaded).
#   matching host v3.259.0: 3s-5s after the CLI v3.259.0 build; 2m51s (171s)
#     with an empty GOCACHE (modules already downloaded).
#   So a version's first build costs about its CLI compile; the host on top
#   costs seconds. Reused pulumi / fallback host (hard links): under 1s.
#   cache dir: ~145 MB per (version, host kind) with its own pulumi (pulumi
#   ~112 MB, matching host ~33 MB, fallback host 18 MB), ~33 MB when pulumi is
#   hard-linked from a sibling; with both versions built Go keeps ~2.8 GB in
#   GOMODCACHE and ~2.9 GB in GOCACHE (may be cleaned; the cache dir is enough).
# Later runs print the cached directory in well under a second.
# Quiet, account-free use: PULUMI_BACKEND_URL=file://DIR, PULUMI_CONFIG_PASSPHRASE,
# PULUMI_SKIP_UPDATE_CHECK=true. With the three binaries on PATH the engine
# downloads no plugin for dynamic providers.
set -euo pipefail

DEFAULT_VERSION=v3.248.0 # also the minimum a PATH pulumi must have by default
HOST_SDK_VERSION=v3.68.0 # sdk/v3 release that carries the fallback Node.js host

# Everything below logs to stderr; only the final answer goes to fd 3 (stdout).
exec 3>&1 1>&2

log() { printf 'ensure-pulumi: %s\n' "$*" >&2; }

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(dirname "$script_dir")
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
	log "PULUMI_VERSION='$PULUMI_VERSION' is not a release like v3.259.0"
	exit 2
fi
cli_module="$build_src/cli/$VERSION"

if [[ -n ${PULUMI_VENDOR_DIR:-} ]]; then
	vendor_dir=$PULUMI_VENDOR_DIR
	vendor_label=$PULUMI_VENDOR_DIR
else
	vendor_dir="$(dirname "$repo_root")/shared/vendor"
	vendor_label=../shared/vendor
fi
host_src="$vendor_dir/pulumi-language-nodejs/$VERSION"

MATCHING_KEY="host-$VERSION"
FALLBACK_KEY="host-sdk-$HOST_SDK_VERSION"
matching_line="matching host $VERSION from $vendor_label ($host_src)"
fallback_line="fallback host from sdk/v3 $HOST_SDK_VERSION (vendor source missing: $host_src)"

if [[ -f $host_src/go.mod && -f $host_src/main.go ]]; then
	host_kind=matching
	host_key=$MATCHING_KEY
	host_line=$matching_line
else
	host_kind=fallback
	host_key=$FALLBACK_KEY
	host_line=$fallback_line
fi
cache_dir="$cache_root/pulumi-$VERSION-$host_key"
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

# pulumi_version_of BINARY: its `pulumi version`, or nothing.
pulumi_version_of() {
	PULUMI_SKIP_UPDATE_CHECK=true "$1" version 2>/dev/null || true
}

# cache_ok DIR KEY: DIR/bin is complete and its BUILD-INFO records the host
# kind KEY (host line "matching host X ..." / "fallback host ...").
cache_ok() {
	local dir=$1 key=$2 want
	has_all_three "$dir/bin" || return 1
	if [[ $key == "$MATCHING_KEY" ]]; then want="matching host $VERSION "; else want="fallback host from sdk/v3 $HOST_SDK_VERSION"; fi
	grep -q "^pulumi-language-nodejs: $want" "$dir/BUILD-INFO" 2>/dev/null
}

# The cached directory to answer with, if any: the one for the host kind asked
# for; with the vendor source missing, a matching build made earlier is better.
cached_answer() {
	local d="$cache_root/pulumi-$VERSION-$MATCHING_KEY"
	if cache_ok "$d" "$MATCHING_KEY"; then
		if [[ $host_kind == fallback ]]; then
			log "vendor source missing ($host_src), but a build with the matching host is cached"
		fi
		printf '%s\n' "$d"
		return 0
	fi
	if [[ $host_kind == fallback ]]; then
		d="$cache_root/pulumi-$VERSION-$FALLBACK_KEY"
		if cache_ok "$d" "$FALLBACK_KEY"; then
			printf '%s\n' "$d"
			return 0
		fi
	fi
	return 1
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
	log "Install the Pulumi CLI $VERSION (https://www.pulumi.com/docs/install/),"
	log "or install Go >= 1.25.11 and rerun: bash scripts/ensure-pulumi.sh"
	exit 1
}

# --- 1. a pulumi on PATH ------------------------------------------------------------
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
	# One of our own fallback builds on PATH is not taken when the source of
	# its matching host is at hand now.
	if grep -q '^pulumi-language-nodejs: fallback host' "$pdir/../BUILD-INFO" 2>/dev/null &&
		[[ -f $vendor_dir/pulumi-language-nodejs/v$have/main.go ]]; then
		log "ignoring $pulumi_path (a build with the fallback host; the matching host's source is in $vendor_dir)"
		return 0
	fi
	if has_all_three "$pdir"; then
		log "using $pulumi_path ($out); its host: $(sed -n 's/^pulumi-language-nodejs: //; s/; .*//p' "$pdir/../BUILD-INFO" 2>/dev/null || true)"
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
		local d
		if d=$(cached_answer); then
			lang="$d/bin/pulumi-language-nodejs"
		else
			ensure_cache_build
			lang="$bin_dir/pulumi-language-nodejs"
		fi
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

# link_or_copy SRC DST: a hard link (same file system, no extra space), else a copy.
link_or_copy() {
	ln "$1" "$2" 2>/dev/null || cp "$1" "$2"
}

# reusable_cli: prints a cached `pulumi` binary of $VERSION, if any.
reusable_cli() {
	local c
	for c in "$cache_root/pulumi-$VERSION-$MATCHING_KEY/bin/pulumi" \
		"$cache_root/pulumi-$VERSION-$FALLBACK_KEY/bin/pulumi" \
		"$cache_root/pulumi-$VERSION/bin/pulumi"; do
		if [[ -x $c && $(pulumi_version_of "$c") == "$VERSION" ]]; then
			printf '%s\n' "$c"
			return 0
		fi
	done
	return 1
}

# reusable_fallback_host: prints a cached fallback host binary, if any (it
# does not depend on the engine version).
reusable_fallback_host() {
	local info
	for info in "$cache_root"/pulumi-v*/BUILD-INFO; do
		[[ -f $info ]] || continue
		if grep -Eq "^pulumi-language-nodejs: fallback host from sdk/v3 $HOST_SDK_VERSION|\(nodejs language host from sdk/v3 $HOST_SDK_VERSION\)" "$info" &&
			[[ -x $(dirname "$info")/bin/pulumi-language-nodejs ]]; then
			printf '%s\n' "$(dirname "$info")/bin/pulumi-language-nodejs"
			return 0
		fi
	done
	return 1
}

ensure_cache_build() {
	cache_ok "$cache_dir" "$host_key" && return 0

	[[ -f $cli_module/go.mod ]] || no_way "no pulumi $VERSION on PATH and no wrapper module $cli_module to build it (buildable: $(cd "$build_src/cli" && ls -d v* | paste -sd " " -))."

	mkdir -p "$cache_root"
	# One builder at a time; a second caller waits and then finds the cache.
	if command -v flock >/dev/null 2>&1; then
		exec 9>"$cache_root/.lock"
		log "taking the build lock $cache_root/.lock"
		flock 9
		cache_ok "$cache_dir" "$host_key" && return 0
		# Leftovers of interrupted builds (we hold the lock: nobody else builds).
		chmod -R u+w "$cache_root"/.build.* 2>/dev/null || true
		rm -rf "$cache_root"/.build.* "$cache_root"/.stale.* 2>/dev/null || true
	fi

	local reuse_cli="" reuse_host=""
	reuse_cli=$(reusable_cli) || true
	if [[ $host_kind == fallback ]]; then reuse_host=$(reusable_fallback_host) || true; fi

	local gover="" min_go gov
	if [[ -z $reuse_cli || -z $reuse_host ]]; then
		command -v go >/dev/null 2>&1 || no_way "no pulumi $VERSION on PATH, no cached build in $bin_dir, and no Go to build one."
		gover=$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)
		min_go=$(awk '$1 == "go" { print $2; exit }' "$cli_module/go.mod")
		# go1.26.8 -> 1.26.8; go1.26 / go1.26rc1 -> 1.26.0
		gov=${gover#go}
		[[ $gov =~ ^[0-9]+(\.[0-9]+)*$ ]] || gov=$(printf '%s' "$gov" | sed -E 's/^([0-9.]*[0-9]).*/\1/')
		[[ $gov =~ ^[0-9]+\.[0-9]+$ ]] && gov="$gov.0"
		if [[ -z $(semver_of "$gov") ]] || ! version_ge "$(semver_of "$gov")" "$min_go"; then
			no_way "Go is too old to build Pulumi $VERSION (have '${gover:-unknown}', need >= $min_go)."
		fi
	fi

	build_tmp=$(mktemp -d "$cache_root/.build.XXXXXX")
	chmod 0755 "$build_tmp"
	mkdir -p "$build_tmp/bin"
	log "making Pulumi $VERSION with the $host_line in $bin_dir"

	local go_env=(env -u GOOS -u GOARCH GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0)
	local ro=(GOFLAGS="-mod=readonly -buildvcs=false")
	local cli_pkg=github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
	local fallback_pkg=github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
	local vpkg=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version
	local t0 cli_info host_info got

	# pulumi
	t0=$SECONDS
	if [[ -n $reuse_cli ]]; then
		link_or_copy "$reuse_cli" "$build_tmp/bin/pulumi"
		cli_info="pulumi $VERSION: reused $reuse_cli"
		log "reusing $reuse_cli (pulumi version: $VERSION)"
	else
		log "building pulumi $VERSION with $gover from $cli_module (a few minutes)"
		(cd "$cli_module" && "${go_env[@]}" "${ro[@]}" go build -trimpath \
			-ldflags "-s -w -X $vpkg=$VERSION" -o "$build_tmp/bin/pulumi" "$cli_pkg")
		cli_info="pulumi $VERSION: built with $gover in $((SECONDS - t0))s"
		log "pulumi built in $((SECONDS - t0))s"
	fi
	got=$(pulumi_version_of "$build_tmp/bin/pulumi")
	[[ $got == "$VERSION" ]] || {
		log "pulumi reports '$got', expected $VERSION"
		exit 1
	}

	# pulumi-language-nodejs
	t0=$SECONDS
	if [[ $host_kind == matching ]]; then
		local src="$build_tmp/host-src"
		log "building the $host_line"
		cp -R "$host_src" "$src"
		chmod -R u+w "$src"
		# The folder's go.mod points pkg/v3 and sdk/v3 into the pulumi
		# repository; take both from the proxy at the folder's release instead.
		(cd "$src" && "${go_env[@]}" go mod edit \
			-dropreplace=github.com/pulumi/pulumi/pkg/v3 \
			-dropreplace=github.com/pulumi/pulumi/sdk/v3 \
			-require="github.com/pulumi/pulumi/pkg/v3@$VERSION" \
			-require="github.com/pulumi/pulumi/sdk/v3@$VERSION")
		(cd "$src" && "${go_env[@]}" GOFLAGS="-mod=mod -buildvcs=false" go build -trimpath \
			-ldflags "-s -w -X $vpkg=$VERSION" -o "$build_tmp/bin/pulumi-language-nodejs" .)
		rm -rf "$src"
		# It must carry the release's sdk/v3, not whatever else.
		if ! "${go_env[@]}" go version -m "$build_tmp/bin/pulumi-language-nodejs" |
			grep -Eq "^[[:space:]]+dep[[:space:]]+github.com/pulumi/pulumi/sdk/v3[[:space:]]+$VERSION([[:space:]]|$)"; then
			log "the built host does not carry github.com/pulumi/pulumi/sdk/v3 $VERSION"
			exit 1
		fi
		host_info="pulumi-language-nodejs: $host_line; built with $gover in $((SECONDS - t0))s"
	elif [[ -n $reuse_host ]]; then
		log "vendor source missing ($host_src): reusing the fallback host $reuse_host"
		link_or_copy "$reuse_host" "$build_tmp/bin/pulumi-language-nodejs"
		host_info="pulumi-language-nodejs: $host_line; reused $reuse_host"
	else
		log "vendor source missing ($host_src): building the fallback host from sdk/v3 $HOST_SDK_VERSION"
		(cd "$build_src/nodejs-host" && "${go_env[@]}" "${ro[@]}" go build -trimpath \
			-ldflags "-s -w -X $vpkg=$HOST_SDK_VERSION" -o "$build_tmp/bin/pulumi-language-nodejs" "$fallback_pkg")
		host_info="pulumi-language-nodejs: $host_line; built with $gover in $((SECONDS - t0))s"
	fi
	log "pulumi-language-nodejs ready in $((SECONDS - t0))s"

	write_resource_wrapper "$build_tmp/bin/pulumi-resource-pulumi-nodejs"
	printf '%s\n%s\npulumi-resource-pulumi-nodejs: sh wrapper running @pulumi/pulumi/cmd/dynamic-provider\n' \
		"$host_info" "$cli_info" >"$build_tmp/BUILD-INFO"

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

if d=$(cached_answer); then
	log "using cached build $d/bin: pulumi $VERSION, $(sed -n 's/^pulumi-language-nodejs: //; s/; .*//p' "$d/BUILD-INFO")"
	answer "$d/bin"
fi

ensure_cache_build
log "pulumi $VERSION with the $host_line"
answer "$bin_dir"
