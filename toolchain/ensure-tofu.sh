#!/usr/bin/env bash
# Makes OpenTofu and the Terraform OpenStack provider available for the benchmark's peer section
# (bench/sections/peer.ts) and prints ONE line on stdout: a directory holding `tofu` and
# `terraform-provider-openstack`. Every log line goes to stderr.
#
#   bin=$(bash toolchain/ensure-tofu.sh)
#
# Environment:
#   TOFU_VERSION                 OpenTofu release; default v1.12.6.
#   OPENSTACK_PROVIDER_VERSION   terraform-provider-openstack release; default v3.4.0.
#   PULUMI_IMAGE_MEMBER_CACHE    cache root; default ~/.cache/pulumi-image-member.
#
# Both are built from Go modules (the Go module proxy only; Go >= 1.26.6, GOTOOLCHAIN=local):
# - tofu: github.com/opentofu/opentofu/cmd/tofu from a wrapper module written here that requires
#   github.com/opentofu/opentofu at TOFU_VERSION and copies the one `replace` of its go.mod
#   (github.com/hashicorp/hcl/v2 => github.com/opentofu/hcl/v2), which a dependency's replace
#   does not carry over. Linked with version.dev=no, so `tofu version` prints the release alone.
# - terraform-provider-openstack: `go install` of
#   github.com/terraform-provider-openstack/terraform-provider-openstack/v3@VERSION.
# No registry is asked for providers: the benchmark points TF_CLI_CONFIG_FILE at a CLI config
# whose `dev_overrides` names this directory for terraform-provider-openstack/openstack.
#
# Cache: <cache root>/tofu-<TOFU_VERSION>-openstack-<OPENSTACK_PROVIDER_VERSION>/bin/, with
# BUILD-INFO beside bin/; the build holds <cache root>/.lock (the lock of ensure-pulumi.sh), so
# Go builds of this project run one at a time.
#
# Measured on the 2-core dev machine (Go 1.26.8), 2026-11, with other builds running (load 8-12):
# tofu 16 min with empty module and build caches (a link of 20 s once they are warm), the provider
# 2 min; the cache dir is ~140 MB. Later runs print the cached directory at once.
set -euo pipefail

exec 3>&1 1>&2
log() { printf 'ensure-tofu: %s\n' "$*" >&2; }

TOFU_VERSION="v${TOFU_VERSION:-v1.12.6}"
TOFU_VERSION="v${TOFU_VERSION##*v}"
PROVIDER_VERSION="v${OPENSTACK_PROVIDER_VERSION:-v3.4.0}"
PROVIDER_VERSION="v${PROVIDER_VERSION##*v}"
for v in "$TOFU_VERSION" "$PROVIDER_VERSION"; do
	if ! [[ $v =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
		log "'$v' is not a release like v1.12.6"
		exit 2
	fi
done

TOFU_MODULE=github.com/opentofu/opentofu
PROVIDER_MODULE=github.com/terraform-provider-openstack/terraform-provider-openstack/v3
MIN_GO=1.26.6

cache_root="${PULUMI_IMAGE_MEMBER_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-image-member}"
cache_dir="$cache_root/tofu-$TOFU_VERSION-openstack-$PROVIDER_VERSION"
bin_dir="$cache_dir/bin"

answer() {
	printf '%s\n' "$1" >&3
	exit 0
}

cache_ok() {
	[[ -x $bin_dir/tofu && -x $bin_dir/terraform-provider-openstack && -f $cache_dir/BUILD-INFO ]]
}

if cache_ok; then
	log "using cached build $bin_dir ($(head -1 "$cache_dir/BUILD-INFO"))"
	answer "$bin_dir"
fi

command -v go >/dev/null 2>&1 || {
	log "no cached build in $bin_dir and no Go to build one: install Go >= $MIN_GO"
	exit 1
}
go_env=(env -u GOOS -u GOARCH GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false")
gover=$("${go_env[@]}" go env GOVERSION)
if [[ $(printf '%s\n%s\n' "$MIN_GO" "${gover#go}" | sort -V | head -1) != "$MIN_GO" ]]; then
	log "Go $gover is too old to build OpenTofu $TOFU_VERSION (needs >= $MIN_GO)"
	exit 1
fi

build_tmp=""
# shellcheck disable=SC2329 # invoked by the EXIT trap
cleanup() { if [[ -n $build_tmp ]]; then chmod -R u+w "$build_tmp" 2>/dev/null || true; rm -rf "$build_tmp"; fi; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$cache_root"
if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache_root/.lock"
	log "taking the build lock $cache_root/.lock"
	flock 9
	if cache_ok; then answer "$bin_dir"; fi
fi

build_tmp=$(mktemp -d "$cache_root/.build.tofu.XXXXXX")
chmod 0755 "$build_tmp"
mkdir -p "$build_tmp/bin" "$build_tmp/wrapper"

# tofu
t0=$SECONDS
log "building tofu $TOFU_VERSION with $gover (a few minutes)"
(
	cd "$build_tmp/wrapper"
	"${go_env[@]}" go mod init pulumi-image-member/tofu-build >/dev/null 2>&1
	"${go_env[@]}" go mod edit -require="$TOFU_MODULE@$TOFU_VERSION"
	tofu_gomod=$("${go_env[@]}" go mod download -json "$TOFU_MODULE@$TOFU_VERSION" |
		sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')
	# `replace OLD [VERSION] => NEW VERSION` lines of OpenTofu's go.mod, one at a time.
	grep -E '^replace[[:space:]]' "$tofu_gomod" | while read -r _ old rest; do
		if [[ $rest =~ ^([^[:space:]]+)[[:space:]]+=\>[[:space:]]+([^[:space:]]+)[[:space:]]+([^[:space:]]+)$ ]]; then
			"${go_env[@]}" go mod edit -replace="$old@${BASH_REMATCH[1]}=${BASH_REMATCH[2]}@${BASH_REMATCH[3]}"
		elif [[ $rest =~ ^=\>[[:space:]]+([^[:space:]]+)[[:space:]]+([^[:space:]]+)$ ]]; then
			"${go_env[@]}" go mod edit -replace="$old=${BASH_REMATCH[1]}@${BASH_REMATCH[2]}"
		else
			log "cannot copy this replace of OpenTofu's go.mod: replace $old $rest"
			exit 1
		fi
	done
	printf 'package tools\n\nimport _ "%s/cmd/tofu"\n' "$TOFU_MODULE" >tools.go
	"${go_env[@]}" go mod tidy >/dev/null
	nice "${go_env[@]}" go build -trimpath \
		-ldflags "-s -w -X $TOFU_MODULE/version.dev=no" -o "$build_tmp/bin/tofu" "$TOFU_MODULE/cmd/tofu"
)
tofu_seconds=$((SECONDS - t0))
got=$(TF_CLI_CONFIG_FILE=/dev/null "$build_tmp/bin/tofu" version | grep -m1 '^OpenTofu ' || true)
[[ $got == "OpenTofu $TOFU_VERSION" ]] || {
	log "tofu reports '$got', expected OpenTofu $TOFU_VERSION"
	exit 1
}
log "tofu built in ${tofu_seconds}s"

# terraform-provider-openstack
t0=$SECONDS
log "building terraform-provider-openstack $PROVIDER_VERSION with $gover (a couple of minutes)"
nice "${go_env[@]}" GOBIN="$build_tmp/bin" go install -trimpath -ldflags "-s -w" "$PROVIDER_MODULE@$PROVIDER_VERSION"
provider_seconds=$((SECONDS - t0))
log "terraform-provider-openstack built in ${provider_seconds}s"

rm -rf "$build_tmp/wrapper"
printf 'tofu %s, terraform-provider-openstack %s\ntofu: %s@%s/cmd/tofu, built with %s in %ss\nterraform-provider-openstack: %s@%s, built with %s in %ss\n' \
	"$TOFU_VERSION" "$PROVIDER_VERSION" "$TOFU_MODULE" "$TOFU_VERSION" "$gover" "$tofu_seconds" \
	"$PROVIDER_MODULE" "$PROVIDER_VERSION" "$gover" "$provider_seconds" >"$build_tmp/BUILD-INFO"

if [[ -e $cache_dir ]]; then mv "$cache_dir" "$(mktemp -u "$cache_root/.stale.XXXXXX")"; fi
mv -T "$build_tmp" "$cache_dir"
build_tmp=""
rm -rf "$cache_root"/.stale.* 2>/dev/null || true
log "ready: $bin_dir"
answer "$bin_dir"
