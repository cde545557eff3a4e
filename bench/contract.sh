#!/usr/bin/env bash
# Times a contract test of 100 operations. The tested service is Mimic's own
# mock of the same contract, which responds fast and conforms, so the time is
# the engine's overhead plus 100 loopback calls.
#
# Usage: bench/contract.sh   (build/mimic must exist)
# Environment: PORT [4021], RUNNER [OPEN_API_SCHEMA], REPEATS [3]
#
# Traffic goes to 127.0.0.1 only; the server is stopped by PID at the end.
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-4021}
RUNNER=${RUNNER:-OPEN_API_SCHEMA}
REPEATS=${REPEATS:-3}
API="http://127.0.0.1:$PORT/api"
WORK=$(mktemp -d)
trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

[ -x "$ROOT/build/mimic" ] || { echo "build/mimic is missing: run make first" >&2; exit 1; }

# 100 GET operations, each with one example whose response has a schema.
python3 - "$WORK/contract.json" <<'PY'
import json, sys
paths = {}
for i in range(100):
    paths["/items%03d/{id}" % i] = {"get": {
        "parameters": [{"name": "id", "in": "path", "required": True,
                        "schema": {"type": "integer"}, "examples": {"one": {"value": i}}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Item"},
            "examples": {"one": {"value": {"id": i, "name": "item %d" % i,
                                           "tags": ["a", "b"], "price": 1.5}}}}}}}}}
spec = {"openapi": "3.0.3", "info": {"title": "Contract Bench", "version": "1.0"},
        "paths": paths,
        "components": {"schemas": {"Item": {"type": "object", "required": ["id", "name"],
            "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                           "tags": {"type": "array", "items": {"type": "string"}},
                           "price": {"type": "number", "nullable": True}}}}}}
open(sys.argv[1], "w").write(json.dumps(spec))
PY

"$ROOT/build/mimic" serve --address 127.0.0.1 --port "$PORT" --data-dir :memory: \
  --import "$WORK/contract.json" --log-level warn >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -sf "$API/health" >/dev/null 2>&1 && break
  sleep 0.05
done

for repeat in $(seq 1 "$REPEATS"); do
  started=$(date +%s.%N)
  id=$(curl -sf "$API/tests" -H 'Content-Type: application/json' -d "{
    \"serviceId\": \"Contract Bench:1.0\", \"runnerType\": \"$RUNNER\", \"timeout\": 30000,
    \"testEndpoint\": \"http://127.0.0.1:$PORT/rest/Contract+Bench/1.0\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') || {
    echo "the test could not be launched" >&2; exit 1; }
  result=""
  for _ in $(seq 1 600); do
    result=$(curl -sf "$API/tests/$id")
    echo "$result" | grep -q '"inProgress":false' && break
    sleep 0.01
  done
  ended=$(date +%s.%N)
  echo "$result" | python3 -c "
import json, sys
r = json.load(sys.stdin)
cases = r['testCaseResults']
passed = sum(1 for c in cases if c['success'])
print('run %s: runner=%s operations=%d passed=%d engine_elapsed_ms=%d wall_ms=%.0f' % (
    '$repeat', r['runnerType'], len(cases), passed, r['elapsedTime'],
    ($ended - $started) * 1000))
"
done
