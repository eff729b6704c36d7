#!/usr/bin/env bash
# Installs the built library into a temporary prefix, builds README's example
# against it with find_package(spillway) and with pkg-config, and runs both.
set -euo pipefail
build="$1"
src="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$src/tests/install/consumer" -B "$work/consumer" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DEXAMPLE_SOURCE="$src/examples/write_example.cc" >/dev/null
cmake --build "$work/consumer" >/dev/null
"$work/consumer/consumer" "$work/cmake.parquet"
test -s "$work/cmake.parquet"

export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig:$work/prefix/lib/x86_64-linux-gnu/pkgconfig"
cflags="$(pkg-config --cflags spillway)"
libs="$(pkg-config --libs --static spillway)"
# shellcheck disable=SC2086
g++ -std=c++20 "$src/examples/write_example.cc" -o "$work/pc_consumer" $cflags $libs
"$work/pc_consumer" "$work/pkgconfig.parquet"
test -s "$work/pkgconfig.parquet"
echo "install test: find_package and pkg-config consumers both wrote a file"
