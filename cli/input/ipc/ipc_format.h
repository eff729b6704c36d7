#pragma once

// What the IPC reader needs from Message.fbs and File.fbs beyond the Schema
// slots in arrow/ipc_slots.h (vtable slots, enums, the two 16-byte structs),
// a flatbuffers reader that verifies every table, vector and scalar before it
// is read, and the error context every message names in its errors.

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <flatbuffers/flatbuffers.h>

#include "arrow/ipc_slots.h"

namespace spillway::cli::ipc {

using spillway::ipc::slot;

// union MessageHeader { Schema = 1, DictionaryBatch, RecordBatch, Tensor, SparseTensor }
constexpr uint8_t kHeaderSchema = 1;
constexpr uint8_t kHeaderDictionaryBatch = 2;
constexpr uint8_t kHeaderRecordBatch = 3;
constexpr uint8_t kHeaderTensor = 4;
constexpr uint8_t kHeaderSparseTensor = 5;

// enum MetadataVersion: V1..V5 = 0..4. V4 (0.8 - 0.17) differs from V5 only
// in giving unions a validity buffer.
constexpr int16_t kMetadataV4 = 3;
constexpr int16_t kMetadataV5 = 4;

// table RecordBatch { length; nodes; buffers; compression; variadicBufferCounts }
constexpr auto kRecordBatchLength = slot(0);
constexpr auto kRecordBatchNodes = slot(1);
constexpr auto kRecordBatchBuffers = slot(2);
constexpr auto kRecordBatchCompression = slot(3);
constexpr auto kRecordBatchVariadicBufferCounts = slot(4);
// table BodyCompression { codec: CompressionType = LZ4_FRAME; method: BodyCompressionMethod =
// BUFFER }
constexpr auto kBodyCompressionCodec = slot(0);
constexpr auto kBodyCompressionMethod = slot(1);
constexpr int8_t kCodecLz4Frame = 0;
constexpr int8_t kCodecZstd = 1;
constexpr int8_t kMethodBuffer = 0;
// table DictionaryBatch { id; data: RecordBatch; isDelta }
constexpr auto kDictionaryBatchId = slot(0);
constexpr auto kDictionaryBatchData = slot(1);
constexpr auto kDictionaryBatchIsDelta = slot(2);
// table Footer { version; schema; dictionaries: [Block]; recordBatches: [Block]; custom_metadata }
constexpr auto kFooterSchema = slot(1);
constexpr auto kFooterDictionaries = slot(2);
constexpr auto kFooterRecordBatches = slot(3);

// struct FieldNode { length: long; null_count: long }, struct Buffer
// { offset: long; length: long }, struct Block { offset: long;
// metaDataLength: int; (4 bytes padding) bodyLength: long }.
constexpr size_t kFieldNodeSize = 16;
constexpr size_t kBufferSize = 16;
constexpr size_t kBlockSize = 24;

// The file format's leading and trailing magic.
constexpr std::string_view kFileMagic{"ARROW1", 6};

inline int64_t load_i64(const uint8_t* p) {
  int64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline int32_t load_i32(const uint8_t* p) {
  int32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Where an error happened: the input, the message (1-based) and its byte
// offset, and what the message is ("record batch 2").
struct Where {
  std::string input;
  size_t message = 0;  // 0: before the first message
  uint64_t offset = 0;
  std::string what;

  std::string str() const;
  [[noreturn]] void fail(const std::string& problem) const;
};

// Reads tables of one flatbuffer, verifying each piece before reading it
// (no generated code). Every table entered with start()/table() is closed
// with end(), as the verifier counts nesting depth.
class FlatReader {
 public:
  FlatReader(const uint8_t* buf, size_t size, const Where& where)
      : buf_(buf), v_(buf, size), where_(where) {}

  const flatbuffers::Table* root(const char* what);
  void start(const flatbuffers::Table* t, const char* what);
  void end() { v_.EndTable(); }
  // The table in `slot` (entered; nullptr when absent).
  const flatbuffers::Table* table(const flatbuffers::Table* t, flatbuffers::voffset_t slot,
                                  const char* what);

  template <typename T>
  T scalar(const flatbuffers::Table* t, flatbuffers::voffset_t slot, T def, const char* what) {
    if (!t->VerifyField<T>(v_, slot, sizeof(T))) bad(std::string("truncated field ") + what);
    return t->GetField<T>(slot, def);
  }
  // A vector of scalars or of fixed-size structs of `elem_size` bytes: its
  // element count and its first byte (nullptr when absent).
  const uint8_t* vector(const flatbuffers::Table* t, flatbuffers::voffset_t slot, size_t elem_size,
                        size_t* count, const char* what);
  // A vector of tables; each element must be entered with start().
  const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::Table>>* tables(
      const flatbuffers::Table* t, flatbuffers::voffset_t slot, const char* what);

  [[noreturn]] void bad(const std::string& problem) const;

 private:
  const uint8_t* buf_;
  flatbuffers::Verifier v_;
  Where where_;
};

}  // namespace spillway::cli::ipc
