#!/usr/bin/env bash
# Builds the local images Dockhand's tests and examples need; no registry is assumed.
#   dockhand/busybox:local   FROM scratch + Debian's static busybox (sh, echo, sleep, yes, head)
#   dockhand/postgres:15     Debian bookworm minbase + postgresql-15, with an entrypoint that
#                            behaves like the official image as far as Testcontainers needs
# An image that exists already is kept, so a warm machine skips the work.
# Override the PostgreSQL image with DOCKHAND_POSTGRES_IMAGE (e.g. postgres:16 where a
# registry is reachable); then this script does not build ours.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
log() { printf '[images] %s\n' "$*" >&2; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }

build_busybox() {
  local tag=dockhand/busybox:local
  have_image "$tag" && return
  log "building $tag"
  local ctx; ctx="$(mktemp -d)"
  cp /bin/busybox "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
CMD ["sh"]
DOCKERFILE
  DOCKER_BUILDKIT=0 docker build -q -t "$tag" "$ctx" >/dev/null 2>&1
  rm -rf "$ctx"
}

build_postgres() {
  local tag=dockhand/postgres:15
  have_image "$tag" && return
  log "building $tag (debootstrap, about a minute)"
  local root; root="$(mktemp -d)"
  chmod 755 "$root"   # the postgres user must be able to walk the tree inside the chroot
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null 2>&1
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  # No default cluster: the entrypoint initialises its own in PGDATA at first start.
  mkdir -p "$root/etc/postgresql-common/createcluster.d"
  echo 'create_main_cluster = false' >"$root/etc/postgresql-common/createcluster.d/dockhand.conf"
  chroot "$root" /bin/sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null 2>&1 && apt-get clean && rm -rf /var/lib/apt/lists/*'
  install -m 0755 "$here/postgres-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
  ln -sf /usr/lib/postgresql/15/bin/pg_isready "$root/usr/local/bin/pg_isready"
  rm -f "$root/etc/resolv.conf"
  tar -C "$root" -c . | docker import \
    -c 'ENV PATH=/usr/local/bin:/usr/lib/postgresql/15/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV PGDATA=/var/lib/postgresql/data' \
    -c 'EXPOSE 5432' \
    -c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
    -c 'CMD ["postgres"]' - "$tag" >/dev/null
  rm -rf "$root"
}

build_busybox
if [[ -z "${DOCKHAND_POSTGRES_IMAGE:-}" || "${DOCKHAND_POSTGRES_IMAGE}" == dockhand/postgres:15 ]]; then
  build_postgres
fi
log "images ready"
