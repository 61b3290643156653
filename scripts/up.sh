#!/usr/bin/env bash
# The main command: brings Dockhand up on this machine and submits the examples.
#   1. Docker Engine and the local images (scripts/engine.sh, scripts/images.sh)
#   2. PostgreSQL in the container dockhand-postgres (volume dockhand-pgdata), on 127.0.0.1
#   3. dotnet publish (Release) of the worker, the dashboard and the CLI into .run/, skipped
#      when the sources have not changed since the last publish
#   4. the worker and the dashboard as background processes (logs and pids in .run/),
#      restarted if they were running, then waits for both /health
#   5. submits examples/hello (and waits for it), examples/flaky-exit3 and examples/multistage
# Returns once everything is ready and leaves the services running; scripts/down.sh stops them.
#
#   scripts/up.sh [--no-examples]
#
# Environment (defaults in brackets):
#   DOCKHAND_POSTGRES_IMAGE   [dockhand/postgres:15]  e.g. postgres:16 where a registry is reachable
#   DOCKHAND_PG_PORT          [55432]                 PostgreSQL's port on 127.0.0.1
#   DOCKHAND_PG_PASSWORD      [dockhand]              set when the volume is first created
#   DOCKHAND_DASHBOARD_PORT   [5080]                  dashboard, API and the CLI's server
#   DOCKHAND_WORKER_PORT      [5081]                  the worker's /health
#   DOCKHAND_WORKER_COUNT     [2]                     jobs the worker runs at once
#   DOCKHAND_HEALTH_TIMEOUT   [90]                    seconds to wait for each /health
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
log() { printf '[up] %s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

submit_examples=1
for arg in "$@"; do
  case "$arg" in
    --no-examples) submit_examples=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument: $arg (see --help)" ;;
  esac
done

started=$SECONDS
mkdir -p "$run_dir"

# --- 1. engine and images --------------------------------------------------------------------
"$root/scripts/engine.sh"
"$root/scripts/images.sh"

# --- 2. PostgreSQL ---------------------------------------------------------------------------
pg_ready() {
  docker exec "$pg_container" pg_isready -q -h 127.0.0.1 -p 5432 -U dockhand >/dev/null 2>&1
}

start_postgres() {
  local running
  # (docker inspect prints an empty line for a missing object: ask whether it exists first)
  running=missing
  if docker container inspect "$pg_container" >/dev/null 2>&1; then
    running="$(docker container inspect -f '{{.State.Running}}' "$pg_container")"
  fi
  if [[ "$running" != missing ]]; then
    # A container made with another image or port is replaced; the data stays in the volume.
    local image binding
    image="$(docker inspect -f '{{.Config.Image}}' "$pg_container")"
    binding="$(docker port "$pg_container" 5432/tcp 2>/dev/null | head -n 1 || true)"
    if [[ "$image" != "$pg_image" || "$binding" != "127.0.0.1:$pg_port" ]]; then
      log "replacing $pg_container (was $image on ${binding:-no port}; want $pg_image on 127.0.0.1:$pg_port)"
      docker rm -f "$pg_container" >/dev/null
      running=missing
    fi
  fi
  case "$running" in
    true) log "reusing running $pg_container" ;;
    false) log "starting $pg_container"; docker start "$pg_container" >/dev/null ;;
    missing)
      log "creating $pg_container from $pg_image on 127.0.0.1:$pg_port (volume $pg_volume)"
      docker run -d --name "$pg_container" \
        -p "127.0.0.1:$pg_port:5432" \
        -v "$pg_volume:/var/lib/postgresql/data" \
        -e POSTGRES_USER=dockhand -e POSTGRES_PASSWORD="$pg_password" -e POSTGRES_DB=dockhand \
        --label io.dockhand.role=postgres \
        "$pg_image" >/dev/null
      ;;
  esac
  local i
  for ((i = 0; i < 600; i++)); do
    pg_ready && { log "PostgreSQL is ready"; return; }
    [[ "$(docker inspect -f '{{.State.Running}}' "$pg_container")" == true ]] || break
    sleep 0.1
  done
  docker logs --tail 30 "$pg_container" >&2 || true
  fail "PostgreSQL in $pg_container did not become ready"
}
start_postgres
connection_string="Host=127.0.0.1;Port=$pg_port;Database=dockhand;Username=dockhand;Password=$pg_password"

# --- 3. publish ------------------------------------------------------------------------------
# Running services hold the DLLs that a publish overwrites in place: stop them first.
stop_service dashboard 15
stop_service worker 30

# A hash of every source file git knows (tracked or new, not ignored) plus the SDK version.
sources_hash() {
  {
    dotnet --version
    if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
      local f
      while IFS= read -r -d '' f; do
        [[ -f "$root/$f" ]] && (cd "$root" && sha256sum "$f")
      done < <(git -C "$root" ls-files -z -co --exclude-standard -- \
                 src Directory.Build.props Directory.Packages.props global.json | sort -z)
    else
      date +%s%N   # not a git checkout: always publish
    fi
  } | sha256sum | cut -c1-64
}

publish() {
  local hash; hash="$(sources_hash)"
  if [[ -f "$run_dir/published.sha256" && "$(cat "$run_dir/published.sha256")" == "$hash" &&
        -f "$run_dir/worker/Dockhand.Worker.dll" && -f "$run_dir/dashboard/Dockhand.Dashboard.dll" &&
        -f "$run_dir/cli/dockhand.dll" ]]; then
    log "sources unchanged since the last publish: reusing .run/"
    return
  fi
  rm -f "$run_dir/published.sha256"
  local step=$SECONDS project out
  log "publishing worker, dashboard and CLI (Release) into .run/"
  dotnet restore "$root/Worker.sln" --nologo -v quiet || fail "restore failed"
  for pair in Worker:worker Dashboard:dashboard Cli:cli; do
    project="${pair%%:*}"; out="${pair##*:}"
    dotnet publish "$root/src/$project/Dockhand.$project.csproj" -c Release --no-restore --nologo \
      -v quiet -o "$run_dir/$out" || fail "publish of src/$project failed"
  done
  printf '%s\n' "$hash" >"$run_dir/published.sha256"
  log "published in $((SECONDS - step)) s"
}
publish

# --- 4. worker and dashboard -----------------------------------------------------------------
# Each runs in its own session (setsid), so down.sh can stop it and all it started; its
# working folder is its publish folder, which ASP.NET takes as the content root.
start_service() { # $1 name, $2 dll, $3 url, then NAME=VALUE environment entries
  local name="$1" dll="$2" url="$3"; shift 3
  [[ -f "$run_dir/$name.log" ]] && mv -f "$run_dir/$name.log" "$run_dir/$name.log.1"
  (
    cd "$run_dir/$name"
    # shellcheck disable=SC2016  # expanded by the inner bash: its own pid, then its arguments
    exec env "$@" setsid bash -c 'echo $$ >"$0"; exec dotnet "$1" --urls "$2"' \
      "$run_dir/$name.pid" "$run_dir/$name/$dll" "$url" >"$run_dir/$name.log" 2>&1 </dev/null
  ) &
  local i
  for ((i = 0; i < 50; i++)); do [[ -s "$run_dir/$name.pid" ]] && break; sleep 0.1; done
  log "started $name (pid $(cat "$run_dir/$name.pid" 2>/dev/null || echo '?'), log .run/$name.log)"
}

wait_healthy() { # $1 name, $2 url
  local name="$1" url="$2" deadline=$((SECONDS + ${DOCKHAND_HEALTH_TIMEOUT:-90}))
  while ((SECONDS < deadline)); do
    if curl -fsS --max-time 2 -o /dev/null "$url/health" 2>/dev/null; then
      log "$name is healthy at $url"
      return
    fi
    if ! service_pid "$name" >/dev/null; then
      tail -n 40 "$run_dir/$name.log" >&2 || true
      fail "$name exited before it became healthy (log above, in .run/$name.log)"
    fi
    sleep 0.25
  done
  tail -n 40 "$run_dir/$name.log" >&2 || true
  fail "$name did not answer $url/health within ${DOCKHAND_HEALTH_TIMEOUT:-90} s (log above; it is still running: scripts/down.sh stops it)"
}

start_service worker Dockhand.Worker.dll "$worker_url" \
  "ConnectionStrings__Dockhand=$connection_string" \
  "Dockhand__Worker__Node=$(uname -n)" \
  "Dockhand__Worker__Queues__0=default" \
  "Dockhand__Worker__Count=${DOCKHAND_WORKER_COUNT:-2}"
start_service dashboard Dockhand.Dashboard.dll "$dashboard_url" \
  "ConnectionStrings__Dockhand=$connection_string"
wait_healthy worker "$worker_url"
wait_healthy dashboard "$dashboard_url"
log "services up after $((SECONDS - started)) s"

# --- 5. examples -----------------------------------------------------------------------------
declare -A run_ids=()
submit() { # $1 example, then extra CLI arguments
  local example="$1"; shift
  local out rc=0
  out="$(DOCKHAND_URL="$dashboard_url" timeout 300 dotnet "$run_dir/cli/dockhand.dll" submit "$root/examples/$example/job.json" --context "$root/examples/$example" "$@")" || rc=$?
  # The CLI prints the run id first; with --wait it may print more after it.
  run_ids[$example]="$(printf '%s\n' "$out" | awk 'NF { print $1; exit }')"
  printf '%s\n' "$out" | sed "s/^/  [$example] /" >&2
  if ((rc != 0)); then
    log "dockhand submit of examples/$example exited $rc"
    return 1
  fi
}

examples_ok=1
if ((submit_examples)); then
  log "submitting examples/hello and waiting for it"
  submit hello --wait || examples_ok=0
  submit flaky-exit3 || examples_ok=0
  submit multistage || examples_ok=0
fi

cat <<SUMMARY

Dockhand is up ($((SECONDS - started)) s).
  Dashboard   $dashboard_url/hangfire
  REST API    $dashboard_url/api/runs
SUMMARY
if ((submit_examples)); then
  printf '  Runs        hello %s (done), flaky-exit3 %s, multistage %s\n' \
    "${run_ids[hello]:-?}" "${run_ids[flaky-exit3]:-?}" "${run_ids[multistage]:-?}"
  printf '  Logs        scripts/dockhand logs %s   (--follow to stream; same as .run/cli/dockhand)\n' "${run_ids[hello]:-RUN_ID}"
  printf '  Status      scripts/dockhand status %s\n' "${run_ids[flaky-exit3]:-RUN_ID}"
fi
cat <<SUMMARY
  Services    .run/worker.log, .run/dashboard.log (PostgreSQL: docker logs $pg_container)
  Stop        scripts/down.sh   (--purge also deletes the database volume)
SUMMARY
((examples_ok)) || fail "an example could not be submitted (see above); the services are still running"
