#!/usr/bin/env bash
# Bounded fuzzing of the libFuzzer targets in tests/fuzz (issue 6).
#
#   scripts/fuzz.sh [SECONDS]   fuzz every target for SECONDS (default 60),
#                               two at a time, each on a fresh copy of its
#                               committed corpus (tests/fuzz/corpus/<target>)
#   scripts/fuzz.sh --replay    only run the committed corpus once (-runs=0)
#
# Builds with clang into ${SPILLWAY_FUZZ_BUILD_DIR:-build-fuzz}. Prints one
# line per target ("fuzz <target>: <N> executions in <S> s, corpus <k>
# inputs") and exits nonzero if any target crashed, naming the input that
# crashed it (kept in its temporary directory) and the end of its log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

mode=fuzz
seconds=60
case "${1:-}" in
  --replay) mode=replay ;;
  "") ;;
  *[!0-9]* | 0)
    echo "usage: scripts/fuzz.sh [SECONDS-PER-TARGET | --replay]" >&2
    exit 2
    ;;
  *) seconds="$1" ;;
esac

targets=(c_data_import ipc_reader csv_reader ndjson_reader write_verify)
build="${SPILLWAY_FUZZ_BUILD_DIR:-build-fuzz}"
CC=clang CXX=clang++ cmake -S . -B "$build" -DSPILLWAY_FUZZ=ON -DSPILLWAY_BUILD_TESTS=OFF \
  -DSPILLWAY_BUILD_BENCH=OFF -DSPILLWAY_BUILD_EXAMPLES=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
  >/dev/null
cmake --build "$build" -j2 --target "${targets[@]/%/_fuzz}" >/dev/null

work="$(mktemp -d "${TMPDIR:-/tmp}/spillway-fuzz.XXXXXX")"

# Runs one target in $work/<target>/ (its corpus copy, log and any crash file).
run_target() {
  local t="$1" dir="$work/$1"
  mkdir -p "$dir/corpus"
  cp -R "tests/fuzz/corpus/$t/." "$dir/corpus/" 2>/dev/null || true
  # The entropic schedule spends most of the time on its bookkeeping with
  # this many coverage features (5-10x fewer executions); plain is faster.
  local args=(-artifact_prefix="$dir/" -timeout=30 -rss_limit_mb=3072 -entropic=0 -print_final_stats=1)
  # The byte-code targets need long inputs at once (a tree's buffers), not
  # libFuzzer's slowly growing length limit.
  case "$t" in c_data_import | write_verify) args+=(-len_control=0 -max_len=2048) ;; esac
  if [[ "$mode" == replay ]]; then
    args+=(-runs=0)
  else
    args+=(-max_total_time="$seconds")
  fi
  set +e
  "$build/tests/fuzz/${t}_fuzz" "${args[@]}" "$dir/corpus" >"$dir/log" 2>&1
  echo $? >"$dir/status"
  set -e
}

# Two targets at a time (the CI machine has two cores).
for t in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= 2)); do wait -n || true; done
  run_target "$t" &
done
wait

failed=0
for t in "${targets[@]}"; do
  dir="$work/$t"
  status="$(cat "$dir/status")"
  crash="$(find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) | head -n1)"
  inputs="$(find "$dir/corpus" -type f | wc -l)"
  if [[ "$status" != 0 || -n "$crash" ]]; then
    failed=1
    echo "fuzz $t: FAILED (exit status $status), input ${crash:-<none written>}"
    tail -n 40 "$dir/log" | sed "s/^/  $t| /"
    continue
  fi
  if [[ "$mode" == replay ]]; then
    echo "fuzz $t: replayed $inputs inputs"
    continue
  fi
  # libFuzzer's last words: "Done N runs in S second(s)".
  done_line="$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$dir/log" | tail -n1)"
  runs="$(awk '{print $2}' <<<"$done_line")"
  secs="$(awk '{print $5}' <<<"$done_line")"
  echo "fuzz $t: ${runs:-?} executions in ${secs:-?} s, corpus $inputs inputs"
done

if ((failed)); then
  echo "fuzz: a target failed; inputs and logs are in $work" >&2
  exit 1
fi
rm -rf "$work"
