#!/usr/bin/env bash
# Installs the dependencies, builds everything and runs every test (unit,
# install/find_package, README example, interop with DuckDB, Polars, arrow-rs
# and hyparquet).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
scripts/install-deps.sh
build="${SPILLWAY_BUILD_DIR:-build}"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j2
ctest --test-dir "$build" --output-on-failure -j2 --timeout 1500
