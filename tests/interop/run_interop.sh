#!/usr/bin/env bash
# Writes the interop matrix with spillway and reads every file back with
# DuckDB, Polars, arrow-rs (parquet-wasm) and hyparquet (check.mjs).
set -euo pipefail
writer="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ ! -d "$here/node_modules/@duckdb/node-api" ]]; then
  echo "interop: readers not installed; run scripts/install-deps.sh (npm ci in tests/interop)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$writer" "$work"
node "$here/check.mjs" "$work"
