#!/usr/bin/env bash
# Management API and CLI speed: p99 latency of GET /api/services with 1,000
# services loaded, and the wall time of `mimic import-dir` on 100 specs.
#
# Usage: bench/api.sh            (build/mimic must exist; see README.md)
# Environment: PORT [4020], SERVICES [1000], SPECS [100], DURATION [10] wrk seconds.
# All traffic goes to 127.0.0.1; every process started here is stopped by PID.
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-4020}
SERVICES=${SERVICES:-1000}
SPECS=${SPECS:-100}
DURATION=${DURATION:-10}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d /tmp/mimic-api-bench.XXXXXX)
SERVER_PID=""

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# Writes COUNT small OpenAPI documents into DIR, each a distinct service.
make_specs() {  # dir count prefix
  mkdir -p "$1"
  for i in $(seq 1 "$2"); do
    cat >"$1/api-$i.yaml" <<YAML
openapi: 3.0.0
info: {title: $3 $i, version: '1.0', x-microcks: {labels: {team: t$((i % 7))}}}
paths:
  /items/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}, examples: {one: {value: '1'}}}
      responses:
        '200':
          content:
            application/json:
              examples: {one: {value: {id: '1', name: item}}}
YAML
  done
}

start_server() {
  "$ROOT/build/mimic" serve --address 127.0.0.1 --port "$PORT" --data-dir "$WORK/data-$1" \
    --log-level warn >"$WORK/server-$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -sf "$BASE/api/health" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "the server did not start; see $WORK/server-$1.log" >&2
  exit 1
}

stop_server() {
  kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. import-dir of $SPECS specs into an empty server.
make_specs "$WORK/specs" "$SPECS" "Dir API"
start_server dir
start_ns=$(date +%s%N)
"$ROOT/build/mimic" import-dir "$WORK/specs" --server "$BASE" >"$WORK/import-dir.log" 2>&1 \
  || { echo "import-dir failed; see $WORK/import-dir.log" >&2; exit 1; }
import_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
stop_server

# 2. GET /api/services with $SERVICES services loaded.
make_specs "$WORK/many" "$SERVICES" "Listed API"
start_server list
"$ROOT/build/mimic" import-dir "$WORK/many" --server "$BASE" >/dev/null 2>&1
count=$(curl -sf "$BASE/api/services/count" | tr -dc '0-9')
[ "$count" = "$SERVICES" ] || { echo "expected $SERVICES services, found $count" >&2; exit 1; }
latency() {  # url
  wrk -t1 -c1 -d2s "$1" >/dev/null 2>&1
  wrk -t1 -c1 -d"${DURATION}s" --latency "$1" 2>/dev/null \
    | awk '/^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Requests\/sec/ {rps=$2} END {print p50, p99, rps}'
}
read -r page_p50 page_p99 page_rps < <(latency "$BASE/api/services?page=0&size=20")
read -r all_p50 all_p99 all_rps < <(latency "$BASE/api/services?page=0&size=$SERVICES")
stop_server

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| measurement | result | target |"
echo "|---|---|---|"
echo "| mimic import-dir, $SPECS specs | ${import_ms} ms | < 2000 ms |"
echo "| GET /api/services (page of 20, $SERVICES loaded) | p50 $page_p50, p99 $page_p99, $page_rps req/s | p99 < 5 ms |"
echo "| GET /api/services?size=$SERVICES (all) | p50 $all_p50, p99 $all_p99, $all_rps req/s | p99 < 5 ms |"
