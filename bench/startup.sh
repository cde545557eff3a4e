#!/usr/bin/env bash
# Measure Mimic's time from exec to the first 200 of a mock (median and p90
# over RUNS cold starts) and its RSS after start and after wrk load.
#
# Usage: bench/startup.sh [extra startup.py options]
# Environment (defaults in brackets): BIN [<repo>/build/mimic], RUNS [20], PORT [4010],
#   SPEC [<repo>/../shared/bench/petstore.yaml], LOADS wrk runs [3],
#   LOAD_SECONDS [10], OUT [/tmp/mimic-startup-<timestamp>]
# Only 127.0.0.1 is contacted; every server started is stopped by PID.
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-/tmp/mimic-startup-$(date +%Y%m%d-%H%M%S)}
exec python3 "$ROOT/bench/startup.py" \
  --bin "${BIN:-$ROOT/build/mimic}" \
  --spec "${SPEC:-$ROOT/../shared/bench/petstore.yaml}" \
  --port "${PORT:-4010}" \
  --runs "${RUNS:-20}" \
  --loads "${LOADS:-3}" \
  --load-seconds "${LOAD_SECONDS:-10}" \
  --out "$OUT" \
  "$@"
