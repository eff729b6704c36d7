// libFuzzer target: NDJSON into the CLI's NDJSON reader (with inference, or
// a --schema), every batch written to a NullOutputStream. The first input
// byte picks the options, the rest is the NDJSON text; with bit 4 set, the
// text's first line is the --schema option. Only spillway::Error may escape.

#include <string>

#include "fuzz_util.h"
#include "input/input_source.h"
#include "input/ndjson_reader.h"
#include "reader_drain.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace spillway;
  if (size == 0) return 0;
  const uint8_t opts = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  cli::NdjsonOptions o;
  static const size_t kInferRows[] = {10000, 1, 2, 5};
  o.infer_rows = kInferRows[opts & 3];
  static const size_t kBatchRows[] = {65536, 1, 3, 7};
  o.batch_rows = kBatchRows[(opts >> 2) & 3];
  if (opts & 16) {
    o.schema = fuzz::take_first_line(text);
  }
  if (opts & 32) {
    o.batch_bytes = 64;
    o.max_line_bytes = 512;
  }
  try {
    auto reader =
        cli::open_ndjson_reader(cli::InputSource::from_string(std::move(text), "fuzz"), o);
    fuzz::drain_to_null(*reader);
  } catch (const Error& e) {
    fuzz::expected_error(e);
  }
  return 0;
}
