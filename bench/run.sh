#!/usr/bin/env bash
# Write benchmark: spillway, then DuckDB and Polars on the same table in the
# same run, reported side by side. See bench/README.md.
#
#   bench/run.sh                      # flat table; defaults: ROWS=500000 REPEAT=3
#   TABLE=nested bench/run.sh         # nested table; defaults: ROWS=750000 REPEAT=3
#   ROWS=200000 REPEAT=1 bench/run.sh # a quick check
#
# Environment: TABLE (flat or nested, default flat), ROWS, BATCH_ROWS, REPEAT,
# BUILD_DIR (default build), OUT_DIR (scratch files, default
# /tmp/spillway-bench), RESULTS (default bench/results/<date>-write_<table>.md;
# set RESULTS=- to save nothing).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
table_kind=${TABLE:-flat}
case "$table_kind" in
  # 500,000 rows (~290 MB of Arrow data) keeps a full run near 3 minutes on 2 cores.
  flat) default_rows=500000 ;;
  # 750,000 rows: about 285 MB of Arrow data (~380 bytes a row), like the flat table.
  nested) default_rows=750000 ;;
  *) echo "run.sh: TABLE must be flat or nested, got '$table_kind'" >&2; exit 2 ;;
esac
rows=${ROWS:-$default_rows}
batch_rows=${BATCH_ROWS:-65536}
repeat=${REPEAT:-3}
build=${BUILD_DIR:-build}
out=${OUT_DIR:-/tmp/spillway-bench}
results=${RESULTS:-bench/results/$(date +%F)-write_$table_kind.md}
invocation="ROWS=$rows BATCH_ROWS=$batch_rows REPEAT=$repeat"
[[ "$table_kind" != flat ]] && invocation="TABLE=$table_kind $invocation"
[[ -n "${BUILD_DIR:-}" ]] && invocation+=" BUILD_DIR=$build"
[[ -n "${OUT_DIR:-}" ]] && invocation+=" OUT_DIR=$out"
invocation+=" bench/run.sh"

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== $table_kind table, $rows rows, best of $repeat (load average now: $load_at_start)" >&2
echo "== build ($build, Release)" >&2
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target write_bench >/dev/null

if [[ ! -d bench/node_modules/@duckdb/node-api || ! -d bench/node_modules/nodejs-polars ]]; then
  echo "== npm ci (bench/package-lock.json)" >&2
  (cd bench && npm ci --no-audit --no-fund >&2)
fi

mkdir -p "$out"
table_flag=""
[[ "$table_kind" != flat ]] && table_flag=" --table $table_kind"
bench_cmd="$build/bench/write_bench$table_flag --rows $rows --batch-rows $batch_rows --repeat $repeat --out-dir $out"
peers_cmd="node bench/peers.mjs --out-dir $out --repeat $repeat --bench-json $out/spillway.jsonl"

echo "== $bench_cmd" >&2
start=$SECONDS
$bench_cmd >"$out/spillway.jsonl"
echo "== $peers_cmd" >&2
$peers_cmd >"$out/peers.jsonl"
elapsed=$((SECONDS - start))

table=$(node bench/report.mjs "$out/spillway.jsonl" "$out/peers.jsonl")
echo
echo "$table"
echo
echo "($rows rows, best of $repeat, ${elapsed} s for both benchmarks)"

if [[ "$results" != "-" ]]; then
  mkdir -p "$(dirname "$results")"
  arrow_mb=$(node -e "const r=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8').split('\n')[0]);console.log((r.arrow_input_bytes/1e6).toFixed(1))" "$out/spillway.jsonl")
  {
    title=$([[ "$table_kind" == flat ]] && echo Flat || echo Nested)
    echo "# $title-table write throughput, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    commit=$(git rev-parse --short HEAD 2>/dev/null || echo none)
    [[ -n "$(git status --porcelain 2>/dev/null)" ]] && commit+=" plus uncommitted changes"
    echo "Command: \`$invocation\` (commit $commit), which ran:"
    echo
    echo '```'
    echo "$bench_cmd"
    echo "$peers_cmd"
    echo '```'
    echo
    cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
    mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
    echo "Machine: $(nproc) cores ($cpu), $mem, $(uname -sr), g++ $(g++ -dumpfullversion)," \
      "node $(node --version); load average at start $load_at_start (1, 5, 15 min)."
    echo
    if [[ "$table_kind" == flat ]]; then
      echo "Table: $rows rows x 60 columns (see bench/wide_table.h), Arrow input $arrow_mb MB;"
    else
      echo "Table: $rows rows x 5 columns (id, ts, a user struct, an events list of structs with a map,"
      echo "a scores list; see bench/nested_table.h), Arrow input $arrow_mb MB;"
    fi
    echo "best of $repeat wall times; MB/s = Arrow input MB / seconds for every writer."
    echo
    echo "$table"
    echo
    echo "spillway: one thread, default WriterProperties (dictionary on, v1 pages), zstd level 1;"
    echo "'null sink' drops the bytes (NullOutputStream), 'file' writes without fsync like the peers."
    echo "DuckDB and Polars write their default zstd level; Polars uses its own thread pool."
    if [[ "$table_kind" == nested ]]; then
      echo "Polars has no map type: it reads events.attrs (map<utf8, utf8>) as"
      echo "list<struct<key, value>> and writes that as a Parquet LIST, not a MAP (same values)."
    fi
  } >"$results"
  echo "saved $results" >&2
fi
