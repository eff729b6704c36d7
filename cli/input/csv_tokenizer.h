#pragma once

// Splits CSV bytes into records of fields (RFC 4180 plus a configurable
// delimiter, quote and escape; LF, CRLF or CR line ends; quoted fields
// spanning lines; a UTF-8 byte order mark at the start skipped; blank lines
// skipped). Reads the input front to back in chunks, never seeking, so it
// works on standard input; a record is copied out of the chunk, so a record
// may be larger than a chunk.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/input_source.h"

namespace spillway::cli {

struct CsvRecord {
  std::string data;             // the fields' contents, unquoted and unescaped, back to back
  std::vector<size_t> ends;     // end of each field in `data`
  std::vector<uint8_t> quoted;  // whether each field was quoted
  uint64_t line = 0;            // physical line (1-based) the record starts on
  uint64_t bytes = 0;           // input bytes consumed for it (blank lines before it included)

  size_t size() const { return ends.size(); }
  std::string_view field(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(data).substr(begin, ends[i] - begin);
  }
  bool is_quoted(size_t i) const { return quoted[i] != 0; }
  void clear() {
    data.clear();
    ends.clear();
    quoted.clear();
  }
};

struct CsvDialect {
  char delimiter = ',';
  char quote = '"';
  std::optional<char> escape;  // none (or the quote): a quote in a quoted field is doubled
  size_t max_record_bytes = size_t{1} << 30;  // a safety cap (an unclosed quote)
};

class CsvTokenizer {
 public:
  // Throws spillway::Error if the dialect is unusable (delimiter equal to
  // the quote, a line break as delimiter...).
  CsvTokenizer(InputSource* input, const CsvDialect& dialect);

  // The next record, or false at the end of the input. Throws spillway::Error
  // naming the input, the line and the column on a malformed record.
  bool next(CsvRecord* record);

  // Column names for error messages (fields are "field N" until set).
  void set_column_names(const std::vector<std::string>* names) { names_ = names; }
  // Input bytes consumed so far.
  uint64_t bytes_consumed() const { return base_ + pos_; }

 private:
  bool fill();
  void append(const char* p, size_t n, const CsvRecord& r);
  std::string where(const CsvRecord& r) const;
  // Consumes one byte of a line break inside a quoted field, counting lines.
  void count_quoted_break(char c, bool* prev_cr);

  InputSource* input_;
  CsvDialect d_;
  bool has_escape_;
  bool unquoted_special_[256] = {};
  bool quoted_special_[256] = {};
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t base_ = 0;  // input offset of buf_[0]
  bool started_ = false;
  uint64_t line_ = 1;
  bool pending_cr_ = false;  // the last record ended in CR: a LF right after belongs to it
  uint64_t last_end_ = 0;    // bytes_consumed() after the last record
  const std::vector<std::string>* names_ = nullptr;
  std::string* field_data_ = nullptr;
};

}  // namespace spillway::cli
