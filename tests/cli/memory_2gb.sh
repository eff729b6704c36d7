#!/usr/bin/env bash
# The command's memory bound, measured: a generated Arrow IPC stream of about
# 2 GB (the demo's wide, skewed table) is piped into `spillway convert` and
# written as ONE row group with --memory-budget 64MiB. The process's peak RSS
# (getrusage, printed in the summary) must stay under
#   64 MiB (budget) + one input batch + 80 MiB fixed overhead
# The fixed overhead, measured on this table: the program and its libraries
# (~10 MiB); the open page of each of the 12 columns, which the budget does
# not cover yet (~5-9 MiB); zstd contexts and compression buffers (~27 MiB:
# the same run uncompressed peaks 29 MiB lower); and free memory the
# allocator keeps (~30 MiB). It does not grow with the input: 1 GB and 2 GB
# of input peak alike.
#
#   memory_2gb.sh SPILLWAY IPC_GENERATOR [ROWS]
set -euo pipefail
spillway=$1
generator=$2
rows=${3:-480000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shape=(--rows "$rows" --columns 12 --fat-columns 2 --batch-rows 4096)
# The largest input batch: one 4096-row batch of this table, as IPC.
"$generator" --rows 4096 --columns 12 --fat-columns 2 --batch-rows 4096 >"$work/one.arrows"
batch_bytes=$(stat -c %s "$work/one.arrows")

"$generator" "${shape[@]}" | tee >(wc -c >"$work/in_bytes") |
  "$spillway" convert - "$work/out.parquet" --format ipc --memory-budget 64MiB \
    --row-group-rows 100000000 --progress off --spill-dir "$work" >"$work/summary.txt"
cat "$work/summary.txt"

for _ in $(seq 50); do [[ -s "$work/in_bytes" ]] && break; sleep 0.1; done  # the tee'd count
in_bytes=$(cat "$work/in_bytes")
rss_line=$(grep 'peak RSS' "$work/summary.txt")
# "  peak RSS (process)  81.3 MiB" -> bytes
rss=$(echo "$rss_line" | awk '{v=$(NF-1); u=$NF; m=(u=="GiB")?1073741824:(u=="MiB")?1048576:(u=="KiB")?1024:1; printf "%d", v*m}')
bound=$((64 * 1048576 + batch_bytes + 80 * 1048576))
row_groups=$(grep 'row groups' "$work/summary.txt" | awk '{print $NF}')
echo "input: $in_bytes bytes of Arrow IPC; one batch: $batch_bytes bytes"
echo "peak RSS: $rss bytes; bound (64 MiB + one batch + 80 MiB): $bound bytes"
[[ "$row_groups" == 1 ]] || { echo "FAIL: expected one row group, got $row_groups"; exit 1; }
((in_bytes > 1900000000)) || { echo "FAIL: input too small ($in_bytes bytes)"; exit 1; }
((rss <= bound)) || { echo "FAIL: peak RSS over the bound"; exit 1; }
ls "$work" | grep -v -e '^out.parquet$' -e '^one.arrows$' -e '^in_bytes$' -e '^summary.txt$' &&
  { echo "FAIL: files left in the spill directory"; exit 1; }
echo "PASS"
