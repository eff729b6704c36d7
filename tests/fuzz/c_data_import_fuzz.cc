// libFuzzer target: the input is a byte-code that builds an ArrowSchema +
// ArrowArray tree (c_data_tree.h), handed to the public write path
// (ArrowWriter::open, write, close) writing to a NullOutputStream. Expected:
// success or spillway::Error; a crash, a sanitizer report or any other
// exception is a bug.
//
// Byte-code, read front to back (0 past the end): one byte of writer options,
// then the root node. Each node reads a mode byte (bits 0-4 all set: a raw
// format string of up to 11 input bytes; bits 5-7 all set: dictionary-encoded;
// bit 6: metadata; bit 4: null_count -1), a mutation byte (>= 0xC0: mutation
// `byte & 15`, see CDataTree::node), a type choice with its parameters, the
// name, offset and length, then buffer contents, then the children.
//
// The memory rule. The C Data Interface makes the producer responsible for
// buffers being as large as the layout implies; a consumer cannot see a
// buffer's size, so a tree that breaks that promise can only be caught by
// ASan, not by any validator. Hence every buffer the tree points to is
// allocated with its implied size for the node's offset + length: validity
// and boolean bitmaps ceil(n / 8) bytes, fixed-width n * width, offsets n + 1
// entries, views n * 16, list-view offsets and sizes n entries, union type
// ids n bytes. Sizes that follow from values inside buffers are honoured for
// the values spillway cannot check: a binary data buffer holds at least the
// largest offset the array references (offsets are small: raw ones are int16),
// a variadic buffer holds exactly the size the sizes buffer claims.
//
// Everything else may be wrong, and spillway must catch it with
// spillway::Error: bad or raw format strings, n_buffers and n_children that
// do not fit the type (buffers then zeroed, large enough for any layout),
// NULL buffers/children/format, released nodes, negative length or offset,
// null_count other than the bitmap's count, offsets negative or decreasing or
// beyond a list child's length, child arrays too short for their parent, view
// lengths/indices/offsets outside the variadic buffers, negative variadic
// sizes, dictionary indices out of range, missing or unexpected dictionaries,
// run ends not ascending or too short, union type ids not in the type,
// decimals over their precision, invalid UTF-8, metadata values (field ids).

#include "c_data_replay.h"
#include "fuzz_util.h"
#include "spillway/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    spillway::fuzz::write_c_data(data, size);
  } catch (const spillway::Error& e) {
    spillway::fuzz::expected_error(e);
  }
  return 0;
}
