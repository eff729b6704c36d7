#!/usr/bin/env bash
# Installs what spillway needs to build and test, from Debian's packages and
# (for the interop readers) the npm registry. Idempotent; run as root (or with
# sudo available) on Debian 12.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates clang-format
  libzstd-dev libsnappy-dev liblz4-dev zlib1g-dev libbrotli-dev libxxhash-dev
  libflatbuffers-dev flatbuffers-compiler libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  nodejs npm
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm may come with Node.js from elsewhere; only ask apt for it when absent.
if command -v npm >/dev/null 2>&1; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == npm || "$p" == nodejs ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if ((${#missing[@]})); then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The interop readers (DuckDB, Polars, arrow-rs via parquet-wasm, hyparquet),
# pinned by tests/interop/package-lock.json.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -f "$here/tests/interop/package-lock.json" ]]; then
  (cd "$here/tests/interop" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [[ -f "$here/bench/package-lock.json" ]]; then
  (cd "$here/bench" && npm ci --no-audit --no-fund --loglevel=error)
fi
