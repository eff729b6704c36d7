#!/usr/bin/env bash
# Writes the interop matrix with spillway and reads every file back with
# DuckDB, Polars, arrow-rs (parquet-wasm) and hyparquet (check.mjs); with the
# spillway command given as well, `spillway inspect --verify` checks each file.
set -euo pipefail
writer="$1"
spillway="${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ ! -d "$here/node_modules/@duckdb/node-api" ]]; then
  echo "interop: readers not installed; run scripts/install-deps.sh (npm ci in tests/interop)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$writer" "$work"
if [[ -n "$spillway" ]]; then "$here/verify_all.sh" "$spillway" "$work"; fi
node "$here/check.mjs" "$work"
