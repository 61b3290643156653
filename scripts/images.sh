#!/usr/bin/env bash
# Builds the local images Dockhand's tests and examples need; no registry is assumed.
#   dockhand/busybox:local   FROM scratch + Debian's static busybox (sh, echo, sleep, yes, head)
#   dockhand/postgres:15     Debian bookworm minbase + postgresql-15, with an entrypoint that
#                            behaves like the official image as far as Testcontainers needs
# An image that exists already is kept, so a warm machine skips the work.
# dockhand/postgres:15 is built only while someone needs it: the tests
# (DOCKHAND_TEST_POSTGRES_IMAGE) or scripts/up.sh (DOCKHAND_POSTGRES_IMAGE). Point both at
# e.g. postgres:16 where a registry is reachable and this script does not build ours.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
log() { printf '[images] %s\n' "$*" >&2; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# Temporary folders are removed however the script ends.
cleanup_dirs=()
cleanup() { local d; for d in "${cleanup_dirs[@]}"; do rm -rf "$d"; done; }
trap cleanup EXIT
new_dir() { local d; d="$(mktemp -d)"; cleanup_dirs+=("$d"); printf '%s' "$d"; }

# Runs a noisy step quietly; shows its output only when it fails.
quietly() { # $1 what, then the command
  local what="$1"; shift
  local out; out="$(mktemp)"
  if ! "$@" >"$out" 2>&1; then
    log "$what failed; its last output:"; tail -n 40 "$out" >&2; rm -f "$out"
    return 1
  fi
  rm -f "$out"
}

# Two scripts building at once would both do the work; the second waits and then finds it done.
exec 9>/run/lock/dockhand-images.lock 2>/dev/null || exec 9>"${TMPDIR:-/tmp}/dockhand-images.lock"
flock -w 900 9 || { log "another images.sh held the lock for 15 min; giving up"; exit 1; }

build_busybox() {
  local tag=dockhand/busybox:local
  have_image "$tag" && return
  log "building $tag"
  local ctx; ctx="$(new_dir)"
  cp /bin/busybox "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
CMD ["sh"]
DOCKERFILE
  DOCKER_BUILDKIT=0 quietly "docker build of $tag" docker build -q -t "$tag" "$ctx"
}

build_postgres() {
  local tag=dockhand/postgres:15
  have_image "$tag" && return
  log "building $tag (debootstrap, about a minute)"
  local root; root="$(new_dir)"
  chmod 755 "$root"   # the postgres user must be able to walk the tree inside the chroot
  quietly "debootstrap" debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  # No default cluster: the entrypoint initialises its own in PGDATA at first start.
  mkdir -p "$root/etc/postgresql-common/createcluster.d"
  echo 'create_main_cluster = false' >"$root/etc/postgresql-common/createcluster.d/dockhand.conf"
  quietly "postgresql-15 install in the chroot" chroot "$root" /bin/sh -c \
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 && apt-get clean && rm -rf /var/lib/apt/lists/*'
  install -m 0755 "$here/postgres-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
  ln -sf /usr/lib/postgresql/15/bin/pg_isready "$root/usr/local/bin/pg_isready"
  rm -f "$root/etc/resolv.conf"
  tar -C "$root" -c . | docker import \
    -c 'ENV PATH=/usr/local/bin:/usr/lib/postgresql/15/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV PGDATA=/var/lib/postgresql/data' \
    -c 'EXPOSE 5432' \
    -c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
    -c 'CMD ["postgres"]' - "$tag" >/dev/null
}

ours=dockhand/postgres:15
build_busybox
if [[ "${DOCKHAND_TEST_POSTGRES_IMAGE:-$ours}" == "$ours" || "${DOCKHAND_POSTGRES_IMAGE:-$ours}" == "$ours" ]]; then
  build_postgres
fi
log "images ready"
