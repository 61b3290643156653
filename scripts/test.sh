#!/usr/bin/env bash
# The test command: prepares the machine (Docker Engine, chromium, local images), builds Worker.sln in
# Release and runs every test in it against the real engine, then prints the summary computed
# from the TRX files the run wrote.
#
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Specs]
#
# The last line of output is always alone and is one of:
#   N passed, N failed, N skipped          the run completed; exit 0 only when N failed is 0
#   build failed: no tests ran             restore or build failed (its errors are above); exit 1
#   no test results: ...                   dotnet test wrote no TRX (crashed, killed, timed out); exit 1
# A run whose test host died mid-run (crash, hang timeout) says so on the line before and still
# ends with the counts its TRX recorded; exit 1. The other two forms say why there is no count.
#
# Environment (defaults in brackets):
#   DOCKHAND_TEST_POSTGRES_IMAGE          [dockhand/postgres:15]  image the tests start PostgreSQL from
#   TESTCONTAINERS_WAIT_STRATEGY_TIMEOUT  [00:02:00]              how long a test container may take to be ready
#   DOCKHAND_TEST_HANG_TIMEOUT            [10m]                   one test running longer is killed (run aborts)
#   DOCKHAND_TEST_TIMEOUT                 [60m]                   the whole dotnet test step is killed after this
#   CI                                                            passed through unchanged to the tests
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root" || exit 1
log() { printf '[test] %s\n' "$*" >&2; }
finish() { # $1 exit code, $2 the last line
  printf '%s\n' "$2"
  exit "$1"
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export TESTCONTAINERS_RYUK_DISABLED=true   # Ryuk's image cannot be pulled here; tests clean up themselves
export TESTCONTAINERS_WAIT_STRATEGY_TIMEOUT="${TESTCONTAINERS_WAIT_STRATEGY_TIMEOUT:-00:02:00}"
export DOCKHAND_TEST_POSTGRES_IMAGE="${DOCKHAND_TEST_POSTGRES_IMAGE:-dockhand/postgres:15}"

started=$SECONDS
"$root/scripts/engine.sh" --browser || finish 1 "engine failed: no tests ran"
"$root/scripts/images.sh" || finish 1 "images failed: no tests ran"
log "machine ready in $((SECONDS - started)) s"

step=$SECONDS
log "restoring and building Worker.sln (Release)"
if ! dotnet restore Worker.sln --nologo; then finish 1 "build failed: no tests ran"; fi
if ! dotnet build Worker.sln -c Release --no-restore --nologo; then finish 1 "build failed: no tests ran"; fi
log "built in $((SECONDS - step)) s"

results="$root/TestResults"
aborted_run=0
rm -rf "$results"
mkdir -p "$results"

step=$SECONDS
log "running tests (results in TestResults/)"
timeout --kill-after=30s "${DOCKHAND_TEST_TIMEOUT:-60m}" \
  dotnet test Worker.sln -c Release --no-build --nologo \
    --logger trx --results-directory "$results" \
    --blame-hang-timeout "${DOCKHAND_TEST_HANG_TIMEOUT:-10m}" --blame-hang-dump-type none \
    "$@" 2>&1 | tee "$results/dotnet-test.log"
test_rc=${PIPESTATUS[0]}
grep -q 'Test Run Aborted' "$results/dotnet-test.log" && aborted_run=1
log "dotnet test exited $test_rc after $((SECONDS - step)) s (total $((SECONDS - started)) s)"

mapfile -t trx_files < <(find "$results" -name '*.trx' -type f | sort)
if [[ ${#trx_files[@]} -eq 0 ]]; then
  finish 1 "no test results: dotnet test exited $test_rc without writing a TRX"
fi

# One TRX per test project. Its <Counters> element holds the totals; xunit's skipped tests
# are counted in neither executed nor notExecuted, so skipped = total - executed.
counter() { # $1 attribute, $2 file
  tr '\n' ' ' <"$2" | grep -o '<Counters [^>]*>' | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0
}
passed=0 failed=0 skipped=0
for trx in "${trx_files[@]}"; do
  total=$(counter total "$trx"); executed=$(counter executed "$trx")
  passed=$((passed + $(counter passed "$trx")))
  failed=$((failed + $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx")))
  skipped=$((skipped + total - executed))
  outcome=$(tr '\n' ' ' <"$trx" | grep -o '<ResultSummary [^>]*outcome="[A-Za-z]*"' | grep -o 'outcome="[A-Za-z]*"' | cut -d'"' -f2)
  [[ "$outcome" == Completed || "$outcome" == Passed || "$outcome" == Failed ]] || aborted_run=1
done
summary="$passed passed, $failed failed, $skipped skipped"

# A test host that died (crash, hang timeout) leaves a TRX whose counters miss what never
# finished: dotnet test then fails although no failed test was recorded.
if [[ $aborted_run -eq 1 ]] || [[ $test_rc -ne 0 && $failed -eq 0 ]]; then
  log "test run aborted (dotnet test exited $test_rc; see above): the counts below miss what never finished"
  finish 1 "$summary"
fi
if [[ $((passed + failed + skipped)) -eq 0 ]]; then
  log "warning: no test ran (none in the solution, or the filter matched none)"
fi
if [[ $failed -gt 0 || $test_rc -ne 0 ]]; then finish 1 "$summary"; fi
finish 0 "$summary"
