#include "input/ipc/ipc_reader.h"

#include <cstring>
#include <optional>
#include <set>

#include "arrow/export.h"
#include "arrow/ipc_schema.h"
#include "input/ipc/array_decoder.h"
#include "input/ipc/body.h"
#include "input/ipc/dictionaries.h"
#include "input/ipc/message_reader.h"
#include "spillway/error.h"

namespace spillway::cli {

namespace {

using ipc::Where;

// The decoders index children as the layouts require; check the schema has
// them once, up front.
void check_shape(const ArrowField& field, const std::string& path, const Where& where) {
  const ArrowField& f = field.value_field();
  auto bad = [&](const std::string& problem) {
    where.fail("column '" + path + "' of type " + describe(f) + ": " + problem);
  };
  size_t children = f.children.size();
  switch (f.id) {
    case ArrowTypeId::STRUCT:
      break;
    case ArrowTypeId::LIST:
    case ArrowTypeId::LARGE_LIST:
    case ArrowTypeId::LIST_VIEW:
    case ArrowTypeId::LARGE_LIST_VIEW:
      if (children != 1) bad("a list type has one child, not " + std::to_string(children));
      break;
    case ArrowTypeId::FIXED_SIZE_LIST:
      if (children != 1) bad("a list type has one child, not " + std::to_string(children));
      if (f.byte_width < 0) bad("negative list size");
      break;
    case ArrowTypeId::MAP:
      if (children != 1 || f.children[0].is_dictionary() ||
          f.children[0].id != ArrowTypeId::STRUCT || f.children[0].children.size() != 2) {
        bad("a map has one child, a struct of key and value");
      }
      break;
    case ArrowTypeId::SPARSE_UNION:
    case ArrowTypeId::DENSE_UNION: {
      std::set<int8_t> codes(f.union_type_ids.begin(), f.union_type_ids.end());
      if (f.union_type_ids.size() != children || codes.size() != children) {
        bad("the union's type ids do not match its children one to one");
      }
      break;
    }
    case ArrowTypeId::RUN_END_ENCODED:
      if (children != 2 || f.children[0].is_dictionary() ||
          (f.children[0].id != ArrowTypeId::INT16 && f.children[0].id != ArrowTypeId::INT32 &&
           f.children[0].id != ArrowTypeId::INT64)) {
        bad("a run-end encoded type has two children, int16/32/64 run ends and the values");
      }
      break;
    case ArrowTypeId::FIXED_SIZE_BINARY:
      if (f.byte_width < 0) bad("negative byte width");
      [[fallthrough]];
    default:
      if (children != 0) bad("a flat type with " + std::to_string(children) + " children");
  }
  for (const ArrowField& c : f.children) check_shape(c, path + "." + c.name, where);
}

class IpcBatchReader final : public BatchReader {
 public:
  explicit IpcBatchReader(std::unique_ptr<InputSource> input)
      : input_(std::move(input)), messages_(*input_) {
    ipc::Message m;
    if (!messages_.next(m)) {
      Where where;
      where.input = input_->name();
      where.fail("no Schema message: the input is empty or ends before its first message");
    }
    m.where.what = "schema";
    if (m.header_type == ipc::kHeaderSchema) {
      read_schema(m.encapsulated_metadata(), m.where);
    } else if (messages_.file_format()) {
      // The schema is in the footer only; this first message comes next.
      Where where = m.where;
      where.message = 0;
      read_schema(messages_.read_footer_schema(), where);
      pending_ = std::move(m);
    } else {
      m.where.fail("the first message must be a Schema, not a " +
                   std::string(m.header_type == ipc::kHeaderRecordBatch ? "RecordBatch"
                                                                        : "DictionaryBatch"));
    }
  }

  const ArrowField& schema() const override { return schema_; }
  uint64_t bytes_read() const override { return input_->bytes_read(); }

  bool next(ArrowArray* out) override {
    if (done_) return false;
    for (;;) {
      ipc::Message m;
      if (pending_) {
        m = std::move(*pending_);
        pending_.reset();
      } else if (!messages_.next(m)) {
        done_ = true;
        messages_.finish_file(dictionary_batches_, record_batches_);
        return false;
      }
      switch (m.header_type) {
        case ipc::kHeaderSchema:
          m.where.fail("a second Schema message (a stream carries one schema)");
        case ipc::kHeaderDictionaryBatch:
          read_dictionary_batch(m);
          break;
        default:
          read_record_batch(m, out);
          return true;
      }
    }
  }

 private:
  // `encapsulated`: a Schema message, with its continuation and length.
  void read_schema(const std::string& encapsulated, const Where& where) {
    try {
      schema_ = parse_schema_message(encapsulated);
    } catch (const Error& e) {
      std::string what = e.what();
      std::string_view prefix = "invalid ARROW:schema metadata: ";
      if (what.starts_with(prefix)) what.erase(0, prefix.size());
      where.fail(what);
    }
    // What the C Data Interface can describe (the writer imports the schema
    // from there): e.g. decimal precisions within their bit width.
    ArrowSchema exported;
    export_schema(schema_, &exported);
    try {
      import_schema(&exported);
    } catch (const Error& e) {
      exported.release(&exported);
      where.fail(e.what());
    }
    exported.release(&exported);
    // parse_schema_message() keeps no dictionary ids: read them here.
    size_t size = encapsulated.size() - 8;
    std::vector<uint64_t> aligned(size / 8 + 1, 0);
    std::memcpy(aligned.data(), encapsulated.data() + 8, size);
    ipc::FlatReader r(reinterpret_cast<const uint8_t*>(aligned.data()), size, where);
    const flatbuffers::Table* message = r.root("Message");
    const flatbuffers::Table* header = r.table(message, spillway::ipc::kMessageHeader, "Schema");
    dictionaries_.index(schema_, ipc::read_dictionary_ids(r, header), where);
    for (const ArrowField& c : schema_.children) check_shape(c, c.name, where);
  }

  void read_record_batch(ipc::Message& m, ArrowArray* out) {
    m.where.what = "record batch " + std::to_string(++record_batches_);
    ipc::RecordBatchHeader h = ipc::read_record_batch(*m.reader, m.header);
    if (h.length < 0) m.where.fail("negative batch length " + std::to_string(h.length));
    ipc::Body body(m.body, m.body_length, h.codec, decompressors_, m.where);
    ipc::ArrayDecoder decoder(h, body, dictionaries_, m.version, m.where);
    auto root = std::make_shared<ExportedArray>();
    root->length = h.length;
    root->buffers.push_back(nullptr);
    for (const ArrowField& c : schema_.children) {
      root->children.push_back(decoder.decode(c, c.name));
      if (root->children.back()->length != h.length) {
        m.where.fail("column '" + c.name + "' has " +
                     std::to_string(root->children.back()->length) + " values, the batch " +
                     std::to_string(h.length) + " rows");
      }
    }
    decoder.finish();
    export_array(std::move(root), out);
  }

  void read_dictionary_batch(ipc::Message& m) {
    ++dictionary_batches_;
    ipc::FlatReader& r = *m.reader;
    int64_t id = r.scalar<int64_t>(m.header, ipc::kDictionaryBatchId, 0, "DictionaryBatch.id");
    bool delta =
        r.scalar<uint8_t>(m.header, ipc::kDictionaryBatchIsDelta, 0, "DictionaryBatch.isDelta");
    m.where.what =
        std::string(delta ? "delta " : "") + "dictionary batch for id " + std::to_string(id);
    const ArrowField* value = dictionaries_.value_field(id);
    if (value == nullptr) {
      m.where.fail("no column of the schema uses dictionary id " + std::to_string(id));
    }
    const flatbuffers::Table* data = r.table(m.header, ipc::kDictionaryBatchData, "RecordBatch");
    if (data == nullptr) m.where.fail("the dictionary batch has no data");
    ipc::RecordBatchHeader h = ipc::read_record_batch(r, data);
    r.end();
    ipc::Body body(m.body, m.body_length, h.codec, decompressors_, m.where);
    ipc::ArrayDecoder decoder(h, body, dictionaries_, m.version, m.where);
    std::string column = dictionaries_.column_of(id) + " (dictionary)";
    auto values = decoder.decode(*value, column);
    if (values->length != h.length) {
      m.where.fail("column '" + column + "' has " + std::to_string(values->length) +
                   " values, the batch " + std::to_string(h.length));
    }
    decoder.finish();
    if (delta) {
      dictionaries_.append(id, *values, m.where);
    } else {
      if (messages_.file_format() && dictionaries_.current(id) != nullptr) {
        m.where.fail("a second non-delta dictionary for id " + std::to_string(id) +
                     ": the IPC file format does not allow replacing a dictionary");
      }
      dictionaries_.replace(id, std::move(values));
    }
  }

  std::unique_ptr<InputSource> input_;
  ipc::MessageReader messages_;
  ArrowField schema_;
  ipc::DictionaryMemo dictionaries_;
  ipc::Decompressors decompressors_;
  std::optional<ipc::Message> pending_;  // read before the schema, see read_footer_schema()
  size_t record_batches_ = 0;
  size_t dictionary_batches_ = 0;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<BatchReader> open_ipc_reader(std::unique_ptr<InputSource> input) {
  return std::make_unique<IpcBatchReader>(std::move(input));
}

bool looks_like_arrow_ipc(std::string_view first_bytes) {
  if (first_bytes.substr(0, 6) == ipc::kFileMagic) return true;
  if (first_bytes.size() < 8) return false;
  const auto* p = reinterpret_cast<const uint8_t*>(first_bytes.data());
  size_t prefix = 4;
  int32_t length = ipc::load_i32(p);
  if (length == -1) {
    prefix = 8;
    length = ipc::load_i32(p + 4);
  }
  // A stream starts with its Schema's metadata: some bytes to a few MB. Text
  // never passes: its fourth byte would make the length at least 2^29.
  if (length < 8 || length >= (1 << 24)) return false;
  if (first_bytes.size() < prefix + 4) return prefix == 8;
  // The flatbuffer's root offset points inside it, 4-byte aligned.
  uint32_t root = static_cast<uint32_t>(ipc::load_i32(p + prefix));
  return root % 4 == 0 && root >= 4 && root < static_cast<uint32_t>(length);
}

}  // namespace spillway::cli
