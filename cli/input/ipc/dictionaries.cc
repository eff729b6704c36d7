#include "input/ipc/dictionaries.h"

#include <cstring>
#include <limits>

#include "input/ipc/message_reader.h"
#include "spillway/error.h"

namespace spillway::cli::ipc {

namespace {

void read_field_ids(FlatReader& r, const flatbuffers::Table* field, std::vector<int64_t>& out) {
  if (const flatbuffers::Table* d =
          r.table(field, spillway::ipc::kFieldDictionary, "DictionaryEncoding")) {
    out.push_back(r.scalar<int64_t>(d, spillway::ipc::kDictionaryId, 0, "DictionaryEncoding.id"));
    r.end();
  }
  if (const auto* children = r.tables(field, spillway::ipc::kFieldChildren, "Field.children")) {
    for (flatbuffers::uoffset_t i = 0; i < children->size(); ++i) {
      r.start(children->Get(i), "Field");
      read_field_ids(r, children->Get(i), out);
      r.end();
    }
  }
}

}  // namespace

std::vector<int64_t> read_dictionary_ids(FlatReader& r, const flatbuffers::Table* schema) {
  std::vector<int64_t> ids;
  if (const auto* fields = r.tables(schema, spillway::ipc::kSchemaFields, "Schema.fields")) {
    for (flatbuffers::uoffset_t i = 0; i < fields->size(); ++i) {
      r.start(fields->Get(i), "Field");
      read_field_ids(r, fields->Get(i), ids);
      r.end();
    }
  }
  return ids;
}

void DictionaryMemo::bind(const ArrowField& field, const std::string& path,
                          const std::vector<int64_t>& ids, size_t& next, const Where& where) {
  if (field.is_dictionary()) {
    if (next >= ids.size()) where.fail("the schema's dictionary ids do not match its fields");
    int64_t id = ids[next++];
    ids_[&field] = id;
    Entry& e = entries_[id];
    if (e.value_field == nullptr) {
      e.value_field = field.dictionary.get();
      e.name = path;
    } else if (format_of(*e.value_field) != format_of(*field.dictionary)) {
      where.fail("columns '" + e.name + "' and '" + path + "' share dictionary " +
                 std::to_string(id) + " but their values have different types (" +
                 describe(*e.value_field) + ", " + describe(*field.dictionary) + ")");
    }
  }
  for (const ArrowField& c : field.value_field().children) {
    bind(c, path.empty() ? c.name : path + "." + c.name, ids, next, where);
  }
}

void DictionaryMemo::index(const ArrowField& root, const std::vector<int64_t>& ids,
                           const Where& where) {
  size_t next = 0;
  for (const ArrowField& c : root.children) bind(c, c.name, ids, next, where);
  if (next != ids.size()) where.fail("the schema's dictionary ids do not match its fields");
}

const ArrowField* DictionaryMemo::value_field(int64_t id) const {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : it->second.value_field;
}

std::shared_ptr<ExportedArray> DictionaryMemo::current(int64_t id) const {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : it->second.current;
}

void DictionaryMemo::replace(int64_t id, std::shared_ptr<ExportedArray> dictionary) {
  entries_.at(id).current = std::move(dictionary);
}

void DictionaryMemo::append(int64_t id, const ExportedArray& delta, const Where& where) {
  Entry& e = entries_.at(id);
  if (e.current == nullptr) {
    // A delta with nothing before it starts the dictionary.
    e.current = std::make_shared<ExportedArray>(delta);
    return;
  }
  e.current = concatenate(*e.value_field, *e.current, delta, where, e.name);
}

std::shared_ptr<ExportedArray> make_empty(const ArrowField& field) {
  auto a = std::make_shared<ExportedArray>();
  const void* zero = zero_bytes();
  if (field.is_dictionary()) {
    a->buffers = {nullptr, zero};
    a->dictionary = make_empty(*field.dictionary);
    return a;
  }
  switch (field.id) {
    case ArrowTypeId::NA:
    case ArrowTypeId::RUN_END_ENCODED:
      break;
    case ArrowTypeId::STRING:
    case ArrowTypeId::BINARY:
    case ArrowTypeId::LARGE_STRING:
    case ArrowTypeId::LARGE_BINARY:
    case ArrowTypeId::STRING_VIEW:  // validity, views, variadic sizes
    case ArrowTypeId::BINARY_VIEW:
    case ArrowTypeId::LIST_VIEW:
    case ArrowTypeId::LARGE_LIST_VIEW:
      a->buffers = {nullptr, zero, zero};
      break;
    case ArrowTypeId::STRUCT:
    case ArrowTypeId::FIXED_SIZE_LIST:
      a->buffers = {nullptr};
      break;
    case ArrowTypeId::SPARSE_UNION:
      a->buffers = {zero};
      break;
    case ArrowTypeId::DENSE_UNION:
      a->buffers = {zero, zero};
      break;
    default:  // fixed width, boolean, list, large list, map: validity + one buffer
      a->buffers = {nullptr, zero};
      break;
  }
  for (const ArrowField& c : field.children) a->children.push_back(make_empty(c));
  return a;
}

namespace {

// Copies `length` bits of `src` (nullptr: all set) to `dst` from bit `at`.
void copy_bits(const void* src, int64_t length, uint8_t* dst, int64_t at) {
  const auto* s = static_cast<const uint8_t*>(src);
  for (int64_t i = 0; i < length; ++i) {
    bool bit = s == nullptr || ((s[i >> 3] >> (i & 7)) & 1);
    if (bit) dst[(at + i) >> 3] |= static_cast<uint8_t>(1u << ((at + i) & 7));
  }
}

std::shared_ptr<uint8_t> bitmap_of(const ExportedArray& a, const ExportedArray& b, size_t slot) {
  auto bits = allocate_aligned(static_cast<size_t>((a.length + b.length + 7) / 8));
  std::memset(bits.get(), 0, static_cast<size_t>((a.length + b.length + 7) / 8));
  copy_bits(a.buffers[slot], a.length, bits.get(), 0);
  copy_bits(b.buffers[slot], b.length, bits.get(), a.length);
  return bits;
}

template <typename O>
void concatenate_binary(const ExportedArray& a, const ExportedArray& b, ExportedArray& out,
                        const Where& where, const std::string& column) {
  const auto* ao = static_cast<const O*>(a.buffers[1]);
  const auto* bo = static_cast<const O*>(b.buffers[1]);
  int64_t a_bytes = static_cast<int64_t>(ao[a.length]) - ao[0];
  int64_t b_bytes = static_cast<int64_t>(bo[b.length]) - bo[0];
  if (a_bytes + b_bytes > std::numeric_limits<O>::max()) {
    where.fail("column '" + column + "': the dictionary with its delta exceeds " +
               std::to_string(std::numeric_limits<O>::max()) + " bytes of values");
  }
  auto offsets = allocate_aligned(sizeof(O) * static_cast<size_t>(out.length + 1));
  auto* o = reinterpret_cast<O*>(offsets.get());
  for (int64_t i = 0; i <= a.length; ++i) o[i] = static_cast<O>(ao[i] - ao[0]);
  for (int64_t i = 1; i <= b.length; ++i) o[a.length + i] = static_cast<O>(a_bytes + bo[i] - bo[0]);
  auto data = allocate_aligned(static_cast<size_t>(a_bytes + b_bytes));
  if (a_bytes > 0)
    std::memcpy(data.get(), static_cast<const uint8_t*>(a.buffers[2]) + ao[0], a_bytes);
  if (b_bytes > 0) {
    std::memcpy(data.get() + a_bytes, static_cast<const uint8_t*>(b.buffers[2]) + bo[0], b_bytes);
  }
  out.buffers.push_back(offsets.get());
  out.buffers.push_back(data.get());
  out.owners.push_back(std::move(offsets));
  out.owners.push_back(std::move(data));
}

void concatenate_views(const ExportedArray& a, const ExportedArray& b, ExportedArray& out) {
  int64_t a_count = static_cast<int64_t>(a.buffers.size()) - 3;
  int64_t b_count = static_cast<int64_t>(b.buffers.size()) - 3;
  auto views = allocate_aligned(static_cast<size_t>(16 * out.length));
  if (a.length > 0) std::memcpy(views.get(), a.buffers[1], static_cast<size_t>(16 * a.length));
  for (int64_t i = 0; i < b.length; ++i) {
    uint8_t* v = views.get() + 16 * (a.length + i);
    std::memcpy(v, static_cast<const uint8_t*>(b.buffers[1]) + 16 * i, 16);
    if (load_i32(v) > 12) {
      // b's data buffers follow a's.
      int32_t index = load_i32(v + 8) + static_cast<int32_t>(a_count);
      std::memcpy(v + 8, &index, 4);
    }
  }
  out.buffers.push_back(views.get());
  out.owners.push_back(std::move(views));
  auto sizes = std::shared_ptr<int64_t[]>(new int64_t[static_cast<size_t>(a_count + b_count) + 1]);
  for (int64_t k = 0; k < a_count; ++k) {
    out.buffers.push_back(a.buffers[2 + k]);
    sizes[k] = static_cast<const int64_t*>(a.buffers.back())[k];
  }
  for (int64_t k = 0; k < b_count; ++k) {
    out.buffers.push_back(b.buffers[2 + k]);
    sizes[a_count + k] = static_cast<const int64_t*>(b.buffers.back())[k];
  }
  out.buffers.push_back(sizes.get());
  out.owners.push_back(std::move(sizes));
  // The data buffers stay where they are: keep their owners.
  out.owners.insert(out.owners.end(), a.owners.begin(), a.owners.end());
  out.owners.insert(out.owners.end(), b.owners.begin(), b.owners.end());
}

}  // namespace

std::shared_ptr<ExportedArray> concatenate(const ArrowField& field, const ExportedArray& a,
                                           const ExportedArray& b, const Where& where,
                                           const std::string& column) {
  if (field.is_dictionary() || is_nested(field.id)) {
    where.fail("column '" + column + "': delta dictionaries of type " + describe(field) +
               " are not supported");
  }
  auto out = std::make_shared<ExportedArray>();
  out->length = a.length + b.length;
  out->null_count = a.null_count + b.null_count;
  if (field.id == ArrowTypeId::NA) return out;
  if (a.buffers[0] == nullptr && b.buffers[0] == nullptr) {
    out->buffers.push_back(nullptr);
  } else {
    auto bits = bitmap_of(a, b, 0);
    out->buffers.push_back(bits.get());
    out->owners.push_back(std::move(bits));
  }
  switch (field.id) {
    case ArrowTypeId::BOOL: {
      auto bits = bitmap_of(a, b, 1);
      out->buffers.push_back(bits.get());
      out->owners.push_back(std::move(bits));
      break;
    }
    case ArrowTypeId::STRING:
    case ArrowTypeId::BINARY:
      concatenate_binary<int32_t>(a, b, *out, where, column);
      break;
    case ArrowTypeId::LARGE_STRING:
    case ArrowTypeId::LARGE_BINARY:
      concatenate_binary<int64_t>(a, b, *out, where, column);
      break;
    case ArrowTypeId::STRING_VIEW:
    case ArrowTypeId::BINARY_VIEW:
      concatenate_views(a, b, *out);
      break;
    default: {
      auto width = static_cast<size_t>(fixed_width_bytes(field));
      auto values = allocate_aligned(width * static_cast<size_t>(out->length));
      auto a_bytes = width * static_cast<size_t>(a.length);
      if (a_bytes > 0) std::memcpy(values.get(), a.buffers[1], a_bytes);
      if (b.length > 0) {
        std::memcpy(values.get() + a_bytes, b.buffers[1], width * static_cast<size_t>(b.length));
      }
      out->buffers.push_back(values.get());
      out->owners.push_back(std::move(values));
    }
  }
  return out;
}

}  // namespace spillway::cli::ipc
