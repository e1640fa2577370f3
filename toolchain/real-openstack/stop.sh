#!/usr/bin/env bash
# Stop the Glance and Keystone started by start.sh (same STACK_DIR), by their PID files.
# The data stays: start.sh starts them again without recreating anything.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ ! -d "$STACK_DIR" ]; then
  log "nothing to stop ($STACK_DIR does not exist)"
  exit 0
fi
stop_all
