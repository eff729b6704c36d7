// libFuzzer target: CSV into the CLI's CSV reader (with type inference, or
// a --schema), every batch written to a NullOutputStream. The first input
// byte picks the options, the rest is the CSV text; with bit 6 set, the
// text's first line is the --schema option. Only spillway::Error may escape.

#include <string>

#include "fuzz_util.h"
#include "input/csv_reader.h"
#include "input/input_source.h"
#include "reader_drain.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace spillway;
  if (size == 0) return 0;
  const uint8_t opts = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  cli::CsvOptions o;
  static const char kDelimiters[] = {',', '\t', ';', '|'};
  o.delimiter = kDelimiters[opts & 3];
  o.header = (opts & 4) == 0;
  if (opts & 8) o.escape = '\\';
  static const size_t kInferRows[] = {10000, 1, 2, 0};
  o.infer_rows = kInferRows[(opts >> 4) & 3];
  if (opts & 64) {
    o.schema = fuzz::take_first_line(text);
  }
  if (opts & 128) {
    o.batch_rows = 3;
    o.batch_bytes = 64;
    o.null_values = {"", "NA", "null"};
    o.max_record_bytes = 256;
  }
  try {
    auto reader = cli::open_csv_reader(cli::InputSource::from_string(std::move(text), "fuzz"), o);
    fuzz::drain_to_null(*reader);
  } catch (const Error& e) {
    fuzz::expected_error(e);
  }
  return 0;
}
