#include "arrow/export.h"

#include <string>

namespace spillway {

namespace {

struct ArrayPrivate {
  std::shared_ptr<ExportedArray> node;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_pointers;
  ArrowArray dictionary{};
};

void release_array(ArrowArray* a) {
  if (!a || !a->release) return;
  auto* p = static_cast<ArrayPrivate*>(a->private_data);
  for (ArrowArray& c : p->children) {
    if (c.release) c.release(&c);
  }
  if (p->dictionary.release) p->dictionary.release(&p->dictionary);
  delete p;
  a->release = nullptr;
}

struct SchemaPrivate {
  std::string format;
  std::string name;
  std::string metadata;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_pointers;
  ArrowSchema dictionary{};
};

void release_schema(ArrowSchema* s) {
  if (!s || !s->release) return;
  auto* p = static_cast<SchemaPrivate*>(s->private_data);
  for (ArrowSchema& c : p->children) {
    if (c.release) c.release(&c);
  }
  if (p->dictionary.release) p->dictionary.release(&p->dictionary);
  delete p;
  s->release = nullptr;
}

}  // namespace

void export_array(std::shared_ptr<ExportedArray> array, ArrowArray* out) {
  auto p = std::make_unique<ArrayPrivate>();
  p->children.resize(array->children.size());
  for (size_t i = 0; i < array->children.size(); ++i) {
    export_array(array->children[i], &p->children[i]);
    p->child_pointers.push_back(&p->children[i]);
  }
  if (array->dictionary) export_array(array->dictionary, &p->dictionary);
  *out = ArrowArray{};
  out->length = array->length;
  out->null_count = array->null_count;
  out->offset = array->offset;
  out->n_buffers = static_cast<int64_t>(array->buffers.size());
  out->buffers = array->buffers.data();
  out->n_children = static_cast<int64_t>(p->children.size());
  out->children = p->child_pointers.empty() ? nullptr : p->child_pointers.data();
  out->dictionary = p->dictionary.release ? &p->dictionary : nullptr;
  out->release = release_array;
  p->node = std::move(array);
  out->private_data = p.release();
}

void export_schema(const ArrowField& field, ArrowSchema* out) {
  auto p = std::make_unique<SchemaPrivate>();
  p->format = format_of(field);
  p->name = field.name;
  if (!field.metadata.empty()) p->metadata = make_metadata_blob(field.metadata);
  p->children.resize(field.children.size());
  for (size_t i = 0; i < field.children.size(); ++i) {
    export_schema(field.children[i], &p->children[i]);
    p->child_pointers.push_back(&p->children[i]);
  }
  if (field.dictionary) export_schema(*field.dictionary, &p->dictionary);
  *out = ArrowSchema{};
  out->format = p->format.c_str();
  out->name = p->name.c_str();
  out->metadata = p->metadata.empty() ? nullptr : p->metadata.c_str();
  out->flags = (field.nullable ? ARROW_FLAG_NULLABLE : 0) |
               (field.dictionary_ordered ? ARROW_FLAG_DICTIONARY_ORDERED : 0) |
               (field.map_keys_sorted ? ARROW_FLAG_MAP_KEYS_SORTED : 0);
  out->n_children = static_cast<int64_t>(p->children.size());
  out->children = p->child_pointers.empty() ? nullptr : p->child_pointers.data();
  out->dictionary = p->dictionary.release ? &p->dictionary : nullptr;
  out->release = release_schema;
  out->private_data = p.release();
}

}  // namespace spillway
