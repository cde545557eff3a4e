#!/usr/bin/env bash
# Times the upload of a generated ~5 MB OpenAPI document and a ~5 MB Postman collection
# (median of RUNS uploads each) and the server's peak RSS growth. Exits 1 when a target
# (< 200 ms, < 10x the file size in extra memory) is missed.
#
# Usage: bench/import.sh
# Environment (defaults in brackets): BIN [<repo>/build/mimic], RUNS [5], MEGABYTES [5]
# Only 127.0.0.1 is contacted; every server started is stopped by PID.
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
exec python3 "$ROOT/bench/import_bench.py" \
  --bin "${BIN:-$ROOT/build/mimic}" \
  --runs "${RUNS:-5}" \
  --megabytes "${MEGABYTES:-5}" \
  "$@"
