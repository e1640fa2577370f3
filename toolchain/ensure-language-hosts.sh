#!/usr/bin/env bash
# Makes the YAML and Python language hosts available for the provider plugin's
# end-to-end tests, and prints ONE line on stdout: a directory holding
# `pulumi-language-yaml`, `pulumi-language-python`,
# `pulumi-language-python-exec` and `pulumi-image-member-sdk-gen`. Every log
# line goes to stderr.
#
#   PATH="$(bash toolchain/ensure-language-hosts.sh):$(bash toolchain/ensure-pulumi.sh):$PATH"
#
# Cached in ${PULUMI_IMAGE_MEMBER_CACHE:-$HOME/.cache/pulumi-image-member}/
# language-hosts-<yaml version>-<python version>/bin; built there with Go
# (GOTOOLCHAIN=local) when missing. Users do not need this: the Pulumi CLI
# ships its language hosts. It exists because the test engine here is built
# from Go modules (toolchain/ensure-pulumi.sh), which do not include them.
#
# What gets built (Go modules from the Go module proxy only; see
# toolchain/pulumi-build/README.md):
# - pulumi-language-yaml: the Go module github.com/pulumi/pulumi-yaml at
#   YAML_VERSION, its cmd/pulumi-language-yaml/main.go copied into a wrapper
#   main package with ONE change: useRPCLoader=true. Upstream hard-codes false,
#   and then loads schemas by starting plugins itself through the Node.js host
#   with flags that host does not take; with the RPC loader the engine loads
#   schemas.
# - pulumi-language-python and pulumi-language-python-exec: from
#   github.com/pulumi/pulumi/sdk/v3 PYTHON_VERSION, the last release that still
#   carries both (toolchain/pulumi-build/python-host); the exec script is copied
#   from that module. It runs programs of today's `pulumi` from PyPI.
# - pulumi-image-member-sdk-gen: toolchain/pulumi-build/sdk-gen, SDKs from a
#   schema with pkg/v3's code generators (`pulumi package gen-sdk` and
#   `pulumi package add` ask the language host to generate, which these hosts
#   predate; no Go host is served at all).
#
# Measured on the 2-core dev machine (Go 1.26.8): see README "Development".
set -euo pipefail

YAML_VERSION=v1.25.0
PYTHON_VERSION=v3.79.0 # sdk/v3 release that carries the Python host

exec 3>&1 1>&2
log() { printf 'ensure-language-hosts: %s\n' "$*" >&2; }

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache_root="${PULUMI_IMAGE_MEMBER_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-image-member}"
SDK_GEN_VERSION=v3.276.0 # pkg/v3 of toolchain/pulumi-build/sdk-gen
# The generator is this repository's code: a change to it is a new cache entry.
sdk_gen_hash=$(cat "$script_dir"/pulumi-build/sdk-gen/{main.go,go.mod,go.sum} | sha256sum | cut -c1-12)
cache_dir="$cache_root/language-hosts-yaml-$YAML_VERSION-python-$PYTHON_VERSION-sdk-gen-$sdk_gen_hash"
bin_dir="$cache_dir/bin"

has_all() {
	[[ -x "$1/pulumi-language-yaml" && -x "$1/pulumi-language-python" && -x "$1/pulumi-language-python-exec" &&
		-x "$1/pulumi-image-member-sdk-gen" ]]
}

if has_all "$bin_dir"; then
	log "using cached build $bin_dir"
	printf '%s\n' "$bin_dir" >&3
	exit 0
fi

command -v go >/dev/null 2>&1 || {
	log "Go is needed to build the language hosts (none on PATH)."
	exit 1
}

mkdir -p "$cache_root"
if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache_root/.language-hosts.lock"
	flock 9
	if has_all "$bin_dir"; then
		printf '%s\n' "$bin_dir" >&3
		exit 0
	fi
fi

build_tmp=$(mktemp -d "$cache_root/.language-hosts.XXXXXX")
trap 'rm -rf "$build_tmp"' EXIT
mkdir -p "$build_tmp/bin"
go_env=(env -u GOOS -u GOARCH GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false")
vpkg=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version

# --- Python -----------------------------------------------------------------------
t0=$SECONDS
python_module="$script_dir/pulumi-build/python-host"
(
	cd "$python_module"
	"${go_env[@]}" GOFLAGS="-mod=readonly -buildvcs=false" go build -trimpath \
		-ldflags "-s -w -X $vpkg=$PYTHON_VERSION" -o "$build_tmp/bin/pulumi-language-python" \
		github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python
	sdk_dir=$("${go_env[@]}" GOFLAGS="-mod=readonly" go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)
	cp "$sdk_dir/python/cmd/pulumi-language-python-exec" "$build_tmp/bin/"
)
chmod 0755 "$build_tmp/bin/pulumi-language-python-exec"
python_seconds=$((SECONDS - t0))
log "pulumi-language-python $PYTHON_VERSION built in ${python_seconds}s"

# --- SDK generator ----------------------------------------------------------------
t1=$SECONDS
(
	cd "$script_dir/pulumi-build/sdk-gen"
	"${go_env[@]}" GOFLAGS="-mod=readonly -buildvcs=false" go build -trimpath -ldflags "-s -w" \
		-o "$build_tmp/bin/pulumi-image-member-sdk-gen" .
)
sdk_gen_seconds=$((SECONDS - t1))
log "pulumi-image-member-sdk-gen (pkg/v3 $SDK_GEN_VERSION) built in ${sdk_gen_seconds}s"

# --- YAML -------------------------------------------------------------------------
t1=$SECONDS
mkdir -p "$build_tmp/yaml"
(
	cd "$build_tmp/yaml"
	"${go_env[@]}" go mod init pulumi-image-member/language-hosts/yaml >/dev/null 2>&1
	"${go_env[@]}" go get "github.com/pulumi/pulumi-yaml@$YAML_VERSION" >/dev/null
	upstream_main="$("${go_env[@]}" go list -m -f '{{.Dir}}' github.com/pulumi/pulumi-yaml)/cmd/pulumi-language-yaml/main.go"
	cp "$upstream_main" main.go
	chmod u+w main.go
	# The one change: load schemas through the engine (see the header).
	grep -q 'false /\* useRPCLoader \*/' main.go || {
		log "cannot find 'false /* useRPCLoader */' in $upstream_main; see the header of this script"
		exit 1
	}
	sed -i 's|false /\* useRPCLoader \*/|true /* useRPCLoader: changed by pulumi-image-member */|' main.go
	"${go_env[@]}" go mod tidy >/dev/null
	"${go_env[@]}" go build -trimpath -ldflags "-s -w" -o "$build_tmp/bin/pulumi-language-yaml" .
)
yaml_seconds=$((SECONDS - t1))
log "pulumi-language-yaml $YAML_VERSION (RPC schema loader) built in ${yaml_seconds}s"

printf 'pulumi-language-yaml: pulumi-yaml %s (useRPCLoader=true), built in %ss\npulumi-language-python: sdk/v3 %s, built in %ss\npulumi-image-member-sdk-gen: pkg/v3 %s, built in %ss\n' \
	"$YAML_VERSION" "$yaml_seconds" "$PYTHON_VERSION" "$python_seconds" "$SDK_GEN_VERSION" "$sdk_gen_seconds" >"$build_tmp/BUILD-INFO"
rm -rf "$build_tmp/yaml"
[[ -e $cache_dir ]] && rm -rf "$cache_dir"
mv -T "$build_tmp" "$cache_dir"
trap - EXIT
log "built in $((SECONDS - t0))s: $bin_dir"
printf '%s\n' "$bin_dir" >&3
