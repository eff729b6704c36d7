#pragma once

// `spillway inspect FILE [--pages] [--json] [--verify]`: prints a Parquet
// file's layout (footer, schema, row groups, column chunks, page index and
// bloom filter presence; with --pages every page) and checks that the
// layout is consistent; with --verify it also decodes every value and
// checks it against what the file claims. The printing and checks live in
// cli/inspect_*.cc.

#include <ostream>
#include <string>

namespace spillway::cli {

struct InspectOptions {
  std::string path;
  bool pages = false;  // list every page of every column chunk
  bool json = false;   // one JSON object instead of the human report
  // Decode every page and check its values against the statistics, page
  // index and bloom filter (slower: reads all the data).
  bool verify = false;
};

// Exit codes of run_inspect.
inline constexpr int kInspectValid = 0;
inline constexpr int kInspectInvalid = 1;     // the layout checks found problems
inline constexpr int kInspectUnreadable = 2;  // I/O error, or not a Parquet file

// Prints the report to `out`. Each problem found in the layout is part of
// the report and is also written to `err` as one line; a file that cannot be
// read or is not Parquet (missing magic, too small, encrypted footer) gets one
// line on `err` and nothing on `out`. Returns one of the exit codes above.
int run_inspect(const InspectOptions& options, std::ostream& out, std::ostream& err);

}  // namespace spillway::cli
