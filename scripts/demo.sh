#!/usr/bin/env bash
# Installs the dependencies, builds spillway and runs the example program,
# which writes a Parquet file and prints what it wrote.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
scripts/install-deps.sh
build="${SPILLWAY_BUILD_DIR:-build}"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j2 --target write_example
"$build/examples/write_example" "${1:-example.parquet}"
