#!/usr/bin/env bash
# Installs the Debian 12 packages Mimic needs to build and test. Safe to re-run:
# packages already present are skipped, so `make run` stays fast after the first time.
set -euo pipefail

BUILD_PKGS=(g++ cmake ninja-build pkg-config ccache make
  libboost1.81-dev libboost-url1.81-dev libyaml-dev rapidjson-dev nlohmann-json3-dev
  libsqlite3-dev libssl-dev libcurl4-openssl-dev libxml2-dev libmozjs-102-dev libpcre2-dev libarchive-dev libexpected-dev libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev
  clang libclang-rt-14-dev curl python3)

missing=()
for p in "${BUILD_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
