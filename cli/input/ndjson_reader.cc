#include "input/ndjson_reader.h"

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "input/column_builder.h"
#include "input/json_object_parser.h"
#include "input/line_reader.h"
#include "input/schema_option.h"
#include "input/type_inference.h"
#include "input/value_errors.h"
#include "spillway/error.h"

namespace spillway::cli {

namespace {

// As for CSV: a batch's input bytes bound its string bytes (JSON decoding
// only shrinks a string), so int32 offsets cannot overflow below this.
constexpr size_t kMaxBatchBytes = size_t{1} << 30;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// What the sample showed of one key.
struct KeyStats {
  bool any_bool = false, any_int = false, any_float = false, any_string = false;
  TypeInference strings{/*temporal_only=*/true};

  ArrowField type() const {
    const int kinds = any_bool + (any_int || any_float) + any_string;
    if (kinds == 1 && any_string) return strings.result();
    ArrowField f;
    // No values, or mixed kinds: utf8.
    f.id = kinds != 1  ? ArrowTypeId::STRING
           : any_bool  ? ArrowTypeId::BOOL
           : any_float ? ArrowTypeId::DOUBLE
                       : ArrowTypeId::INT64;
    f.format = format_of(f);
    return f;
  }
};

// Which JSON kinds an inferred (not --schema) column takes.
bool accepts(ArrowTypeId id, JsonKind kind) {
  switch (id) {
    case ArrowTypeId::STRING:
      return true;
    case ArrowTypeId::BOOL:
      return kind == JsonKind::kBool;
    case ArrowTypeId::INT64:
    case ArrowTypeId::DOUBLE:
      return kind == JsonKind::kNumber;
    default:  // dates, times, timestamps: from strings
      return kind == JsonKind::kString;
  }
}

class NdjsonReader final : public BatchReader {
 public:
  NdjsonReader(std::unique_ptr<InputSource> input, const NdjsonOptions& options)
      : input_(std::move(input)), options_(options), lines_(input_.get(), options.max_line_bytes) {
    options_.infer_rows = std::max<size_t>(options_.infer_rows, 1);
    options_.batch_rows = std::max<size_t>(options_.batch_rows, 1);
    options_.batch_bytes = std::clamp<size_t>(options_.batch_bytes, 1, kMaxBatchBytes);
    const auto overrides = parse_schema_option(options_.schema);
    read_sample();
    std::vector<ArrowField> columns;
    for (size_t i = 0; i < names_.size(); ++i) {
      ArrowField f = stats_[i].type();
      f.name = names_[i];
      columns.push_back(std::move(f));
    }
    if (columns.empty()) {
      throw Error(input_->name() + ": no keys in the first " + std::to_string(options_.infer_rows) +
                  " objects, so no columns to write (is the input empty?)");
    }
    overridden_ = apply_schema_overrides(overrides, columns, input_->name());
    stats_.clear();
    schema_ = make_struct_schema(std::move(columns));
    batch_ = std::make_unique<BatchBuilder>(schema_.children);
    slots_.assign(names_.size(), -1);
  }

  const ArrowField& schema() const override { return schema_; }
  uint64_t bytes_read() const override { return bytes_read_; }

  bool next(ArrowArray* out) override {
    size_t bytes = 0;
    while (batch_->rows() < options_.batch_rows && bytes < options_.batch_bytes) {
      uint64_t row_bytes;
      if (replay_ < sample_rows_.size()) {
        row_bytes = replay_row(sample_rows_[replay_++]);
        if (replay_ == sample_rows_.size()) free_sample();
      } else if (!read_row(&row_bytes)) {
        break;
      }
      bytes += row_bytes;
      bytes_read_ += row_bytes;
    }
    if (batch_->rows() == 0) {
      bytes_read_ = lines_.bytes_consumed();
      return false;
    }
    batch_->finish(out);
    return true;
  }

 private:
  struct SampleValue {
    size_t begin, size;
    uint32_t column;
    JsonKind kind;
  };
  struct SampleRow {
    uint64_t line, bytes;
    size_t first, count;
  };

  std::string where(uint64_t line) const {
    return input_->name() + ": line " + std::to_string(line);
  }

  // The next non-blank line parsed into parser_; false at the end. Adds the
  // bytes consumed (blank lines included) to *bytes.
  bool parse_next(uint64_t* bytes) {
    std::string_view line;
    const uint64_t before = lines_.bytes_consumed();
    for (;;) {
      if (!lines_.next(&line)) return false;
      if (line.find_first_not_of(" \t\r") != std::string_view::npos) break;
    }
    *bytes = lines_.bytes_consumed() - before;
    try {
      parser_.parse(line);
    } catch (const JsonSyntaxError& e) {
      const std::string at = where(lines_.line_number());
      switch (e.kind) {
        case JsonSyntaxError::Kind::kNested:
          throw Error(at + ", key '" + e.key + "': " + e.message);
        case JsonSyntaxError::Kind::kInvalidUtf8:
          throw Error(
              at +
              (e.key.empty() ? ", byte " + std::to_string(e.column) : ", key '" + e.key + "'") +
              ": invalid UTF-8 in a " + (e.key.empty() ? "key" : "string"));
        default:
          throw Error(at + ", byte " + std::to_string(e.column) + ": invalid JSON: " + e.message +
                      (e.key.empty() ? "" : " (in the value of key '" + e.key + "')"));
      }
    }
    return true;
  }

  // Column of the key of member `m` of the row on `line`, marking it used;
  // -1 for a key the sample did not have.
  int64_t column_of(size_t member, std::string_view key, uint64_t line, uint64_t row) {
    // Objects mostly list their keys in the same order: try the column the
    // same position held last time before hashing.
    size_t c;
    if (member < last_order_.size() && names_[last_order_[member]] == key) {
      c = last_order_[member];
    } else {
      auto it = index_.find(key);
      if (it == index_.end()) return -1;
      c = it->second;
      if (member >= last_order_.size()) last_order_.resize(member + 1);
      last_order_[member] = c;
    }
    if (seen_in_row_[c] == row) {
      throw Error(where(line) + ", key '" + std::string(key) +
                  "': the key appears twice in the object");
    }
    seen_in_row_[c] = row;
    return static_cast<int64_t>(c);
  }

  void read_sample() {
    uint64_t bytes;
    while (sample_rows_.size() < options_.infer_rows && parse_next(&bytes)) {
      const uint64_t row = sample_rows_.size() + 1;
      SampleRow r{lines_.line_number(), bytes, sample_values_.size(), parser_.size()};
      for (size_t m = 0; m < parser_.size(); ++m) {
        const std::string_view key = parser_.key(m);
        int64_t c = column_of(m, key, r.line, row);
        if (c < 0) {
          c = static_cast<int64_t>(names_.size());
          names_.emplace_back(key);
          index_.emplace(std::string(key), names_.size() - 1);
          stats_.emplace_back();
          seen_in_row_.push_back(row);
        }
        const JsonKind kind = parser_.kind(m);
        const std::string_view value = parser_.value(m);
        KeyStats& s = stats_[static_cast<size_t>(c)];
        int64_t unused;
        switch (kind) {
          case JsonKind::kNull:
            break;
          case JsonKind::kBool:
            s.any_bool = true;
            break;
          case JsonKind::kNumber:
            (parser_.is_integer(m) && parse_int64(value, &unused) ? s.any_int : s.any_float) = true;
            break;
          case JsonKind::kString:
            s.any_string = true;
            s.strings.observe(value);
            break;
        }
        sample_values_.push_back(
            {sample_arena_.size(), value.size(), static_cast<uint32_t>(c), kind});
        sample_arena_.append(value);
      }
      sample_rows_.push_back(r);
    }
  }

  void free_sample() {
    sample_rows_ = {};
    sample_values_ = {};
    sample_arena_ = {};
  }

  uint64_t replay_row(const SampleRow& r) {
    for (size_t k = 0; k < r.count; ++k) {
      slots_[sample_values_[r.first + k].column] = static_cast<int64_t>(r.first + k);
    }
    for (size_t c = 0; c < slots_.size(); ++c) {
      if (slots_[c] < 0) {
        batch_->column(c).append_null();
        continue;
      }
      const SampleValue& v = sample_values_[static_cast<size_t>(slots_[c])];
      append(c, v.kind, std::string_view(sample_arena_).substr(v.begin, v.size), r.line);
      slots_[c] = -1;
    }
    batch_->end_row();
    return r.bytes;
  }

  bool read_row(uint64_t* bytes) {
    if (!parse_next(bytes)) return false;
    const uint64_t line = lines_.line_number();
    const uint64_t row = ++rows_after_sample_ + options_.infer_rows + 1;
    for (size_t m = 0; m < parser_.size(); ++m) {
      const int64_t c = column_of(m, parser_.key(m), line, row);
      if (c < 0) {
        throw Error(where(line) + ", key '" + std::string(parser_.key(m)) +
                    "': the key is not in the first " + std::to_string(options_.infer_rows) +
                    " objects, which set the columns; raise --infer-rows to include it");
      }
      slots_[static_cast<size_t>(c)] = static_cast<int64_t>(m);
    }
    for (size_t c = 0; c < slots_.size(); ++c) {
      if (slots_[c] < 0) {
        batch_->column(c).append_null();
        continue;
      }
      const auto m = static_cast<size_t>(slots_[c]);
      append(c, parser_.kind(m), parser_.value(m), line);
      slots_[c] = -1;
    }
    batch_->end_row();
    return true;
  }

  void append(size_t c, JsonKind kind, std::string_view value, uint64_t line) {
    ColumnBuilder& column = batch_->column(c);
    if (kind == JsonKind::kNull) {
      column.append_null();
      return;
    }
    const ArrowField& field = schema_.children[c];
    AppendStatus status = AppendStatus::kNotParsed;
    const bool kind_ok = overridden_[c] || accepts(field.id, kind);
    if (kind_ok) status = column.append(value);
    if (status == AppendStatus::kOk) return;
    const std::string at = where(line) + ", key '" + field.name + "': ";
    if (status == AppendStatus::kTooLarge) {
      throw Error(at + "the value (" + std::to_string(value.size()) +
                  " bytes) does not fit a utf8 batch; use --schema " +
                  schema_column_token(field.name) + ":large_utf8");
    }
    if (status == AppendStatus::kInvalidUtf8) {  // the parser checked strings already
      throw Error(at + "invalid UTF-8 in the value");
    }
    // Strings in double quotes as JSON writes them, other values bare.
    std::string shown = quote_value(value, '"');
    if (kind != JsonKind::kString) shown = shown.substr(1, shown.find_last_of('"') - 1);
    // A value of another JSON kind fits only a utf8 column.
    throw Error(at + not_valid_message(shown, value, field, overridden_[c], options_.infer_rows,
                                       kind_ok ? "" : "utf8"));
  }

  std::unique_ptr<InputSource> input_;
  NdjsonOptions options_;
  LineReader lines_;
  JsonObjectParser parser_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> index_;
  std::vector<uint64_t> seen_in_row_;  // per column: the row that last had it
  std::vector<size_t> last_order_;     // per member position: the column it last was
  std::vector<KeyStats> stats_;
  std::vector<SampleRow> sample_rows_;
  std::vector<SampleValue> sample_values_;
  std::string sample_arena_;
  size_t replay_ = 0;
  uint64_t rows_after_sample_ = 0;
  std::vector<int64_t> slots_;  // per column: the member (or sample value) holding it, or -1
  std::vector<bool> overridden_;
  ArrowField schema_;
  std::unique_ptr<BatchBuilder> batch_;
  uint64_t bytes_read_ = 0;
};

}  // namespace

std::unique_ptr<BatchReader> open_ndjson_reader(std::unique_ptr<InputSource> input,
                                                const NdjsonOptions& options) {
  return std::make_unique<NdjsonReader>(std::move(input), options);
}

}  // namespace spillway::cli
