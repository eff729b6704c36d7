#include "spillway/arrow_writer.h"

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include "arrow/arrow_type.h"
#include "arrow/ipc_schema.h"
#include "arrow/schema_mapping.h"
#include "arrow/validate.h"
#include "column/column_writer.h"
#include "file/file_writer.h"
#include "levels/leaf_writer.h"
#include "levels/level_builder.h"
#include "spillway/error.h"

namespace spillway {

namespace {

// Releases an ArrowArray when it goes out of scope (ownership moved to us).
struct ArrayGuard {
  ArrowArray* array;
  ~ArrayGuard() {
    if (array && array->release) array->release(array);
  }
};

struct StreamGuard {
  ArrowArrayStream* stream;
  ~StreamGuard() {
    if (stream && stream->release) stream->release(stream);
  }
};

struct SchemaGuard {
  ArrowSchema schema{};
  ~SchemaGuard() {
    if (schema.release) schema.release(&schema);
  }
};

// Whether two imported schemas describe the same columns (the root's own
// name and nullability do not matter).
bool same_type(const ArrowField& a, const ArrowField& b, bool root = false) {
  if (!root && (a.name != b.name || a.nullable != b.nullable)) return false;
  if (a.format != b.format || a.children.size() != b.children.size() ||
      a.is_dictionary() != b.is_dictionary()) {
    return false;
  }
  if (a.is_dictionary() && !same_type(*a.dictionary, *b.dictionary)) return false;
  for (size_t i = 0; i < a.children.size(); ++i) {
    if (!same_type(a.children[i], b.children[i])) return false;
  }
  return true;
}

std::string schema_text(const ArrowField& root) {
  std::string s = "{";
  for (size_t i = 0; i < root.children.size(); ++i) {
    if (i > 0) s += ", ";
    s += root.children[i].name + ": " + describe(root.children[i]);
    if (!root.children[i].nullable) s += " not null";
  }
  return s + "}";
}

}  // namespace

class ArrowWriter::Impl {
 public:
  Impl(std::unique_ptr<OutputStream> sink, const ArrowSchema* schema, ArrowWriterOptions options)
      : options_(std::move(options)), props_(options_.properties()) {
    root_ = import_schema(schema);
    if (root_.id != ArrowTypeId::STRUCT || root_.is_dictionary()) {
      throw Error("the writer's schema must be a struct (format \"+s\"), got " + describe(root_));
    }
    ParquetSchema mapped = map_schema(root_, options_.schema_root());
    for (const SortingColumn& sc : props_.sorting_columns()) {
      if (sc.column_idx < 0 || static_cast<size_t>(sc.column_idx) >= mapped.leaves.size()) {
        throw Error("sorting column index " + std::to_string(sc.column_idx) +
                    " is out of range: the schema has " + std::to_string(mapped.leaves.size()) +
                    " leaf columns");
      }
    }
    auto factory = options_.page_store_factory();
    if (!factory) factory = std::make_shared<InMemoryPageStoreFactory>();
    for (size_t i = 0; i < mapped.leaves.size(); ++i) {
      const LeafMapping& leaf = mapped.leaves[i];
      ColumnWriterOptions column_options = resolve_column_options(props_, leaf.descriptor);
      column_options.page_store_factory = factory;
      column_options.column_index = i;
      auto column = make_column_writer(leaf.descriptor, column_options);
      leaves_.push_back(
          make_leaf_writer(*leaf.field, std::move(column), leaf.path.back().optional));
      if (leaf.nested()) {
        levels_.push_back(std::make_unique<LevelBuilder>(
            leaf.path, leaf.descriptor.path().to_dot_string(),
            leaf.descriptor.max_definition_level(), leaf.descriptor.max_repetition_level()));
      } else {
        levels_.push_back(nullptr);
      }
      column_of_leaf_.push_back(leaf.column);
      slice_rows_.push_back(16);  // grows once the levels per row are known
    }
    key_value_metadata_ = props_.key_value_metadata();
    if (!options_.skip_arrow_metadata()) {
      std::string value = arrow_schema_metadata_value(stored_arrow_schema(root_));
      bool replaced = false;
      for (KeyValue& kv : key_value_metadata_) {
        if (kv.key == "ARROW:schema") {
          kv.value = value;
          replaced = true;
        }
      }
      if (!replaced) key_value_metadata_.push_back({"ARROW:schema", std::move(value)});
    }
    file_ =
        std::make_unique<FileWriter>(std::move(sink), std::move(mapped.elements), leaves_.size());
  }

  void write(ArrowArray* batch) {
    ArrayGuard guard{batch};
    guarded([&] { write_batch(batch); });
  }

  void write_stream(ArrowArrayStream* stream) {
    StreamGuard guard{stream};
    guarded([&] {
      if (!stream || !stream->release) throw Error("write_stream: the stream is released");
      SchemaGuard schema;
      if (stream->get_schema(stream, &schema.schema) != 0) {
        throw Error("write_stream: get_schema failed: " + last_error(stream));
      }
      ArrowField field = import_schema(&schema.schema);
      if (!same_type(field, root_, /*root=*/true)) {
        throw Error("write_stream: the stream's schema " + schema_text(field) +
                    " differs from the writer's " + schema_text(root_));
      }
      while (true) {
        ArrowArray batch{};
        if (stream->get_next(stream, &batch) != 0) {
          throw Error("write_stream: get_next failed: " + last_error(stream));
        }
        if (!batch.release) break;  // end of stream
        ArrayGuard batch_guard{&batch};
        write_batch(&batch);
      }
    });
  }

  void flush() {
    guarded([&] { flush_row_group(); });
  }

  FileMetaData close() {
    FileMetaData md;
    guarded([&] {
      if (closed_) throw Error("the writer is already closed");
      flush_row_group();
      md = file_->close(key_value_metadata_, props_.created_by());
      closed_ = true;
    });
    return md;
  }

  size_t memory_size() const {
    size_t n = scratch_.memory_size() + file_->memory_size();
    for (const auto& leaf : leaves_) n += leaf->column_writer().memory_size();
    return n;
  }

  size_t in_progress_size() const {
    size_t n = 0;
    for (const auto& leaf : leaves_) n += leaf->column_writer().estimated_chunk_size();
    return n;
  }

  size_t in_progress_rows() const { return static_cast<size_t>(rows_in_group_); }
  uint64_t bytes_written() const { return file_->bytes_written(); }
  size_t num_row_groups() const { return file_->num_row_groups(); }

 private:
  static std::string last_error(ArrowArrayStream* stream) {
    const char* msg = stream->get_last_error ? stream->get_last_error(stream) : nullptr;
    return msg ? msg : "(no message)";
  }

  // Runs `f`; any failure leaves the writer unusable, so a half-written row
  // group can never be followed by a footer.
  template <typename F>
  void guarded(F&& f) {
    if (!failure_.empty()) {
      throw Error("the writer is unusable after an earlier error: " + failure_);
    }
    if (closed_) throw Error("the writer is closed");
    try {
      f();
    } catch (const Error& e) {
      failure_ = e.what();
      throw;
    } catch (const std::exception& e) {
      failure_ = e.what();
      throw Error(e.what());
    }
  }

  void write_batch(ArrowArray* batch) {
    if (!batch || !batch->release) throw Error("write: the batch is null or released");
    if (batch->null_count > 0) {
      throw Error("write: a record batch cannot have null rows (the struct array has " +
                  std::to_string(batch->null_count) + " nulls)");
    }
    // Everything is checked before any row of the batch is encoded.
    validate_array(root_, batch, "");
    const int64_t rows = batch->length;
    const size_t max_rows = props_.max_row_group_row_count();
    const bool byte_limit = props_.max_row_group_bytes().has_value();
    int64_t pos = 0;
    while (pos < rows) {
      int64_t room = static_cast<int64_t>(max_rows) - rows_in_group_;
      int64_t n = std::min(rows - pos, room);
      // With a byte limit, advance in small steps so the group ends close to it.
      if (byte_limit) n = std::min<int64_t>(n, static_cast<int64_t>(props_.write_batch_size()));
      for (size_t i = 0; i < leaves_.size(); ++i) {
        const ArrowArray* column = batch->children[column_of_leaf_[i]];
        if (levels_[i]) {
          write_nested(i, column, batch->offset + pos, n, pos);
        } else {
          leaves_[i]->write(column, batch->offset + pos, n, scratch_);
        }
      }
      pos += n;
      rows_in_group_ += n;
      if (static_cast<size_t>(rows_in_group_) >= max_rows ||
          (byte_limit && in_progress_size() >= *props_.max_row_group_bytes())) {
        flush_row_group();
      }
    }
  }

  // Levels are built a slice of rows at a time, sized so a slice holds
  // about kSliceLevels levels (at most kMaxSliceRows rows): scratch memory
  // follows the slice, not the batch, however long the lists.
  // `row` numbers the first row in errors (its index in the batch).
  void write_nested(size_t i, const ArrowArray* column, int64_t begin, int64_t n, int64_t row) {
    constexpr int64_t kMaxSliceRows = 1024;
    constexpr int64_t kSliceLevels = 16384;
    LevelBuilder& levels = *levels_[i];
    int64_t& slice = slice_rows_[i];
    for (int64_t done = 0; done < n;) {
      const int64_t rows = std::min(slice, n - done);
      scratch_.levels.clear();
      levels.build(column, begin + done, rows, row + done, scratch_.levels);
      leaves_[i]->write_levels(levels.leaf_array(), row + done, scratch_);
      done += rows;
      const auto built = static_cast<int64_t>(scratch_.levels.num_levels);
      slice = std::clamp<int64_t>(built > 0 ? rows * kSliceLevels / built : kMaxSliceRows, 1,
                                  kMaxSliceRows);
    }
  }

  void flush_row_group() {
    if (rows_in_group_ == 0) return;
    for (auto& leaf : leaves_) file_->write_column_chunk(leaf->column_writer().close_chunk());
    file_->end_row_group(rows_in_group_, props_.sorting_columns());
    rows_in_group_ = 0;
  }

  ArrowWriterOptions options_;
  WriterProperties props_;
  ArrowField root_;
  std::vector<std::unique_ptr<LeafWriter>> leaves_;
  std::vector<std::unique_ptr<LevelBuilder>> levels_;  // per leaf; null for flat leaves
  std::vector<size_t> column_of_leaf_;                 // the top-level column of each leaf
  std::vector<int64_t> slice_rows_;                    // rows per level slice, per leaf
  std::vector<KeyValue> key_value_metadata_;
  std::unique_ptr<FileWriter> file_;
  LeafScratch scratch_;
  int64_t rows_in_group_ = 0;
  bool closed_ = false;
  std::string failure_;
};

ArrowWriter::ArrowWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ArrowWriter::ArrowWriter(ArrowWriter&&) noexcept = default;
ArrowWriter& ArrowWriter::operator=(ArrowWriter&&) noexcept = default;
ArrowWriter::~ArrowWriter() = default;

ArrowWriter ArrowWriter::open(const std::filesystem::path& path, const ArrowSchema* schema,
                              ArrowWriterOptions options) {
  // If opening fails past this point, the stream removes its temporary file.
  auto sink = std::make_unique<FileOutputStream>(path, options.fsync());
  return open(std::move(sink), schema, std::move(options));
}

ArrowWriter ArrowWriter::open(std::unique_ptr<OutputStream> sink, const ArrowSchema* schema,
                              ArrowWriterOptions options) {
  if (!sink) throw Error("ArrowWriter::open: the output stream is null");
  try {
    return ArrowWriter(std::make_unique<Impl>(std::move(sink), schema, std::move(options)));
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    // The output's own exceptions (it writes the magic here) become ours.
    throw Error(std::string("ArrowWriter::open: ") + e.what());
  }
}

namespace {
[[noreturn]] void moved_from() {
  throw Error("use of a moved-from ArrowWriter");
}
}  // namespace

void ArrowWriter::write(ArrowArray* batch) {
  if (!impl_) {
    ArrayGuard guard{batch};
    moved_from();
  }
  impl_->write(batch);
}
void ArrowWriter::write_stream(ArrowArrayStream* stream) {
  if (!impl_) {
    StreamGuard guard{stream};
    moved_from();
  }
  impl_->write_stream(stream);
}
void ArrowWriter::flush() {
  if (!impl_) moved_from();
  impl_->flush();
}
FileMetaData ArrowWriter::close() {
  if (!impl_) moved_from();
  return impl_->close();
}
size_t ArrowWriter::memory_size() const {
  return impl_ ? impl_->memory_size() : 0;
}
size_t ArrowWriter::in_progress_size() const {
  return impl_ ? impl_->in_progress_size() : 0;
}
size_t ArrowWriter::in_progress_rows() const {
  return impl_ ? impl_->in_progress_rows() : 0;
}
size_t ArrowWriter::num_row_groups() const {
  return impl_ ? impl_->num_row_groups() : 0;
}
uint64_t ArrowWriter::bytes_written() const {
  return impl_ ? impl_->bytes_written() : 0;
}

}  // namespace spillway
