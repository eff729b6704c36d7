#!/usr/bin/env bash
# Runs `spillway inspect --verify` on every Parquet file in a directory: each
# page decoded again and checked against its statistics, page index and
# checksums. Fails naming every file with a problem.
set -euo pipefail
spillway="$1"
dir="$2"
files=0
bad=0
for f in "$dir"/*.parquet; do
  [[ -e "$f" ]] || continue
  files=$((files + 1))
  if ! out="$("$spillway" inspect --verify "$f" 2>&1)"; then
    bad=$((bad + 1))
    echo "inspect --verify: $(basename "$f"):"
    sed 's/^/  /' <<<"$out" | tail -n 20
  fi
done
echo "inspect --verify: $files files, $bad with problems"
((files > 0 && bad == 0))
