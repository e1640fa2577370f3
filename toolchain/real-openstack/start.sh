#!/usr/bin/env bash
# Start a real Keystone v3 and a real Glance v2 (Debian bookworm packages, OpenStack Zed) on
# 127.0.0.1 in the background, wait until both answer, and print the path of fixtures.json
# (provider/testing/fixtures.ts) as the last line of stdout. Progress goes to stderr, so
#   FIXTURES=$(toolchain/real-openstack/start.sh)
# works. Run install.sh first. Stop with stop.sh.
#
# Environment:
#   STACK_DIR         data, configs, logs, PID files (default ${TMPDIR:-/tmp}/pulumi-image-member-openstack)
#   KS_PORT=15000     Keystone port   } written into the catalog: changing either one
#   GL_PORT=19393     Glance port     } recreates all data (new ids)
#   TOKEN_EXPIRATION=3600  token lifetime in seconds           } a change only restarts
#   AUTHTOKEN_CACHE=300    glance's token cache, seconds (-1 = none) } the servers
#   RESET=1           wipe all data and recreate it
#   HASH_ROUNDS=4     bcrypt rounds of passwords/secrets (used when the data is created)
#   START_TIMEOUT=120 seconds to wait for each server
#
# Already running with the same settings: only prints the path.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KS_PORT=${KS_PORT:-15000}
GL_PORT=${GL_PORT:-19393}
TOKEN_EXPIRATION=${TOKEN_EXPIRATION:-3600}
AUTHTOKEN_CACHE=${AUTHTOKEN_CACHE:-300}
HASH_ROUNDS=${HASH_ROUNDS:-4}
START_TIMEOUT=${START_TIMEOUT:-120}
RESET=${RESET:-0}
ADMIN_PASSWORD=AdminPass123
MEMBER_QUOTA=256 # glance-api.conf image_member_quota (Glance's default: 128)
K=$STACK_DIR/keystone
G=$STACK_DIR/glance
FIXTURES=$STACK_DIR/fixtures.json

die() {
  log "ERROR: $*"
  exit 1
}
for v in KS_PORT GL_PORT TOKEN_EXPIRATION HASH_ROUNDS START_TIMEOUT; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a non-negative integer, got '${!v}'"
done
[[ $AUTHTOKEN_CACHE =~ ^-?[0-9]+$ ]] || die "AUTHTOKEN_CACHE must be an integer, got '$AUTHTOKEN_CACHE'"
[ "$KS_PORT" != "$GL_PORT" ] || die "KS_PORT and GL_PORT must differ"
"$PY" -c 'import keystone, keystonemiddleware, glance' 2> /dev/null ||
  die "$PY cannot import keystone/keystonemiddleware/glance: run $HERE/install.sh"
command -v curl > /dev/null || die "curl missing: run $HERE/install.sh"

mkdir -p "$STACK_DIR"
exec 9> "$STACK_DIR/start.lock"
flock -w 600 9 || die "another start.sh/stop.sh holds $STACK_DIR/start.lock"

now() { date +%s%N; }
since() { printf '%d.%02ds' $((($(now) - $1) / 1000000000)) $((($(now) - $1) / 10000000 % 100)); }
T0=$(now)
SETTINGS="KS_PORT=$KS_PORT GL_PORT=$GL_PORT TOKEN_EXPIRATION=$TOKEN_EXPIRATION AUTHTOKEN_CACHE=$AUTHTOKEN_CACHE IMAGE_MEMBER_QUOTA=$MEMBER_QUOTA"
DATA="KS_PORT=$KS_PORT GL_PORT=$GL_PORT"
http_ok() { curl -fsS -o /dev/null --max-time 5 "$1" 2> /dev/null; }
healthy() { http_ok "http://127.0.0.1:$KS_PORT/v3" && http_ok "http://127.0.0.1:$GL_PORT/healthcheck"; }

# --- already running? -----------------------------------------------------------------
ks_pid=$(running_pid "$KS_PIDFILE" "$KS_MARKER") || ks_pid=
gl_pid=$(running_pid "$GL_PIDFILE" "$GL_MARKER") || gl_pid=
if [ "$RESET" != 1 ] && [ -n "$ks_pid" ] && [ -n "$gl_pid" ] && [ -s "$FIXTURES" ] &&
  [ "$(cat "$STACK_DIR/settings" 2> /dev/null)" = "$SETTINGS" ] && healthy; then
  log "already running ($SETTINGS; keystone pid $ks_pid, glance-api pid $gl_pid)"
  echo "$FIXTURES"
  exit 0
fi
if [ -n "$ks_pid$gl_pid" ]; then
  log "restarting (was: $(cat "$STACK_DIR/settings" 2> /dev/null || echo unknown settings))"
fi
stop_all

# --- from here on, a failure stops what was started and shows the logs -------------------
LOGS=()
BG_PIDS=() BG_LOGS=()
on_exit() {
  local rc=$? f
  [ "$rc" -eq 0 ] && return
  log "FAILED (exit $rc) after $(since "$T0")"
  for f in "${LOGS[@]}"; do
    if [ -s "$f" ]; then
      echo "----- last lines of $f" >&2
      tail -n 30 "$f" >&2
    fi
  done
  for f in "${BG_PIDS[@]}"; do kill "$f" 2> /dev/null || true; done
  stop_all
  exit "$rc"
}
trap on_exit EXIT

# wait_http NAME PIDFILE MARKER URL: until URL answers 2xx; dies if the process exits.
wait_http() {
  local deadline=$((SECONDS + START_TIMEOUT))
  until http_ok "$4"; do
    running_pid "$2" "$3" > /dev/null || die "$1 exited before answering on $4"
    ((SECONDS < deadline)) || die "$1 did not answer on $4 within ${START_TIMEOUT}s"
    sleep 0.1
  done
  # the answer must come from our process, not from something else on that port
  running_pid "$2" "$3" > /dev/null || die "$1 exited (is port already in use?)"
}
port_busy() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
for p in "$KS_PORT" "$GL_PORT"; do
  for ((i = 0; i < 50; i++)); do # a server that was just stopped may still be closing
    port_busy "$p" || break
    sleep 0.1
  done
  ! port_busy "$p" || die "port $p on 127.0.0.1 is already in use by another process"
done

# --- data: created once per STACK_DIR and ports -----------------------------------------
FRESH=0
if [ "$RESET" = 1 ] || [ "$(cat "$STACK_DIR/data.env" 2> /dev/null)" != "$DATA" ]; then
  if [ "$RESET" != 1 ] && [ -f "$STACK_DIR/data.env" ]; then
    log "ports changed (data was created for $(cat "$STACK_DIR/data.env")): recreating everything"
  fi
  rm -rf "$K" "$G" "$FIXTURES" "$STACK_DIR/data.env" "$STACK_DIR"/*.tmp
  FRESH=1
fi
mkdir -p "$K/lock" "$K/fernet-keys" "$K/credential-keys" "$G/images" "$G/staging" "$G/lock"
chmod 700 "$K/fernet-keys" "$K/credential-keys"

render() { # render TEMPLATE OUT: replace @VAR@ with the value of $VAR
  local s v
  s=$(< "$HERE/conf/$1")
  for v in STACK_DIR KS_PORT GL_PORT TOKEN_EXPIRATION AUTHTOKEN_CACHE HASH_ROUNDS MEMBER_QUOTA; do
    s=${s//@$v@/${!v}}
  done
  printf '%s\n' "$s" > "$2"
}
render keystone.conf.in "$K/keystone.conf"
render glance-api.conf.in "$G/glance-api.conf"
render glance-api-paste.ini.in "$G/glance-api-paste.ini"
# Glance ignores a setting it does not know: read the member quota back the way glance-api reads
# its config (in the background, checked once glance is up; importing glance takes a second or two).
"$PY" -c 'import sys; from glance.common import config; config.CONF(["--config-file", sys.argv[1]], project="glance"); print(config.CONF.image_member_quota)' \
  "$G/glance-api.conf" > "$G/member-quota.out" 2>&1 < /dev/null 9>&- &
QUOTA_PID=$!

if [ "$FRESH" = 1 ]; then
  # Each keystone-manage / glance-manage run spends ~1.5 s importing: run the independent
  # ones in parallel (glance's schema, keystone's schema and both key repositories).
  t=$(now)
  manage() { # manage keystone|glance LOGNAME ARGS...: run keystone-manage/glance-manage in the background
    local what=$1 name=$2 conf
    shift 2
    if [ "$what" = keystone ]; then conf=$K/keystone.conf; else conf=$G/glance-api.conf; fi
    "$PY" -c "import sys; sys.argv[0] = '$what-manage'; from $what.cmd.manage import main; sys.exit(main())" \
      --config-file "$conf" "$@" > "$STACK_DIR/$what/$name.log" 2>&1 < /dev/null 9>&- &
    BG_PIDS+=("$!")
    BG_LOGS+=("$STACK_DIR/$what/$name.log")
  }
  await() { # await WHAT: wait for every background job started so far
    local i
    for i in "${!BG_PIDS[@]}"; do
      if ! wait "${BG_PIDS[$i]}"; then
        LOGS=("${BG_LOGS[$i]}")
        die "$1 failed"
      fi
    done
    BG_PIDS=() BG_LOGS=()
  }
  manage glance db-sync db_sync
  manage keystone db-sync db_sync
  manage keystone fernet-setup fernet_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
  manage keystone credential-setup credential_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
  await "database migrations / key setup"
  # WAL: Zed keeps a read transaction open per token validation; in the default rollback
  # journal mode that lock makes later writes fail with "database is locked" (HTTP 500).
  "$PY" -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA journal_mode=WAL"); c.close()' \
    "$K/keystone.sqlite"
  manage keystone bootstrap bootstrap --bootstrap-username admin --bootstrap-password "$ADMIN_PASSWORD" \
    --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id RegionOne \
    --bootstrap-admin-url "http://127.0.0.1:$KS_PORT/v3" \
    --bootstrap-internal-url "http://127.0.0.1:$KS_PORT/v3" \
    --bootstrap-public-url "http://127.0.0.1:$KS_PORT/v3"
  await "keystone-manage bootstrap"
  log "databases, keys, keystone bootstrap: $(since "$t")"
fi

# --- keystone -----------------------------------------------------------------------------
t=$(now)
LOGS=("$K/keystone.out" "$K/keystone.log")
OS_KEYSTONE_CONFIG_DIR=$K OS_KEYSTONE_CONFIG_FILES=keystone.conf \
  "$PY" "$HERE/run-keystone.py" --port "$KS_PORT" > "$K/keystone.out" 2>&1 < /dev/null 9>&- &
echo $! > "$KS_PIDFILE"
wait_http keystone "$KS_PIDFILE" "$KS_MARKER" "http://127.0.0.1:$KS_PORT/v3"
log "keystone up on http://127.0.0.1:$KS_PORT/v3 (pid $(cat "$KS_PIDFILE")) in $(since "$t")"

if [ "$FRESH" = 1 ]; then
  t=$(now)
  LOGS=("$K/keystone.log" "$STACK_DIR/fixtures.log")
  "$PY" "$HERE/fixtures.py" create "$KS_PORT" "$GL_PORT" "$ADMIN_PASSWORD" "$FIXTURES.tmp" \
    > "$STACK_DIR/fixtures.log" 2>&1 || die "creating the projects, users and endpoints failed"
  log "projects, users, endpoints, application credential: $(since "$t")"
fi

# --- glance ---------------------------------------------------------------------------------
t=$(now)
LOGS=("$G/glance-api.out" "$G/glance-api.log")
"$PY" "$HERE/run-glance-api.py" --config-file "$G/glance-api.conf" > "$G/glance-api.out" 2>&1 < /dev/null 9>&- &
echo $! > "$GL_PIDFILE"
wait_http glance-api "$GL_PIDFILE" "$GL_MARKER" "http://127.0.0.1:$GL_PORT/healthcheck"
log "glance-api up on http://127.0.0.1:$GL_PORT (pid $(cat "$GL_PIDFILE")) in $(since "$t")"

# --- end to end: a user token accepted by glance ------------------------------------------
if [ "$FRESH" = 1 ]; then mv "$FIXTURES.tmp" "$FIXTURES"; fi
[ -s "$FIXTURES" ] || die "$FIXTURES is missing: start again with RESET=1"
"$PY" "$HERE/fixtures.py" check "$FIXTURES" > "$STACK_DIR/check.log" 2>&1 || {
  LOGS=("$K/keystone.log" "$G/glance-api.log" "$STACK_DIR/check.log")
  die "glance does not accept a keystone token of the owner"
}
wait "$QUOTA_PID" || true
[ "$(cat "$G/member-quota.out")" = "$MEMBER_QUOTA" ] || {
  LOGS=("$G/member-quota.out")
  die "glance reads image_member_quota from $G/glance-api.conf as something else than $MEMBER_QUOTA"
}
log "glance image_member_quota: $MEMBER_QUOTA"
if [ "$FRESH" = 1 ]; then echo "$DATA" > "$STACK_DIR/data.env"; fi
echo "$SETTINGS" > "$STACK_DIR/settings"
log "ready in $(since "$T0") ($SETTINGS)"
echo "$FIXTURES"
