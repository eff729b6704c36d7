#include "input/csv_reader.h"

#include <algorithm>
#include <set>

#include "arrow/utf8.h"
#include "input/column_builder.h"
#include "input/csv_tokenizer.h"
#include "input/schema_option.h"
#include "input/type_inference.h"
#include "input/value_errors.h"
#include "spillway/error.h"

namespace spillway::cli {

namespace {

// Batches never exceed this many input bytes, whatever batch_bytes says, so
// the int32 offsets of a utf8 column cannot overflow (a field's bytes never
// exceed the input bytes it came from).
constexpr size_t kMaxBatchBytes = size_t{1} << 30;

bool is_string_like(ArrowTypeId id) {
  return id == ArrowTypeId::STRING || id == ArrowTypeId::LARGE_STRING || id == ArrowTypeId::BINARY;
}

class CsvReader final : public BatchReader {
 public:
  CsvReader(std::unique_ptr<InputSource> input, const CsvOptions& options)
      : input_(std::move(input)),
        options_(options),
        tokenizer_(input_.get(), CsvDialect{options.delimiter, options.quote, options.escape,
                                            options.max_record_bytes}) {
    options_.batch_rows = std::max<size_t>(options_.batch_rows, 1);
    options_.batch_bytes = std::clamp<size_t>(options_.batch_bytes, 1, kMaxBatchBytes);
    const auto overrides = parse_schema_option(options_.schema);
    read_header();
    read_sample();
    std::vector<ArrowField> columns = infer_columns();
    overridden_ = apply_schema_overrides(overrides, columns, input_->name());
    for (const ArrowField& c : columns) {
      if (is_nested(c.id)) {
        throw Error("--schema: column '" + c.name + "' is " + type_name(c) +
                    ", but CSV fields are flat text; nested types are read from NDJSON");
      }
      string_like_.push_back(is_string_like(c.id));
    }
    schema_ = make_struct_schema(std::move(columns));
    batch_ = std::make_unique<BatchBuilder>(schema_.children);
  }

  const ArrowField& schema() const override { return schema_; }
  uint64_t bytes_read() const override { return bytes_read_; }

  bool next(ArrowArray* out) override {
    size_t bytes = 0;
    while (batch_->rows() < options_.batch_rows && bytes < options_.batch_bytes) {
      const CsvRecord* record = next_record();
      if (!record) break;
      append(*record);
      bytes += record->bytes;
      bytes_read_ += record->bytes;
    }
    if (batch_->rows() == 0) {
      bytes_read_ = tokenizer_.bytes_consumed();
      return false;
    }
    batch_->finish(out);
    return true;
  }

 private:
  void read_header() {
    CsvRecord first;
    if (!tokenizer_.next(&first)) {
      throw Error(input_->name() + ": the input is empty (no " +
                  (options_.header ? "header row" : "rows") + ")");
    }
    const size_t n = first.size();
    if (options_.header) {
      std::set<std::string> seen;
      for (size_t i = 0; i < n; ++i) {
        std::string name(first.field(i));
        const auto* bytes = reinterpret_cast<const uint8_t*>(name.data());
        if (!is_valid_utf8(bytes, name.size())) {
          throw Error(input_->name() + ": line " + std::to_string(first.line) + ", field " +
                      std::to_string(i + 1) + ": the column name is not valid UTF-8");
        }
        if (name.empty()) name = "column" + std::to_string(i);
        names_.push_back(name);
      }
      // Repeated names get _1, _2, ... skipping names already taken.
      std::set<std::string> taken(names_.begin(), names_.end());
      for (std::string& name : names_) {
        if (seen.insert(name).second) continue;
        for (int k = 1;; ++k) {
          std::string candidate = name + "_" + std::to_string(k);
          if (!taken.count(candidate)) {
            name = candidate;
            break;
          }
        }
        taken.insert(name);
        seen.insert(name);
      }
      bytes_read_ = first.bytes;
    } else {
      for (size_t i = 0; i < n; ++i) names_.push_back("column" + std::to_string(i));
      sample_.push_back(std::move(first));
    }
    tokenizer_.set_column_names(&names_);
  }

  void check_width(const CsvRecord& r) const {
    if (r.size() == names_.size()) return;
    throw Error(input_->name() + ": line " + std::to_string(r.line) + ": expected " +
                std::to_string(names_.size()) + " field(s), " +
                (options_.header ? "as in the header" : "as on the first line") + ", found " +
                std::to_string(r.size()));
  }

  void read_sample() {
    if (!sample_.empty()) check_width(sample_.front());
    while (sample_.size() < options_.infer_rows) {
      CsvRecord r;
      if (!tokenizer_.next(&r)) {
        exhausted_ = true;
        break;
      }
      check_width(r);
      sample_.push_back(std::move(r));
    }
  }

  bool is_null_marker(std::string_view v) const {
    for (const std::string& m : options_.null_values) {
      if (v == m) return true;
    }
    return false;
  }

  std::vector<ArrowField> infer_columns() const {
    std::vector<ArrowField> columns;
    for (size_t i = 0; i < names_.size(); ++i) {
      TypeInference inference;
      const size_t rows = std::min(sample_.size(), options_.infer_rows);
      for (size_t k = 0; k < rows; ++k) {
        const CsvRecord& r = sample_[k];
        const std::string_view v = r.field(i);
        if (v.empty() || (!r.is_quoted(i) && is_null_marker(v))) continue;
        inference.observe(v);
      }
      ArrowField f = inference.result();
      f.name = names_[i];
      columns.push_back(std::move(f));
    }
    return columns;
  }

  const CsvRecord* next_record() {
    if (sample_pos_ < sample_.size()) {
      if (sample_pos_ > 0) sample_[sample_pos_ - 1] = CsvRecord();  // free replayed rows
      return &sample_[sample_pos_++];
    }
    if (!sample_.empty()) {
      sample_.clear();
      sample_.shrink_to_fit();
      sample_pos_ = 0;
    }
    if (exhausted_ || !tokenizer_.next(&current_)) {
      exhausted_ = true;
      return nullptr;
    }
    check_width(current_);
    return &current_;
  }

  void append(const CsvRecord& r) {
    for (size_t i = 0; i < names_.size(); ++i) {
      const std::string_view v = r.field(i);
      ColumnBuilder& column = batch_->column(i);
      if ((!r.is_quoted(i) && is_null_marker(v)) || (v.empty() && !string_like_[i])) {
        column.append_null();
        continue;
      }
      const AppendStatus status = column.append(v);
      if (status != AppendStatus::kOk) fail(r, i, v, status);
    }
    batch_->end_row();
  }

  [[noreturn]] void fail(const CsvRecord& r, size_t i, std::string_view v,
                         AppendStatus status) const {
    const ArrowField& column = schema_.children[i];
    const std::string where =
        input_->name() + ": line " + std::to_string(r.line) + ", column '" + column.name + "': ";
    switch (status) {
      case AppendStatus::kInvalidUtf8: {
        const size_t at = find_invalid_utf8(reinterpret_cast<const uint8_t*>(v.data()), v.size());
        throw Error(where + "invalid UTF-8 at byte " + std::to_string(at) +
                    " of the value (use --schema " + schema_column_token(column.name) +
                    ":binary to keep the bytes)");
      }
      case AppendStatus::kTooLarge:
        throw Error(where + "the value (" + std::to_string(v.size()) +
                    " bytes) does not fit a utf8 batch; use --schema " +
                    schema_column_token(column.name) + ":large_utf8");
      default:
        throw Error(where + not_valid_message(quote_value(v), v, column, overridden_[i],
                                              options_.infer_rows));
    }
  }

  std::unique_ptr<InputSource> input_;
  CsvOptions options_;
  CsvTokenizer tokenizer_;
  std::vector<std::string> names_;
  std::vector<CsvRecord> sample_;
  size_t sample_pos_ = 0;
  bool exhausted_ = false;
  CsvRecord current_;
  std::vector<bool> overridden_;
  std::vector<bool> string_like_;
  ArrowField schema_;
  std::unique_ptr<BatchBuilder> batch_;
  uint64_t bytes_read_ = 0;
};

}  // namespace

std::unique_ptr<BatchReader> open_csv_reader(std::unique_ptr<InputSource> input,
                                             const CsvOptions& options) {
  return std::make_unique<CsvReader>(std::move(input), options);
}

}  // namespace spillway::cli
