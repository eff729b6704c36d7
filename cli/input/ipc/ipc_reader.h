#pragma once

// The Arrow IPC reader of `spillway convert`: the stream format (.arrows)
// and the file format (.arrow, Feather v2), read front to back, with body
// compression (LZ4_FRAME, ZSTD) and dictionary batches (deltas too). Written
// from the Arrow columnar and IPC specifications.

#include <memory>
#include <string_view>

#include "input/batch_reader.h"
#include "input/input_source.h"

namespace spillway::cli {

// Reads the schema (the first message) at once; throws spillway::Error
// naming the input if it is not Arrow IPC or the schema is bad. Batches are
// exported zero-copy from the message body unless compressed; each exported
// batch keeps its body and its dictionaries alive until released. Only one
// message body is held by the reader itself, plus the current dictionaries.
std::unique_ptr<BatchReader> open_ipc_reader(std::unique_ptr<InputSource> input);

// True if `first_bytes` (the input's first 16 bytes or more, fewer only if
// the input is shorter) start an Arrow IPC file ("ARROW1") or stream (a
// continuation marker, or a pre-0.15 length prefix, followed by a
// plausible flatbuffer).
bool looks_like_arrow_ipc(std::string_view first_bytes);

}  // namespace spillway::cli
