#pragma once

// What `spillway inspect` learns about a file, shared by the code that reads
// and checks it (inspect_checks.cc) and the two printers (inspect_text.cc,
// inspect_json.cc). Internal to the command.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "spillway/metadata.h"
#include "spillway/schema.h"

namespace spillway::cli::inspect {

// The file is not Parquet at all (exit code 2), as opposed to a Parquet file
// whose layout is inconsistent.
class NotParquet : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The schema as a tree: depth, leaf number, dotted path and the levels
// reached at each SchemaElement.
struct SchemaInfo {
  std::vector<int> depth;         // per element; the root is 0
  std::vector<int> leaf_of;       // per element: its leaf column index, or -1
  std::vector<std::string> path;  // per element: "a.b.list.element" ("" for the root)
  // Per element: the definition and repetition levels of a value present at
  // this element (a leaf's are its max levels).
  std::vector<int16_t> def, rep;
  // Leaf columns in order. A leaf with only a converted type gets the
  // equivalent logical type, so values render and compare one way.
  std::vector<ColumnDescriptor> leaves;
  bool complete = false;  // the elements formed exactly one well-formed tree
};

struct PageReport {
  PageHeader header;
  int64_t offset = 0;  // of the header
  size_t header_length = 0;
  std::optional<bool> crc_ok;  // set when the header carries a crc
  int data_page = -1;          // index among the chunk's data pages, or -1
  // Data pages: rows that begin in the page (repetition level 0): num_rows
  // of a v2 header, num_values in a flat column, else counted from the
  // decoded repetition levels; unset when unknown.
  std::optional<int64_t> rows;
  // Data pages of a nested leaf whose levels were decoded: the first
  // repetition level (0 when the page begins at a row boundary).
  std::optional<int16_t> first_repetition_level;
};

struct BloomFilterReport {
  int64_t offset = 0;
  std::optional<int32_t> length;
  // From the BloomFilterHeader, when it could be read.
  std::optional<int32_t> num_bytes;
  std::string algorithm, hash, compression;
  size_t header_length = 0;
};

struct ChunkReport {
  std::string path;                        // dotted path_in_schema
  const ColumnDescriptor* leaf = nullptr;  // when the schema and chunk agree
  std::vector<PageReport> pages;
  size_t num_data_pages = 0;
  std::optional<ColumnIndex> column_index;
  std::optional<OffsetIndex> offset_index;
  std::optional<BloomFilterReport> bloom_filter;
};

struct RowGroupReport {
  std::vector<ChunkReport> chunks;
};

// What `inspect --verify` decoded (inspect_verify*.cc).
struct VerifyReport {
  size_t column_chunks = 0;   // chunks whose pages were decoded
  size_t pages = 0;           // dictionary and data pages decoded
  int64_t values = 0;         // levels of the decoded data pages (nulls included)
  int64_t nulls = 0;          // of those, levels below the max definition level
  size_t skipped_pages = 0;   // too large to decode, or legacy BIT_PACKED levels
  size_t skipped_chunks = 0;  // schema unknown, or INT96 values
};

struct Report {
  std::string path;
  uint64_t file_size = 0;
  uint32_t footer_length = 0;
  bool footer_read = false;  // false: only path, size and problems are set
  FileMetaData metadata;
  SchemaInfo schema;
  std::vector<RowGroupReport> row_groups;
  std::optional<VerifyReport> verify;  // set by a run with --verify
  std::vector<std::string> problems;
  size_t problems_dropped = 0;  // beyond kMaxProblems
};

inline constexpr size_t kMaxProblems = 50;

// Reads the footer and everything it points at, checking the layout; every
// inconsistency becomes an entry of Report::problems. Throws NotParquet when
// the file has no Parquet magic at either end, is too small, or has an
// encrypted footer. With `verify`, also decodes every page and checks its
// values against the statistics, page index and bloom filter
// (verify_values).
Report inspect_file(std::span<const uint8_t> file, std::string path, bool verify = false);

// inspect_verify.cc: the value pass of --verify over a report inspect_file
// has filled; sets report.verify and adds its problems.
void verify_values(std::span<const uint8_t> file, Report& report);
// Adds a problem unless kMaxProblems are already listed (then counts it).
void add_problem(Report& report, std::string message);

void print_text(const Report& report, bool pages, std::ostream& out);
void print_json(const Report& report, bool pages, std::ostream& out);

// --- Values (inspect_values.cc) -------------------------------------------
// A statistics value (PLAIN bytes, byte arrays without length prefix) as
// readable text for its column: numbers, dates and timestamps in ISO form,
// decimals with their scale, strings quoted and escaped. Text longer than
// `max_chars` characters is cut and ends with "...". `leaf` may be null
// (schema unknown): the bytes are then shown escaped.
std::string value_text(std::string_view bytes, const ColumnDescriptor* leaf, size_t max_chars);
// The same value as JSON: a number for integer and floating types (dates,
// times and timestamps as their count in the schema's unit), true/false for
// BOOLEAN, else a string (text, decimal digits, ISO timestamp for INT96).
std::string value_json(std::string_view bytes, const ColumnDescriptor* leaf);
std::string hex(std::string_view bytes);
// A quoted JSON string; bytes that are not UTF-8 become U+FFFD.
std::string json_string(std::string_view s);
// A byte string for a human reader: printable text as is, other bytes as
// \n, \t, \xNN; at most `max_chars` characters, then "...".
std::string escape_text(std::string_view s, size_t max_chars);
// The logical type's name with its parameters, e.g. "TIMESTAMP(MICROS,utc)".
std::string logical_type_text(const LogicalType& t);

}  // namespace spillway::cli::inspect
