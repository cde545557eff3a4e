#!/usr/bin/env bash
# Benchmark Mimic side by side with peer mock servers in one run, then print
# the ratios that BENCHMARKS.md reports against its targets.
#
# Usage: bench/run.sh [PEER ...]      (default peers: nginx custom wiremock-tuned prism-quiet)
#
# It builds nothing, so build/mimic must exist (see README.md). It installs the
# pinned npm peers into PEERS_DIR when one is missing, waits for a quiet
# machine, runs the shared harness peer_bench.sh with Mimic as its "custom"
# peer, then runs bench/startup.sh for the start-up and memory targets.
#
# Environment (defaults in brackets):
#   PEER_BENCH  harness script [<repo>/../shared/bench/peer_bench.sh]
#   SPEC        OpenAPI document served by every peer [next to PEER_BENCH: petstore.yaml]
#   PORT        port every server listens on, one at a time, on 127.0.0.1 [4010]
#   PEERS_DIR   npm prefix of the peers [/tmp/peers]
#   REPEATS     start/measure/stop cycles per peer [3]
#   DURATION    measured wrk seconds per cycle [10]
#   DREDD       1 runs Dredd against each mock [0]
#   OUT         results directory [/tmp/mimic-bench-<timestamp>]
#   MAX_LOAD    1-minute load average regarded as quiet [1.5]
#   LOAD_CHECKS how many times to check the load, one minute apart, before
#               running anyway [10]; 0 skips the wait
#   STARTUP     1 also runs bench/startup.sh [1]
#   STARTUP_RUNS  cold starts measured by bench/startup.sh [20]
#   MIMIC_ARGS  extra `mimic serve` options for the harness runs, e.g. '--threads 1' []
#
# build/mimic is copied into OUT first and the copy is measured, so a rebuild
# during the run does not change the binary under test.
#
# All traffic goes to 127.0.0.1. Every process started here is stopped by PID.
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1

PEER_BENCH=${PEER_BENCH:-$ROOT/../shared/bench/peer_bench.sh}
SPEC=${SPEC:-$(dirname "$PEER_BENCH")/petstore.yaml}
PORT=${PORT:-4010}
PEERS_DIR=${PEERS_DIR:-/tmp/peers}
REPEATS=${REPEATS:-3}
DURATION=${DURATION:-10}
DREDD=${DREDD:-0}
OUT=${OUT:-/tmp/mimic-bench-$(date +%Y%m%d-%H%M%S)}
MAX_LOAD=${MAX_LOAD:-1.5}
MIMIC_ARGS=${MIMIC_ARGS:-}
LOAD_CHECKS=${LOAD_CHECKS:-10}
STARTUP=${STARTUP:-1}
STARTUP_RUNS=${STARTUP_RUNS:-20}
PEERS=("$@")
[ ${#PEERS[@]} -eq 0 ] && PEERS=(nginx custom wiremock-tuned prism-quiet)

# Pinned so that figures from different runs compare the same peer code.
NPM_PEERS=(@stoplight/prism-cli@5.16.0 @mockoon/cli@9.9.0 wiremock@3.13.2 dredd@14.1.0
           json-server@0.17.4 specmatic@2.55.1)

die() { echo "run.sh: error: $*" >&2; exit 1; }
note() { echo "run.sh: $*" >&2; }

[ -x build/mimic ] || die "build/mimic not found in $ROOT. Build it first:
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C build mimic"
[ -f "$PEER_BENCH" ] || die "harness $PEER_BENCH not found. Set PEER_BENCH=/path/to/peer_bench.sh"
[ -f "$SPEC" ] || die "spec $SPEC not found. Set SPEC=/path/to/openapi.yaml"
for tool in npm node python3 wrk curl; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y wrk nginx-light curl python3-yaml nodejs npm)"
done
mkdir -p "$OUT/bin" || die "failed to create the results folder $OUT"
cp build/mimic "$OUT/bin/mimic" || die "failed to copy build/mimic to $OUT/bin"
{
  echo "sha256: $(sha256sum "$OUT/bin/mimic" | cut -d' ' -f1)"
  echo "commit: $(git rev-parse HEAD 2>/dev/null)"
  echo "uncommitted changes: $(git status --porcelain 2>/dev/null | wc -l) paths"
  echo "built: $(date -u -r build/mimic +%FT%TZ)"
} > "$OUT/mimic-version.txt"

# ------------------------------------------------------------ npm peers
# Prints the version installed under PEERS_DIR of package $1, or nothing.
installed_version() {
  node -p "require('$PEERS_DIR/node_modules/$1/package.json').version" 2>/dev/null
}

install_peers() {
  local spec name version missing=0
  for spec in "${NPM_PEERS[@]}"; do
    name=${spec%@*}; version=${spec##*@}
    [ "$(installed_version "$name")" = "$version" ] || missing=1
  done
  [ $missing -eq 0 ] && return 0
  note "installing pinned peers into $PEERS_DIR (log: $OUT/npm-install.log)"
  mkdir -p "$PEERS_DIR"
  npm install --prefix "$PEERS_DIR" --no-audit --no-fund --save-exact "${NPM_PEERS[@]}" \
    > "$OUT/npm-install.log" 2>&1 ||
    note "npm install failed (see $OUT/npm-install.log). Peers whose package is missing are skipped."
}

# Succeeds when everything peer $1 needs is installed, else prints what is missing.
peer_available() {
  local package=""
  case $1 in
    custom) return 0 ;;
    nginx) command -v nginx >/dev/null || { echo "nginx not found (apt-get install -y nginx-light)"; return 1; }
           return 0 ;;
    prism*) package=@stoplight/prism-cli ;;
    mockoon*) package=@mockoon/cli ;;
    wiremock*) package=wiremock ;;
    specmatic*) package=specmatic ;;
    json-server) package=json-server ;;
    *) echo "unknown peer"; return 1 ;;
  esac
  case $1 in
    wiremock* | specmatic*) command -v java >/dev/null || { echo "java not found (Java 17 or later)"; return 1; } ;;
  esac
  [ -n "$(installed_version "$package")" ] || { echo "$package is not installed in $PEERS_DIR"; return 1; }
}

install_peers
SELECTED=()
for peer in "${PEERS[@]}"; do
  if reason=$(peer_available "$peer"); then
    SELECTED+=("$peer")
  else
    note "peer $peer skipped: $reason"
    echo "$peer: $reason" >> "$OUT/skipped.txt"
  fi
done
[ ${#SELECTED[@]} -gt 0 ] || die "no peer left to run"

# ------------------------------------------------------------ machine load
load1() { cut -d' ' -f1 /proc/loadavg; }
is_quiet() { awk -v l="$(load1)" -v m="$MAX_LOAD" 'BEGIN { exit !(l <= m) }'; }

# Appends the load average and the top CPU users to load.txt.
snapshot_load() {
  { date -u +%FT%TZ; uptime; top -bn1 -w 160 | sed -n '7,14p'; echo; } >> "$OUT/load.txt"
}

check=0
snapshot_load
while [ "$check" -lt "$LOAD_CHECKS" ] && ! is_quiet; do
  check=$((check + 1))
  note "load average $(load1) > $MAX_LOAD (check $check of $LOAD_CHECKS, next in 60 s)"
  sleep 60
  snapshot_load
done
is_quiet || note "load average $(load1) is still above $MAX_LOAD, running anyway (recorded in $OUT/load.txt)"

# Samples the machine every 30 s while the benchmark runs. Bounded to 6 hours.
sample_load() {
  local i
  for i in $(seq 1 720); do sleep 30; snapshot_load; done
}
sample_load 2>/dev/null &
SAMPLER_PID=$!
# The sampler's pending sleep is its only child, so stop that first.
cleanup() {
  pkill -TERM -P "$SAMPLER_PID" 2>/dev/null
  kill "$SAMPLER_PID" 2>/dev/null
  wait "$SAMPLER_PID" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------ the harness
note "peers: ${SELECTED[*]}, results in $OUT"
CUSTOM_CMD="$OUT/bin/mimic serve --address 127.0.0.1 --port {port} --data-dir :memory: --import {spec}${MIMIC_ARGS:+ $MIMIC_ARGS}" \
CUSTOM_ENDPOINT='/rest/Tiny+Pets/1.0.0/pets/1' \
CUSTOM_BASE='/rest/Tiny+Pets/1.0.0' \
PEERS_DIR=$PEERS_DIR REPEATS=$REPEATS DURATION=$DURATION DREDD=$DREDD OUT=$OUT/peers \
  bash "$PEER_BENCH" "$PORT" "$SPEC" "${SELECTED[@]}"
harness_rc=$?
[ -f "$OUT/peers/results.tsv" ] || die "the harness wrote no results (exit status $harness_rc)"

if [ "$STARTUP" = 1 ]; then
  note "start-up and memory: bench/startup.sh"
  BIN=$OUT/bin/mimic RUNS=$STARTUP_RUNS PORT=$PORT SPEC=$SPEC OUT=$OUT/startup bash "$ROOT/bench/startup.sh" ||
    note "bench/startup.sh failed, see $OUT/startup"
fi
snapshot_load

# ------------------------------------------------------------ report
python3 "$ROOT/bench/report.py" "$OUT/peers/results.tsv" "$OUT/startup/startup.json" | tee "$OUT/report.md"
echo
echo "raw results: $OUT (load samples: $OUT/load.txt)"
