#!/usr/bin/env bash
# Stops what scripts/up.sh started: the dashboard, the worker (it stops its running job
# containers first) and the PostgreSQL container. The database volume is kept unless --purge.
#
#   scripts/down.sh [--purge]
#
# The Docker Engine is left running; the published binaries stay in .run/ for the next up.sh.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
log() { printf '[down] %s\n' "$*" >&2; }

purge=0
for arg in "$@"; do
  case "$arg" in
    --purge) purge=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) log "unknown argument: $arg (see --help)"; exit 1 ;;
  esac
done

stop_service dashboard 15
stop_service worker 30

if ! docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
  log "no Docker Engine answers: the container and the volume are left as they are"
  exit 0
fi
if docker inspect "$pg_container" >/dev/null 2>&1; then
  log "stopping and removing $pg_container"
  docker stop -t 20 "$pg_container" >/dev/null
  docker rm "$pg_container" >/dev/null
fi
if ((purge)) && docker volume inspect "$pg_volume" >/dev/null 2>&1; then
  log "removing volume $pg_volume (all runs, logs and schedules are gone)"
  docker volume rm "$pg_volume" >/dev/null
elif docker volume inspect "$pg_volume" >/dev/null 2>&1; then
  log "kept volume $pg_volume (scripts/down.sh --purge removes it)"
fi
log "down"
