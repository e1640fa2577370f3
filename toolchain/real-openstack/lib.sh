# Shared by start.sh and stop.sh (sourced, not executed).
# shellcheck shell=bash disable=SC2034
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# The Debian interpreter: a python3 first on PATH (pyenv, venv, setup-python) does not see
# the python3-keystone / python3-glance packages.
PY=/usr/bin/python3
STACK_DIR=${STACK_DIR:-${TMPDIR:-/tmp}/pulumi-image-member-openstack}
case $STACK_DIR in /*) ;; *) STACK_DIR=$PWD/$STACK_DIR ;; esac
STACK_DIR=${STACK_DIR%/}
KS_PIDFILE=$STACK_DIR/keystone.pid
GL_PIDFILE=$STACK_DIR/glance-api.pid
# what the command line of each server contains (a PID file may outlive its process)
KS_MARKER=run-keystone.py
GL_MARKER=run-glance-api.py

log() { echo "real-openstack: $*" >&2; }

# running_pid PIDFILE MARKER: print the PID of PIDFILE if that process is alive and its
# command line contains MARKER.
running_pid() {
  local pid
  pid=$(cat "$1" 2> /dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2> /dev/null | grep -qF -- "$2" || return 1
  echo "$pid"
}

# gone PID: the process has exited and closed its files (no such process, or a zombie).
# (An exiting process loses its command line before it closes its listening socket.)
gone() {
  local stat
  stat=$(cat "/proc/$1/stat" 2> /dev/null) || return 0
  stat=${stat##*) }
  [[ ${stat:0:1} == [ZX] ]]
}

# stop_one PIDFILE MARKER NAME: SIGTERM, then SIGKILL after 15 s; removes PIDFILE.
stop_one() {
  local pid i
  if pid=$(running_pid "$1" "$2"); then
    kill -TERM "$pid" 2> /dev/null || true
    for ((i = 0; i < 150; i++)); do
      gone "$pid" && break
      sleep 0.1
    done
    if ! gone "$pid"; then
      log "$3 (pid $pid) ignored SIGTERM for 15 s, sending SIGKILL"
      kill -KILL "$pid" 2> /dev/null || true
      for ((i = 0; i < 50; i++)); do
        gone "$pid" && break
        sleep 0.1
      done
    fi
    log "stopped $3 (pid $pid)"
  else
    log "$3 not running"
  fi
  rm -f "$1"
}

stop_all() {
  stop_one "$GL_PIDFILE" "$GL_MARKER" glance-api
  stop_one "$KS_PIDFILE" "$KS_MARKER" keystone
  rm -f "$STACK_DIR/settings"
}
