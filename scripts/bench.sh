#!/usr/bin/env bash
# Benchmarks against the stack scripts/up.sh started: enqueue-to-start latency on an idle worker
# and a whole tiny job against a bare `docker run --rm` (ratio of medians, same session).
#   scripts/bench.sh [JOBS]      (default 30)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
curl -fsS "http://127.0.0.1:${DOCKHAND_DASHBOARD_PORT:-5080}/health" >/dev/null \
  || { echo "bench: no Dockhand at 127.0.0.1:${DOCKHAND_DASHBOARD_PORT:-5080}; run scripts/up.sh first" >&2; exit 1; }
dotnet run --project "$root/bench/Dockhand.Bench" -c Release -- "http://127.0.0.1:${DOCKHAND_DASHBOARD_PORT:-5080}" "${1:-30}"
