#include "input/ipc/ipc_format.h"

#include "spillway/error.h"

namespace spillway::cli::ipc {

std::string Where::str() const {
  std::string s = "invalid Arrow IPC input '" + input + "'";
  if (message > 0) {
    s += ", message " + std::to_string(message);
    if (!what.empty()) s += " (" + what + ")";
    s += " at byte " + std::to_string(offset);
  } else if (!what.empty()) {
    s += " (" + what + ")";
  }
  return s;
}

void Where::fail(const std::string& problem) const {
  throw Error(str() + ": " + problem);
}

void FlatReader::bad(const std::string& problem) const {
  where_.fail("bad message metadata: " + problem);
}

const flatbuffers::Table* FlatReader::root(const char* what) {
  if (!v_.VerifyOffset(0)) bad(std::string("the root offset of the ") + what + " is out of bounds");
  const auto* t =
      reinterpret_cast<const flatbuffers::Table*>(buf_ + flatbuffers::ReadScalar<uint32_t>(buf_));
  start(t, what);
  return t;
}

void FlatReader::start(const flatbuffers::Table* t, const char* what) {
  if (!t->VerifyTableStart(v_)) bad(std::string("malformed ") + what + " table");
}

const flatbuffers::Table* FlatReader::table(const flatbuffers::Table* t,
                                            flatbuffers::voffset_t slot, const char* what) {
  if (!t->VerifyOffset(v_, slot)) bad(std::string("bad offset to the ") + what + " table");
  const auto* sub = t->GetPointer<const flatbuffers::Table*>(slot);
  if (sub != nullptr) start(sub, what);
  return sub;
}

const uint8_t* FlatReader::vector(const flatbuffers::Table* t, flatbuffers::voffset_t slot,
                                  size_t elem_size, size_t* count, const char* what) {
  *count = 0;
  if (!t->VerifyOffset(v_, slot)) bad(std::string("bad offset to the ") + what + " vector");
  const auto* vec = t->GetPointer<const uint8_t*>(slot);
  if (vec == nullptr) return nullptr;
  if (!v_.VerifyVectorOrString(vec, elem_size)) bad(std::string("malformed ") + what + " vector");
  *count = flatbuffers::ReadScalar<flatbuffers::uoffset_t>(vec);
  return vec + sizeof(flatbuffers::uoffset_t);
}

const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::Table>>* FlatReader::tables(
    const flatbuffers::Table* t, flatbuffers::voffset_t slot, const char* what) {
  if (!t->VerifyOffset(v_, slot)) bad(std::string("bad offset to the ") + what + " vector");
  const auto* vec =
      t->GetPointer<const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::Table>>*>(slot);
  if (vec != nullptr && !v_.VerifyVector(vec)) bad(std::string("malformed ") + what + " vector");
  return vec;
}

}  // namespace spillway::cli::ipc
