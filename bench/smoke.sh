#!/usr/bin/env bash
# Every program in bench/ at a smoke size: built once in Release, each run for seconds, one line per run.
# A bench that no longer runs against the product as it is today fails here (and in CI), not on the day
# someone needs its figures. The sizes are far too small for figures: they only prove each path still works.
# Ends with "bench smoke: N passed, N failed" and exits non-zero when any run failed.
# Usage: bash bench/smoke.sh [--no-build]
set -uo pipefail
cd "$(dirname "$0")/.."

out=bin/Release/net10.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

if [ "${1:-}" != "--no-build" ]; then
  if ! dotnet build bench/Bench.slnf -c Release -warnaserror -nologo -v quiet >"$work/build.log" 2>&1; then
    echo "FAIL  build of bench/ (Release)"
    tail -n 40 "$work/build.log" | sed 's/^/      /'
    echo "bench smoke: 0 passed, 1 failed"
    exit 1
  fi
  # The cluster run below drives the API built as a client of the cluster alone (no grain code, no embedded silo).
  if ! dotnet build src/Api -c ClusterClient -warnaserror -nologo -v quiet >"$work/build-client.log" 2>&1; then
    echo "FAIL  build of src/Api (ClusterClient)"
    tail -n 40 "$work/build-client.log" | sed 's/^/      /'
    echo "bench smoke: 0 passed, 1 failed"
    exit 1
  fi
fi

# run NAME PROJECT ARGS...: runs the built program with a time limit; prints ok or FAIL with the log's end.
run() {
  local name=$1 project=$2
  shift 2
  local log="$work/$passed-$failed.log" started=$SECONDS status
  timeout "${SMOKE_TIMEOUT:-120}" dotnet "bench/$project/$out/$project.dll" "$@" >"$log" 2>&1
  status=$?
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    printf 'ok    %3d s  %s\n' "$((SECONDS - started))" "$name"
  else
    failed=$((failed + 1))
    printf 'FAIL  %3d s  %s (exit %d)\n' "$((SECONDS - started))" "$name" "$status"
    tail -n 30 "$log" | sed 's/^/      /'
  fi
}

# BenchmarkDotNet's classes are built above but not run: BenchmarkDotNet runs each class's own job beside any job
# given on the command line and builds a project per job, which takes minutes here. The engine commands drive the
# same engine code (shards, scoring, events) and the store.
run "Matching.Benchmarks memory" Matching.Benchmarks memory --workers 2000 --orders 500
run "Matching.Benchmarks replay" Matching.Benchmarks replay --workers 1000 --orders 500
run "Matching.Benchmarks writes" Matching.Benchmarks writes --writes 2000 --concurrency 16
run "Matching.LoadDriver --scenario register" Matching.LoadDriver \
  --scenario register --workers 500 --orders 200 --employers 20 --rate 0 --concurrency 8
run "Matching.LoadDriver --scenario holds" Matching.LoadDriver \
  --scenario holds --holds 200 --recruiters 100 --orders 400 --employers 20
run "Matching.ClusterLoad (embedded)" Matching.ClusterLoad --Load:Workers 200 --Load:Orders 10 --Load:Concurrency 16
run "Matching.HubLoad 20 50 2" Matching.HubLoad 20 50 2 --employers 10 --orders 200
run "Matching.HubLoad 20 50 2 --batch 25" Matching.HubLoad 20 50 2 --employers 10 --orders 200 --batch 25

# A short randomized history with two kill -9 of the product, checked (the long run is in BENCHMARKS.md).
SMOKE_TIMEOUT=420 run "Matching.History 1000 operations, 2 kills" Matching.History --operations 1000 --kills 2 --clients 8 --screens 4

# The same in the cluster profile: a PostgreSQL server of the run's own (its programs found as the cluster tests find
# them), two silos and the API as their client, in its ClusterClient build; one silo killed, one frozen and thawed,
# PostgreSQL restarted.
SMOKE_TIMEOUT=240 run "Matching.History --cluster 1000 operations, 3 faults, ClusterClient API" Matching.History \
  --cluster --operations 1000 --kills 1 --pauses 1 --pg-restarts 1 --clients 8 --screens 4 \
  --api src/Api/bin/ClusterClient/net10.0/Matching.Api.dll

echo "bench smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
