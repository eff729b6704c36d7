#!/usr/bin/env bash
# Installs the dependencies, builds spillway and runs `spillway demo`: a wide,
# skewed table written as one row group with the in-memory and the budgeted
# page store, side by side. Extra arguments go to the demo (see
# `spillway demo --help`).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
scripts/install-deps.sh
build="${SPILLWAY_BUILD_DIR:-build}"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target spillway_cli
"$build/bin/spillway" demo "$@"
