#!/usr/bin/env bash
# Installs (once) and starts (when not answering) a Docker Engine new enough for
# Testcontainers: Debian trixie's docker.io (API 1.45) on top of bookworm's, which brings
# containerd, runc, tini and iptables. Also installs the Debian tools the local images and
# the registry tests need. Idempotent: on a warm machine it only checks and returns.
#
#   scripts/engine.sh [--browser]   --browser also installs Debian's chromium, which the
#                                   dashboard's browser tests drive (test.sh passes it; up.sh,
#                                   which only runs Dockhand, does not)
set -euo pipefail

log() { printf '[engine] %s\n' "$*" >&2; }

# up.sh and test.sh may run at the same time: one installs and starts, the other waits.
exec 9>/run/lock/dockhand-engine.lock 2>/dev/null || exec 9>"${TMPDIR:-/tmp}/dockhand-engine.lock"
flock -w 600 9 || { log "another engine.sh held the lock for 10 min; giving up"; exit 1; }

want_packages=(docker.io busybox-static docker-registry debootstrap)
for arg in "$@"; do
  case "$arg" in
    --browser) want_packages+=(chromium) ;;
    *) log "unknown argument: $arg (usage: engine.sh [--browser])"; exit 2 ;;
  esac
done

engine_is_current() {
  command -v dockerd >/dev/null 2>&1 && dockerd --version | grep -Eq 'version (2[6-9]|[3-9][0-9])\.'
}

missing_packages() {
  local p
  for p in "${want_packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || printf '%s ' "$p"
  done
}

install_engine() {
  local missing
  read -r -a missing <<<"$(missing_packages)"
  if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing from bookworm: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if ! engine_is_current; then
    log "upgrading dockerd to trixie's docker.io (API 1.45)"
    local work; work="$(mktemp -d)"; chmod 755 "$work"
    mkdir -p "$work/lists/partial"
    echo "deb http://deb.debian.org/debian trixie main" >"$work/sources.list"
    local apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
                    -o "Dir::State::Lists=$work/lists")
    apt-get "${apt_opts[@]}" update -qq
    (cd "$work" && apt-get "${apt_opts[@]}" download docker.io >/dev/null)
    DEBIAN_FRONTEND=noninteractive dpkg -i --force-confold "$work"/docker.io_*.deb >/dev/null
    rm -rf "$work"
  fi
}

engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

start_engine() {
  if engine_answers; then return; fi
  # A daemon killed a moment ago may still be exiting; dockerd refuses to start while it lives.
  if [[ -f /var/run/docker.pid ]]; then
    local pid; pid="$(cat /var/run/docker.pid)"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  log "starting dockerd"
  mkdir -p /var/log
  # 9>&-: the daemon must not inherit the lock, or it holds it for its lifetime and every later
  # engine.sh waits 10 min for it and gives up.
  setsid dockerd >/var/log/dockhand-dockerd.log 2>&1 </dev/null 9>&- &
  for _ in $(seq 1 300); do
    if engine_answers; then log "engine $(docker version --format '{{.Server.Version}}') is up"; return; fi
    sleep 0.1
  done
  log "dockerd did not answer within 30 s; its log:"; tail -n 30 /var/log/dockhand-dockerd.log >&2
  exit 1
}

can_install() { [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; }

if ! can_install; then
  # Not a Debian machine this script may change (or not root): use whatever engine answers.
  if engine_answers; then
    log "engine $(docker version --format '{{.Server.Version}}') answers; not root on Debian: nothing installed"
    exit 0
  fi
  log "no Docker Engine answers, and this script installs one only as root on Debian: start yours and retry"
  exit 1
fi
install_engine
start_engine
