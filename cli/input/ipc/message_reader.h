#pragma once

// Splits an IPC stream, or the stream embedded in an IPC file, into
// encapsulated messages, reading the input front to back so standard input
// works and only one message is held at a time.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "input/input_source.h"
#include "input/ipc/ipc_format.h"

namespace spillway::cli::ipc {

// 64-byte aligned heap bytes (the C Data Interface recommends 64-byte
// alignment), freed when the last holder lets go.
std::shared_ptr<uint8_t> allocate_aligned(size_t size);
// 64 zero bytes, 64-byte aligned: what zero-length buffers point at.
const uint8_t* zero_bytes();

struct Message {
  Where where;                        // the input, the message number, its offset
  std::shared_ptr<uint8_t> metadata;  // the flatbuffer, 64-byte aligned
  size_t metadata_size = 0;
  std::unique_ptr<FlatReader> reader;
  const flatbuffers::Table* header = nullptr;  // verified and entered
  int16_t version = 0;
  uint8_t header_type = 0;
  int64_t body_length = 0;
  std::shared_ptr<uint8_t> body;  // body_length bytes, 64-byte aligned

  // The metadata as an encapsulated message (continuation, length,
  // flatbuffer), the form parse_schema_message() takes.
  std::string encapsulated_metadata() const;
};

class MessageReader {
 public:
  explicit MessageReader(InputSource& input);

  // Whether the input starts with the file format's magic (consumed).
  bool file_format() const { return file_; }

  // The next message, or false at the end of the stream: the end-of-stream
  // marker, a file's footer, or the end of the input between two messages.
  bool next(Message& out);

  // For a file whose stream lacks the Schema message (apache-arrow JS puts
  // the schema in the footer only): reads the rest of the input into memory,
  // where the following messages will come from, and returns the footer's
  // Schema as an encapsulated Schema message. Such files are held whole.
  std::string read_footer_schema();

  // For the file format, once next() returned false: reads the footer and
  // the trailing magic, and checks the footer lists as many dictionary and
  // record batches as the stream held.
  void finish_file(size_t dictionary_batches, size_t record_batches);

 private:
  Where where_here(size_t message) const;
  uint64_t position() const { return buffered_at_ + in_->bytes_read(); }
  bool plausible_legacy_message(const uint8_t* data, size_t size) const;
  void read_metadata(Message& out, int32_t length);

  InputSource* in_;
  std::unique_ptr<InputSource> buffered_;  // the rest of a file, see read_footer_schema()
  uint64_t buffered_at_ = 0;               // where buffered_ starts in the input
  bool file_ = false;
  bool continuation_seen_ = false;  // a message with the 0xFFFFFFFF marker was read
  size_t count_ = 0;
  std::string footer_start_;  // footer bytes consumed while looking for a message
};

}  // namespace spillway::cli::ipc
