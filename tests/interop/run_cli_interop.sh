#!/usr/bin/env bash
# Converts Arrow IPC files written by apache-arrow and Polars, and CSV / TSV /
# NDJSON files (flat and nested columns), with `spillway convert`, and reads
# every Parquet output back with DuckDB, Polars, arrow-rs (parquet-wasm) and
# hyparquet (check.mjs).
# Expected values come from the tools that wrote or read the inputs.
set -euo pipefail
spillway="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ ! -d "$here/node_modules/@duckdb/node-api" ]]; then
  echo "cli interop: readers not installed; run scripts/install-deps.sh (npm ci in tests/interop)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node "$here/cli_inputs.mjs" "$spillway" "$work"
"$here/verify_all.sh" "$spillway" "$work"
node "$here/check.mjs" "$work"
