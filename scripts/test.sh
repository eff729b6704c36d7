#!/usr/bin/env bash
# Installs the dependencies, builds everything and runs every test: first the
# unit tests in an AddressSanitizer + UndefinedBehaviorSanitizer build, then
# each fuzz target for a minute (scripts/fuzz.sh), then the whole suite
# (unit, memory, install/find_package, README example, clang-format, and
# interop with DuckDB, Polars, arrow-rs and hyparquet).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
if [[ "${SPILLWAY_DEPS_INSTALLED:-0}" != 1 ]]; then scripts/install-deps.sh; fi
build="${SPILLWAY_BUILD_DIR:-build}"

if [[ "${SPILLWAY_SKIP_SANITIZERS:-0}" != 1 ]]; then
  cmake -S . -B "$build-asan" -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS="-O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
    -DSPILLWAY_BUILD_BENCH=OFF -DSPILLWAY_BUILD_EXAMPLES=OFF -DSPILLWAY_MEMORY_TESTS=OFF
  cmake --build "$build-asan" -j2 --target spillway_unit_tests spillway_cli_tests
  # Only the GoogleTest cases (their names start with a capital letter).
  ASAN_OPTIONS=detect_leaks=1 ctest --test-dir "$build-asan" --output-on-failure -j2 -R '^[A-Z]'
fi

# Bounded fuzzing: every libFuzzer target (C Data import, IPC, CSV and NDJSON
# readers, write-then-verify) for a minute, from the committed seed corpus.
if [[ "${SPILLWAY_SKIP_FUZZ:-0}" != 1 ]]; then
  SPILLWAY_FUZZ_BUILD_DIR="$build-fuzz" scripts/fuzz.sh "${SPILLWAY_FUZZ_SECONDS:-60}"
fi

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j2
# The interop suite first, verbose, so its counts of checked (file, reader)
# pairs and cells are printed; then everything else.
ctest --test-dir "$build" --output-on-failure -V -R '^interop_(readers|cli)$' --timeout 1500
ctest --test-dir "$build" --output-on-failure -j2 -E '^interop_(readers|cli)$' --timeout 1500
