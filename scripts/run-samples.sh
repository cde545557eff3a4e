#!/usr/bin/env bash
# Starts Mimic on the embedded store with the sample APIs loaded and prints URLs to try.
set -euo pipefail
BINARY=${1:-build/mimic}
PORT=${2:-8080}
cd "$(dirname "$0")/.."

imports=()
for file in samples/*.yaml samples/*.json; do
  [ -e "$file" ] || continue
  case "$file" in
    *-examples.*|*-metadata.*) ;;
    *) imports+=("$file") ;;
  esac
done
for file in samples/*-examples.* samples/*-metadata.*; do
  [ -e "$file" ] && imports+=("$file:false")
done

cat <<MSG
Mimic is starting on http://localhost:${PORT} with the sample APIs. Try:
  curl http://localhost:${PORT}/api/services
  curl http://localhost:${PORT}/rest/Pet+Shelter/1.0.0/pets/1
  curl 'http://localhost:${PORT}/rest/Pet+Shelter/1.0.0/pets?status=adopted'
  curl -H 'Accept: text/plain' http://localhost:${PORT}/rest/Greetings/1.0/hello/World
  curl -X POST -H 'Content-Type: application/json' -d '{"name":"Rio","species":"parrot"}' http://localhost:${PORT}/rest/Pet+Shelter/1.0.0/pets
Stop it with Ctrl+C.
MSG
exec "$BINARY" serve --port "$PORT" --data-dir .mimic-data --import "${imports[@]}"
