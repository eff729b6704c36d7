#!/usr/bin/env bash
# Peak RSS of writing the 2 GB table of tests/cli/memory_2gb.sh as one row
# group: spillway convert (budget 64 MiB, reading the IPC stream), Polars
# (reading the same stream) and DuckDB (reading the same rows from Parquet),
# each in its own process under /usr/bin/time -v.
#
#   bench/convert_rss.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/tests/spillway_ipc_generator" --rows 480000 --columns 12 --fat-columns 2 --batch-rows 4096 \
  >"$work/in.arrows"
echo "input: $(stat -c %s "$work/in.arrows") bytes of Arrow IPC"
rss() { grep 'Maximum resident' "$1" | awk '{printf "%.0f MiB", $NF/1024}'; }
secs() { grep 'Elapsed (wall' "$1" | awk '{print $NF}'; }
/usr/bin/time -v -o "$work/t1" "$build/bin/spillway" convert "$work/in.arrows" "$work/spillway.parquet" \
  --memory-budget 64MiB --row-group-rows 100000000 --progress off >/dev/null
echo "spillway convert (zstd, budget 64 MiB): peak RSS $(rss "$work/t1"), wall $(secs "$work/t1")"
cd "$root/bench"
/usr/bin/time -v -o "$work/t2" node convert_peers.mjs polars "$work/in.arrows" "$work/polars.parquet" >/dev/null
echo "polars 0.25.2 (zstd, one row group): peak RSS $(rss "$work/t2"), wall $(secs "$work/t2")"
/usr/bin/time -v -o "$work/t3" node convert_peers.mjs duckdb "$work/spillway.parquet" "$work/duckdb.parquet" >/dev/null
echo "duckdb 1.5.6 (zstd, one row group): peak RSS $(rss "$work/t3"), wall $(secs "$work/t3")"
