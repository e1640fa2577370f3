#!/usr/bin/env bash
# Install the Debian packages that provide a real Keystone v3 and Glance v2 (OpenStack Zed
# on Debian bookworm) for the conformance and end-to-end tests. Idempotent: when everything
# is already installed it only checks and exits.
#
# Only the Python libraries are needed (no "keystone"/"glance-api" service packages, no
# systemd units): start.sh runs both servers itself with /usr/bin/python3.
set -euo pipefail

PACKAGES=(python3-keystone python3-keystonemiddleware python3-glance jq curl)
# --clients: also the OpenStack clients the client suite (test/clients) runs
if [ "${1:-}" = "--clients" ]; then
  PACKAGES+=(python3-openstackclient python3-glanceclient python3-openstacksdk)
fi
PY=/usr/bin/python3

missing=()
for p in "${PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "real-openstack: packages already installed (${PACKAGES[*]})"
else
  SUDO=()
  [ "$(id -u)" -eq 0 ] || SUDO=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  install() {
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends "${missing[@]}"
  }
  # package lists present? (apt keeps them as *_Packages, possibly compressed)
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' > /dev/null; then
    echo "real-openstack: no apt package lists, running apt-get update"
    "${SUDO[@]}" apt-get update
  fi
  echo "real-openstack: installing ${missing[*]}"
  if ! install; then
    echo "real-openstack: install failed, running apt-get update and retrying"
    "${SUDO[@]}" apt-get update
    install
  fi
fi

# the servers run on the Debian interpreter, whatever python3 is first on PATH
if ! "$PY" -c 'import keystone, keystonemiddleware, glance, glance_store' 2> /dev/null; then
  echo "real-openstack: $PY cannot import keystone/keystonemiddleware/glance" >&2
  exit 1
fi
