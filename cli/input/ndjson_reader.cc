#include "input/ndjson_reader.h"

#include <algorithm>
#include <string>
#include <vector>

#include "input/column_builder.h"
#include "input/json_object_parser.h"
#include "input/json_row_builder.h"
#include "input/json_shape.h"
#include "input/line_reader.h"
#include "input/schema_option.h"
#include "spillway/error.h"

namespace spillway::cli {

namespace {

// As for CSV: a batch's input bytes bound its string bytes (JSON decoding
// only shrinks a string) and its list items (each takes input bytes), so
// int32 offsets cannot overflow below this.
constexpr size_t kMaxBatchBytes = size_t{1} << 30;

class NdjsonReader final : public BatchReader {
 public:
  NdjsonReader(std::unique_ptr<InputSource> input, const NdjsonOptions& options)
      : input_(std::move(input)), options_(options), lines_(input_.get(), options.max_line_bytes) {
    options_.infer_rows = std::max<size_t>(options_.infer_rows, 1);
    options_.batch_rows = std::max<size_t>(options_.batch_rows, 1);
    options_.batch_bytes = std::clamp<size_t>(options_.batch_bytes, 1, kMaxBatchBytes);
    const auto overrides = parse_schema_option(options_.schema);
    JsonShape shape;
    read_sample(shape);
    std::vector<ArrowField> columns;
    for (size_t i = 0; i < shape.num_fields(); ++i) {
      ArrowField f = shape.field(i).type();
      f.name = shape.field_name(i);
      columns.push_back(std::move(f));
    }
    if (columns.empty()) {
      throw Error(input_->name() + ": no keys in the first " + std::to_string(options_.infer_rows) +
                  " objects, so no columns to write (is the input empty?)");
    }
    overridden_ = apply_schema_overrides(overrides, columns, input_->name());
    schema_ = make_struct_schema(std::move(columns));
    batch_ = std::make_unique<BatchBuilder>(schema_.children);
    rows_ = std::make_unique<JsonRowBuilder>(schema_, overridden_, *batch_, options_.infer_rows,
                                             input_->name());
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
  // A sampled line, kept as text and parsed again when replayed: the tape
  // of a line is several times its size.
  struct SampleRow {
    uint64_t line, bytes;
    size_t begin, size;
  };

  // The next non-blank line parsed into parser_ (its text in *text); false
  // at the end. Sets *bytes to the bytes consumed, blank lines included.
  bool parse_next(uint64_t* bytes, std::string_view* text) {
    std::string_view line;
    const uint64_t before = lines_.bytes_consumed();
    for (;;) {
      if (!lines_.next(&line)) return false;
      if (line.find_first_not_of(" \t\r") != std::string_view::npos) break;
    }
    *bytes = lines_.bytes_consumed() - before;
    *text = line;
    try {
      parser_.parse(line);
    } catch (const JsonSyntaxError& e) {
      const std::string at = input_->name() + ": line " + std::to_string(lines_.line_number());
      const std::string key = e.key.empty() ? "" : ", key '" + e.key + "'";
      switch (e.kind) {
        case JsonSyntaxError::Kind::kInvalidUtf8:
          throw Error(at + (key.empty() ? ", byte " + std::to_string(e.column) : key) +
                      ": invalid UTF-8 in a " + (e.in_key ? "key" : "string"));
        case JsonSyntaxError::Kind::kTooDeep:
          throw Error(at + key + ": " + e.message);
        default:
          throw Error(at + ", byte " + std::to_string(e.column) + ": invalid JSON: " + e.message +
                      (e.key.empty() ? "" : " (in the value of key '" + e.key + "')"));
      }
    }
    return true;
  }

  void read_sample(JsonShape& shape) {
    uint64_t bytes;
    std::string_view text;
    while (sample_rows_.size() < options_.infer_rows && parse_next(&bytes, &text)) {
      shape.observe(parser_, 0);
      sample_rows_.push_back({lines_.line_number(), bytes, sample_text_.size(), text.size()});
      sample_text_.append(text);
    }
  }

  void free_sample() {
    sample_rows_ = {};
    sample_text_ = {};
  }

  uint64_t replay_row(const SampleRow& r) {
    parser_.parse(std::string_view(sample_text_).substr(r.begin, r.size));
    rows_->append_row(parser_, r.line);
    return r.bytes;
  }

  bool read_row(uint64_t* bytes) {
    std::string_view text;
    if (!parse_next(bytes, &text)) return false;
    rows_->append_row(parser_, lines_.line_number());
    return true;
  }

  std::unique_ptr<InputSource> input_;
  NdjsonOptions options_;
  LineReader lines_;
  JsonObjectParser parser_;
  std::vector<SampleRow> sample_rows_;
  std::string sample_text_;
  size_t replay_ = 0;
  std::vector<bool> overridden_;
  ArrowField schema_;
  std::unique_ptr<BatchBuilder> batch_;
  std::unique_ptr<JsonRowBuilder> rows_;
  uint64_t bytes_read_ = 0;
};

}  // namespace

std::unique_ptr<BatchReader> open_ndjson_reader(std::unique_ptr<InputSource> input,
                                                const NdjsonOptions& options) {
  return std::make_unique<NdjsonReader>(std::move(input), options);
}

}  // namespace spillway::cli
