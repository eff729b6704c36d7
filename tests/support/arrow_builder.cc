// Export of ArrowColumn descriptions to C Data Interface structs, record
// batches and streams. The value builders are in arrow_builder_columns.cc.

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "support/arrow_builder.h"

namespace spillway::test {

// --- ArrowColumn modifiers ---------------------------------------------------

ArrowColumn ArrowColumn::named(std::string n) const {
  ArrowColumn c = *this;
  c.name = std::move(n);
  return c;
}

ArrowColumn ArrowColumn::not_null() const {
  return with_flags(flags & ~ARROW_FLAG_NULLABLE);
}

ArrowColumn ArrowColumn::with_flags(int64_t f) const {
  ArrowColumn c = *this;
  c.flags = f;
  return c;
}

ArrowColumn ArrowColumn::with_metadata(std::vector<std::pair<std::string, std::string>> kv) const {
  ArrowColumn c = *this;
  c.metadata = std::move(kv);
  return c;
}

ArrowColumn ArrowColumn::with_field_id(int32_t id) const {
  auto kv = metadata.value_or(std::vector<std::pair<std::string, std::string>>{});
  kv.emplace_back("PARQUET:field_id", std::to_string(id));
  return with_metadata(std::move(kv));
}

ArrowColumn ArrowColumn::sliced(int64_t off, int64_t len) const {
  if (off < 0 || len < 0 || off + len > length) {
    throw std::invalid_argument("slice [" + std::to_string(off) + ", " + std::to_string(off + len) +
                                ") outside a column of length " + std::to_string(length));
  }
  ArrowColumn c = *this;
  c.offset = offset + off;
  c.length = len;
  c.null_count = null_count == 0 ? 0 : -1;
  return c;
}

// --- OwnedArray --------------------------------------------------------------

OwnedArray::OwnedArray(OwnedArray&& o) noexcept : schema(o.schema), array(o.array) {
  o.schema.release = nullptr;
  o.array.release = nullptr;
}

OwnedArray& OwnedArray::operator=(OwnedArray&& o) noexcept {
  if (this != &o) {
    reset();
    schema = o.schema;
    array = o.array;
    o.schema.release = nullptr;
    o.array.release = nullptr;
  }
  return *this;
}

void OwnedArray::release_to(ArrowSchema* s, ArrowArray* a) {
  *s = schema;
  *a = array;
  schema.release = nullptr;
  array.release = nullptr;
}

void OwnedArray::reset() {
  if (schema.release) schema.release(&schema);
  if (array.release) array.release(&array);
}

// --- Export --------------------------------------------------------------------

namespace {

struct SchemaPrivate {
  std::string format, name, metadata;
  std::vector<std::unique_ptr<ArrowSchema>> children;
  std::vector<ArrowSchema*> child_ptrs;
  std::unique_ptr<ArrowSchema> dictionary;
};

struct ArrayPrivate {
  std::vector<Buffer> buffers;  // keeps the bytes alive
  std::vector<const void*> buffer_ptrs;
  std::vector<std::unique_ptr<ArrowArray>> children;
  std::vector<ArrowArray*> child_ptrs;
  std::unique_ptr<ArrowArray> dictionary;
};

// Release callbacks free only what private_data owns, never trusting the
// public fields (tests corrupt n_buffers, n_children and the pointers).
void release_schema(ArrowSchema* s) {
  auto* p = static_cast<SchemaPrivate*>(s->private_data);
  for (auto& child : p->children) {
    if (child->release) child->release(child.get());
  }
  if (p->dictionary && p->dictionary->release) p->dictionary->release(p->dictionary.get());
  delete p;
  s->release = nullptr;
}

void release_array(ArrowArray* a) {
  auto* p = static_cast<ArrayPrivate*>(a->private_data);
  for (auto& child : p->children) {
    if (child->release) child->release(child.get());
  }
  if (p->dictionary && p->dictionary->release) p->dictionary->release(p->dictionary.get());
  delete p;
  a->release = nullptr;
}

}  // namespace

void export_schema(const ArrowColumn& c, ArrowSchema* out) {
  auto* p = new SchemaPrivate;
  p->format = c.format;
  p->name = c.name;
  if (c.metadata) p->metadata = make_metadata_blob(*c.metadata);
  for (const ArrowColumn& child : c.children) {
    p->children.push_back(std::make_unique<ArrowSchema>());
    export_schema(child, p->children.back().get());
    p->child_ptrs.push_back(p->children.back().get());
  }
  if (c.dictionary) {
    p->dictionary = std::make_unique<ArrowSchema>();
    export_schema(*c.dictionary, p->dictionary.get());
  }
  *out = ArrowSchema{};
  out->format = p->format.c_str();
  out->name = p->name.c_str();
  out->metadata = c.metadata ? p->metadata.data() : nullptr;
  out->flags = c.flags;
  out->n_children = static_cast<int64_t>(p->child_ptrs.size());
  out->children = p->child_ptrs.empty() ? nullptr : p->child_ptrs.data();
  out->dictionary = p->dictionary.get();
  out->release = release_schema;
  out->private_data = p;
}

void export_array(const ArrowColumn& c, ArrowArray* out) {
  auto* p = new ArrayPrivate;
  p->buffers = c.buffers;
  for (const Buffer& b : c.buffers) p->buffer_ptrs.push_back(b ? b->data() : nullptr);
  for (const ArrowColumn& child : c.children) {
    p->children.push_back(std::make_unique<ArrowArray>());
    export_array(child, p->children.back().get());
    p->child_ptrs.push_back(p->children.back().get());
  }
  if (c.dictionary) {
    p->dictionary = std::make_unique<ArrowArray>();
    export_array(*c.dictionary, p->dictionary.get());
  }
  *out = ArrowArray{};
  out->length = c.length;
  out->null_count = c.null_count;
  out->offset = c.offset;
  out->n_buffers = static_cast<int64_t>(p->buffer_ptrs.size());
  out->n_children = static_cast<int64_t>(p->child_ptrs.size());
  out->buffers = p->buffer_ptrs.empty() ? nullptr : p->buffer_ptrs.data();
  out->children = p->child_ptrs.empty() ? nullptr : p->child_ptrs.data();
  out->dictionary = p->dictionary.get();
  out->release = release_array;
  out->private_data = p;
}

OwnedArray to_c(const ArrowColumn& column) {
  OwnedArray out;
  export_schema(column, &out.schema);
  export_array(column, &out.array);
  return out;
}

// --- Record batches --------------------------------------------------------------

ArrowColumn struct_column(const NamedColumns& columns, int64_t length) {
  ArrowColumn c;
  c.format = "+s";
  if (length < 0) length = columns.empty() ? 0 : columns[0].second.length;
  c.length = length;
  c.buffers = {nullptr};
  for (const auto& [name, column] : columns) c.children.push_back(column.named(name));
  return c;
}

OwnedArray make_batch(const NamedColumns& columns) {
  return to_c(struct_column(columns).named("").with_flags(0));
}

OwnedArray slice_batch(const NamedColumns& columns, int64_t offset, int64_t length) {
  return to_c(struct_column(columns).named("").with_flags(0).sliced(offset, length));
}

OwnedArray slice_batch_children(const NamedColumns& columns, int64_t offset, int64_t length) {
  NamedColumns sliced;
  for (const auto& [name, column] : columns)
    sliced.emplace_back(name, column.sliced(offset, length));
  return make_batch(sliced);
}

// --- Streams ---------------------------------------------------------------------

namespace {

struct StreamPrivate {
  ArrowColumn schema;
  std::vector<ArrowColumn> batches;
  size_t next = 0;
  int fail_at = -1;
  std::string last_error;
};

int stream_get_schema(ArrowArrayStream* s, ArrowSchema* out) {
  auto* p = static_cast<StreamPrivate*>(s->private_data);
  export_schema(p->schema, out);
  return 0;
}

int stream_get_next(ArrowArrayStream* s, ArrowArray* out) {
  auto* p = static_cast<StreamPrivate*>(s->private_data);
  if (p->fail_at >= 0 && p->next == static_cast<size_t>(p->fail_at)) {
    p->last_error = "test stream failed at batch " + std::to_string(p->fail_at);
    return EIO;
  }
  if (p->next == p->batches.size()) {
    *out = ArrowArray{};  // release == NULL marks the end of the stream
    return 0;
  }
  export_array(p->batches[p->next++], out);
  return 0;
}

const char* stream_get_last_error(ArrowArrayStream* s) {
  auto* p = static_cast<StreamPrivate*>(s->private_data);
  return p->last_error.empty() ? nullptr : p->last_error.c_str();
}

void stream_release(ArrowArrayStream* s) {
  delete static_cast<StreamPrivate*>(s->private_data);
  s->release = nullptr;
}

}  // namespace

void make_stream(ArrowColumn schema, std::vector<ArrowColumn> batches, ArrowArrayStream* out,
                 int fail_at) {
  auto* p = new StreamPrivate{std::move(schema), std::move(batches), 0, fail_at, {}};
  out->get_schema = stream_get_schema;
  out->get_next = stream_get_next;
  out->get_last_error = stream_get_last_error;
  out->release = stream_release;
  out->private_data = p;
}

// --- Buffers ---------------------------------------------------------------------

Buffer make_buffer(const void* data, size_t size) {
  const auto* b = static_cast<const uint8_t*>(data);
  return std::make_shared<std::vector<uint8_t>>(b, b + size);
}

Buffer validity_bitmap(const std::vector<bool>& valid) {
  bool all_valid = true;
  for (bool v : valid) all_valid = all_valid && v;
  if (all_valid) return nullptr;
  auto bitmap = std::make_shared<std::vector<uint8_t>>((valid.size() + 7) / 8, 0);
  for (size_t i = 0; i < valid.size(); ++i) {
    if (valid[i]) (*bitmap)[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
  }
  return bitmap;
}

}  // namespace spillway::test
