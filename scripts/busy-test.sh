#!/usr/bin/env bash
# Runs a test command N times in a row (default: the whole `npm test`, 5 times) while one CPU-bound
# process spins on core 0 beside it, and stops at the first failure. The tests must hold on a machine
# that is busy with other work; this is how that is shown. No run is retried.
#
#   scripts/busy-test.sh                      # npm test, 5 times
#   scripts/busy-test.sh 3 npm run test:unit  # the vitest suite, 3 times
set -euo pipefail
runs="${1:-5}"
shift || true
if [ $# -eq 0 ]; then set -- npm test; fi

# util-linux's taskset pins the spinner; it is Essential on Debian.
taskset -c 0 sh -c 'while :; do :; done' &
spinner=$!
trap 'kill "$spinner" 2>/dev/null || true' EXIT

for run in $(seq 1 "$runs"); do
  started=$(date +%s)
  echo "busy-test: run $run of $runs: $* (a CPU-bound process, pid $spinner, spins on core 0)"
  if ! "$@"; then
    echo "busy-test: run $run of $runs FAILED after $(($(date +%s) - started)) s"
    exit 1
  fi
  echo "busy-test: run $run of $runs passed in $(($(date +%s) - started)) s"
done
echo "busy-test: all $runs runs passed beside a CPU-bound process"
