#pragma once

// Turns the field nodes and buffers of one RecordBatch (or DictionaryBatch)
// into ExportedArray trees, one column at a time in the pre-order the IPC
// format flattens them in. Every length, offset, view and index is checked
// against the buffers it points into before anything is exported, so a
// corrupt batch fails here instead of reading out of bounds later.

#include <cstdint>
#include <memory>
#include <string>

#include "arrow/arrow_type.h"
#include "arrow/export.h"
#include "input/ipc/body.h"
#include "input/ipc/dictionaries.h"

namespace spillway::cli::ipc {

class ArrayDecoder {
 public:
  ArrayDecoder(const RecordBatchHeader& header, const Body& body,
               const DictionaryMemo& dictionaries, int16_t version, Where where)
      : header_(header),
        body_(body),
        dictionaries_(dictionaries),
        version_(version),
        where_(std::move(where)) {}

  // The next column: its node, its buffers, then its children. `path` names
  // it in errors ("a", "a.b").
  std::shared_ptr<ExportedArray> decode(const ArrowField& field, const std::string& path);

  // Fails unless every node, buffer and variadic buffer count was used.
  void finish() const;

 private:
  FieldNode node(const std::string& path);
  BufferView buffer(ExportedArray& a, const std::string& path, size_t alignment);
  const uint8_t* validity(ExportedArray& a, const std::string& path);
  // A buffer of at least `bytes` bytes (`what` names it in errors).
  const uint8_t* sized(ExportedArray& a, int64_t bytes, const std::string& path, size_t alignment,
                       const char* what);
  // Checks offsets buffer `b` of `a`: starting >= 0, non-decreasing, the
  // last within `limit` (the data bytes or child values they index).
  template <typename O>
  const O* offsets(const ExportedArray& a, const BufferView& b, const std::string& path,
                   int64_t limit, const char* limit_what);

  void decode_binary(const ArrowField& f, ExportedArray& a, const std::string& path);
  void decode_view(ExportedArray& a, const std::string& path);
  void decode_dictionary(const ArrowField& f, ExportedArray& a, const std::string& path);
  void decode_struct(const ArrowField& f, ExportedArray& a, const std::string& path);
  void decode_list(const ArrowField& f, ExportedArray& a, const std::string& path);
  void decode_list_view(const ArrowField& f, ExportedArray& a, const std::string& path);
  void decode_fixed_size_list(const ArrowField& f, ExportedArray& a, const std::string& path);
  void decode_union(const ArrowField& f, ExportedArray& a, const std::string& path);
  void decode_run_end(const ArrowField& f, ExportedArray& a, const std::string& path);
  std::shared_ptr<ExportedArray> child(const ArrowField& parent, size_t i, const std::string& path);

  [[noreturn]] void fail(const std::string& path, const std::string& problem) const;

  const RecordBatchHeader& header_;
  const Body& body_;
  const DictionaryMemo& dictionaries_;
  int16_t version_;
  Where where_;
  size_t next_node_ = 0;
  size_t next_buffer_ = 0;
  size_t next_variadic_ = 0;
};

// Whether bit `i` of a validity bitmap is set (no bitmap: all valid).
inline bool is_valid(const uint8_t* validity, int64_t i) {
  return validity == nullptr || ((validity[i >> 3] >> (i & 7)) & 1);
}

}  // namespace spillway::cli::ipc
