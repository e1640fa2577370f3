#!/usr/bin/env bash
# Makes the YAML and Python language hosts available for the provider plugin's
# end-to-end tests, and prints ONE line on stdout: a directory holding
# `pulumi-language-yaml`, `pulumi-language-python` and
# `pulumi-language-python-exec`. Every log line goes to stderr.
#
#   PATH="$(bash scripts/ensure-language-hosts.sh):$(bash scripts/ensure-pulumi.sh):$PATH"
#
# Cached in ${PULUMI_IMAGE_MEMBER_CACHE:-$HOME/.cache/pulumi-image-member}/
# language-hosts-<yaml version>-<python version>/bin; built there with Go
# (GOTOOLCHAIN=local) when missing. Users do not need this: the Pulumi CLI
# ships its language hosts. It exists because the test engine here is built
# from Go modules (scripts/ensure-pulumi.sh), which do not include them.
#
# What gets built (see ../shared/reference/provider-plugins.md):
# - pulumi-language-yaml: the Go module github.com/pulumi/pulumi-yaml at
#   YAML_VERSION, its cmd/pulumi-language-yaml/main.go copied into a wrapper
#   main package with ONE change: useRPCLoader=true. Upstream hard-codes false,
#   and then loads schemas by starting plugins itself, passing the nodejs host
#   a `-root` flag that the v3.248 host rejects ("flag provided but not
#   defined: -root"); with the RPC loader the engine loads schemas.
# - pulumi-language-python (+ pulumi-language-python-exec): from the source in
#   ../shared/vendor/pulumi-language-python/PYTHON_VERSION (the Go module proxy
#   refuses the host's own module), its two `replace` lines into Pulumi's
#   repository dropped and pkg/sdk required at that version.
#
# Measured on the 2-core dev machine (Go 1.26.8): see README "Development".
set -euo pipefail

YAML_VERSION=v1.25.0
PYTHON_VERSION=v3.248.0

exec 3>&1 1>&2
log() { printf 'ensure-language-hosts: %s\n' "$*" >&2; }

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(dirname "$script_dir")
vendor_dir="${PULUMI_VENDOR_DIR:-$repo_dir/../shared/vendor}"
cache_root="${PULUMI_IMAGE_MEMBER_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-image-member}"
cache_dir="$cache_root/language-hosts-yaml-$YAML_VERSION-python-$PYTHON_VERSION"
bin_dir="$cache_dir/bin"

has_all() {
	[[ -x "$1/pulumi-language-yaml" && -x "$1/pulumi-language-python" && -x "$1/pulumi-language-python-exec" ]]
}

if has_all "$bin_dir"; then
	log "using cached build $bin_dir"
	printf '%s\n' "$bin_dir" >&3
	exit 0
fi

python_src="$vendor_dir/pulumi-language-python/$PYTHON_VERSION"
if [[ ! -f $python_src/main.go ]]; then
	log "no Python language host source at $python_src."
	log "It is expected beside this repository (../shared/vendor, see its README), or set"
	log "PULUMI_VENDOR_DIR to a folder holding pulumi-language-python/$PYTHON_VERSION;"
	log "or put a pulumi-language-python $PYTHON_VERSION (with pulumi-language-python-exec) and a"
	log "pulumi-language-yaml built with the RPC schema loader on PATH (a Pulumi CLI install has both)."
	exit 1
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
cp -r "$python_src" "$build_tmp/python-src"
(
	cd "$build_tmp/python-src"
	# The two replaces point into Pulumi's repository; the clipboard one stays.
	sed -i -E '/=> \.\.\/\.\.\/\.\.\/\.\.\/pkg$/d; /=> \.\.\/\.\.\/\.\.$/d' go.mod
	"${go_env[@]}" go mod edit \
		-require="github.com/pulumi/pulumi/pkg/v3@$PYTHON_VERSION" \
		-require="github.com/pulumi/pulumi/sdk/v3@$PYTHON_VERSION"
	"${go_env[@]}" go build -trimpath -ldflags "-s -w -X $vpkg=$PYTHON_VERSION" \
		-o "$build_tmp/bin/pulumi-language-python" .
)
cp "$python_src/pulumi-language-python-exec" "$build_tmp/bin/"
chmod 0755 "$build_tmp/bin/pulumi-language-python-exec"
t1=$SECONDS
log "pulumi-language-python $PYTHON_VERSION built in $((t1 - t0))s"

# --- YAML -------------------------------------------------------------------------
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
t2=$SECONDS
log "pulumi-language-yaml $YAML_VERSION (RPC schema loader) built in $((t2 - t1))s"

printf 'pulumi-language-yaml %s (useRPCLoader=true) %ss; pulumi-language-python %s %ss\n' \
	"$YAML_VERSION" "$((t2 - t1))" "$PYTHON_VERSION" "$((t1 - t0))" >"$build_tmp/BUILD-INFO"
rm -rf "$build_tmp/python-src" "$build_tmp/yaml"
[[ -e $cache_dir ]] && rm -rf "$cache_dir"
mv -T "$build_tmp" "$cache_dir"
trap - EXIT
log "built in $((t2 - t0))s: $bin_dir"
printf '%s\n' "$bin_dir" >&3
