#pragma once

// `spillway demo`: writes a generated wide, skewed table as one large row
// group twice — with the in-memory page store and with the budgeted store —
// each in its own child process, and prints what each run measured: peak
// resident memory, peak writer memory, bytes spilled, output size, time.
// Then it inspects the result.

#include <cstdint>
#include <cstdio>
#include <string>

#include "demo_table.h"

namespace spillway::cli {

struct DemoOptions {
  DemoTableShape shape;
  uint64_t memory_budget = 64ull << 20;
  std::string compression = "zstd";
  std::string dir;  // where the two files go; "" = a new directory under $TMPDIR or /tmp
  bool inspect = true;
};

int run_demo(const DemoOptions& options, FILE* out, FILE* err);

}  // namespace spillway::cli
