# Shared by up.sh, down.sh and the dockhand wrapper: where things live and how a background
# service is started and stopped. Sourced, not run.
# shellcheck shell=bash disable=SC2034  # the variables are for the scripts that source this

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
run_dir="$root/.run"

pg_container=dockhand-postgres
pg_volume=dockhand-pgdata
pg_image="${DOCKHAND_POSTGRES_IMAGE:-dockhand/postgres:15}"
pg_port="${DOCKHAND_PG_PORT:-55432}"
pg_password="${DOCKHAND_PG_PASSWORD:-dockhand}"
dashboard_url="http://127.0.0.1:${DOCKHAND_DASHBOARD_PORT:-5080}"
worker_url="http://127.0.0.1:${DOCKHAND_WORKER_PORT:-5081}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The pid in .run/NAME.pid, when that process still runs our published DLL (a stale pid file
# may name a process that reused the number: that one is never touched).
service_pid() { # $1 name
  local file="$run_dir/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q "$run_dir/$1/" || return 1
  printf '%s' "$pid"
}

# Stops a service started by start_service: TERM to its process group (it is a session leader),
# then KILL after $2 seconds (default 30; the worker stops its running containers first).
stop_service() { # $1 name, $2 grace seconds
  local name="$1" grace="${2:-30}" pid
  if ! pid="$(service_pid "$name")"; then rm -f "$run_dir/$name.pid"; return 0; fi
  log "stopping $name (pid $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop within ${grace} s: killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$run_dir/$name.pid"
}
