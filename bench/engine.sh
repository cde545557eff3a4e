#!/usr/bin/env bash
# Measures the mock engine's dearer paths against the static mock of the same
# server in one run: a templated JSON response, JSON_BODY dispatch on a 1 KiB
# body, and a JavaScript dispatch script on the same body.
#
# Usage: bench/engine.sh   (build/mimic must exist)
# Environment: PORT [4020], DURATION seconds per case [10], CONNECTIONS [32], REPEATS [3]
#
# Traffic goes to 127.0.0.1 only; the server is stopped by PID at the end.
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-4020}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
REPEATS=${REPEATS:-3}
BASE="http://127.0.0.1:$PORT/rest/Engine+Bench/1.0"
WORK=$(mktemp -d)
trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -x "$ROOT/build/mimic" ] || { echo "build/mimic is missing: run make first" >&2; exit 1; }

# A 1 KiB JSON body whose dispatch field sits inside an object.
python3 - "$WORK/body.json" <<'PY'
import json, sys
items = [{"sku": "SKU-%04d" % i, "qty": i % 7 + 1, "price": 9.99 + i} for i in range(14)]
body = {"order": {"id": "A-1", "status": "paid", "items": items}}
text = json.dumps(body)
text = text[:-1] + ', "pad": "' + "x" * max(0, 1024 - len(text) - 11) + '"}'
open(sys.argv[1], "w").write(text)
PY
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = io.open("$WORK/body.json", "r")
wrk.body = file:read("*a")
file:close()
LUA

"$ROOT/build/mimic" serve --address 127.0.0.1 --port "$PORT" --data-dir :memory: \
  --import "$ROOT/bench/engine-bench.yaml" --log-level warn >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -sf "$BASE/static" >/dev/null 2>&1 && break
  sleep 0.05
done
curl -sf "$BASE/json-body" -H 'Content-Type: application/json' --data @"$WORK/body.json" \
  | grep -q paid || { echo "the JSON_BODY case did not return the "paid" response" >&2; exit 1; }
curl -sf "$BASE/script" -H 'Content-Type: application/json' --data @"$WORK/body.json" \
  | grep -q paid || { echo "the script case did not return the "paid" response" >&2; exit 1; }

measure() {  # name url [lua script]
  local name=$1 url=$2 script=${3:-}
  local args=(-t1 -c"$CONNECTIONS" -d"${DURATION}s")
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" -d2s "$url" >/dev/null 2>&1  # warm-up
  for repeat in $(seq 1 "$REPEATS"); do
    local rps
    rps=$(wrk "${args[@]}" "$url" 2>/dev/null | awk '/Requests\/sec/ {print $2}')
    echo "$name $repeat $rps" >>"$WORK/results"
  done
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure static "$BASE/static"
measure templated "$BASE/templated?name=Rex"
measure json_body "$BASE/json-body" "$WORK/post.lua"
measure script "$BASE/script" "$WORK/post.lua"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$WORK/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, _, rps = line.split()
    rows.setdefault(name, []).append(float(rps))
static = statistics.median(rows["static"])
targets = {"templated": 0.5, "json_body": 0.5, "script": 0.25}
print("| case | req/s (median) | ratio to static | target | verdict |")
print("|---|---|---|---|---|")
print("| static | %.0f | 1.00x | | |" % static)
for name in ("templated", "json_body", "script"):
    median = statistics.median(rows[name])
    ratio = median / static
    verdict = "met" if ratio >= targets[name] else "not met"
    print("| %s | %.0f | %.2fx | >= %.2fx | %s |" % (name, median, ratio, targets[name], verdict))
PY
