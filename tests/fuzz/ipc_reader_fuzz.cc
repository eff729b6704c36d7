// libFuzzer target: the input as an Arrow IPC stream, then wrapped as an IPC
// file, read by the CLI's IPC reader and written to a NullOutputStream. Only
// spillway::Error may escape the reader or the writer; anything else (a
// crash, a sanitizer report, another exception) is a bug.

#include <string>

#include "fuzz_util.h"
#include "input/input_source.h"
#include "input/ipc/ipc_reader.h"
#include "reader_drain.h"

namespace {

void convert(std::string bytes) {
  using namespace spillway;
  try {
    auto reader = cli::open_ipc_reader(cli::InputSource::from_string(std::move(bytes), "fuzz"));
    fuzz::drain_to_null(*reader);
  } catch (const Error& e) {
    fuzz::expected_error(e);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  convert(bytes);
  // The file format: magic and padding, the stream, then the trailing magic
  // (the reader reads front to back; a footer the input lacks is its error).
  static const std::string kMagic("ARROW1\0\0", 8);
  if (bytes.compare(0, 6, kMagic, 0, 6) != 0) convert(kMagic + bytes + kMagic.substr(0, 6));
  return 0;
}
