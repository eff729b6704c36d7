#pragma once

// Dictionaries of dictionary-encoded fields: which id each field of the
// schema uses, the current dictionary of each id (replaced by a DictionaryBatch,
// extended by a delta), and the arrays built for them.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "arrow/arrow_type.h"
#include "arrow/export.h"
#include "input/ipc/ipc_format.h"

namespace spillway::cli::ipc {

// The DictionaryEncoding ids of a Schema table's fields (`schema`, already
// entered in `r`), in the pre-order parse_schema_message() builds fields in.
std::vector<int64_t> read_dictionary_ids(FlatReader& r, const flatbuffers::Table* schema);

class DictionaryMemo {
 public:
  // Binds each dictionary-encoded field of `root` (pre-order) to the next of
  // `ids`; fields sharing an id must share a value type.
  void index(const ArrowField& root, const std::vector<int64_t>& ids, const Where& where);

  // The id bound to `field` (a node of the indexed schema).
  int64_t id_of(const ArrowField& field) const { return ids_.at(&field); }
  // The value type of dictionary `id`, or nullptr for an id no field uses.
  const ArrowField* value_field(int64_t id) const;
  // The first column using dictionary `id`, for errors.
  const std::string& column_of(int64_t id) const { return entries_.at(id).name; }
  // The current dictionary of `id`, or nullptr before the first one.
  std::shared_ptr<ExportedArray> current(int64_t id) const;

  // A non-delta DictionaryBatch: `dictionary` replaces any previous one
  // (batches already exported keep theirs).
  void replace(int64_t id, std::shared_ptr<ExportedArray> dictionary);
  // A delta DictionaryBatch: a new dictionary holding the current values,
  // then `delta`'s.
  void append(int64_t id, const ExportedArray& delta, const Where& where);

 private:
  struct Entry {
    const ArrowField* value_field = nullptr;
    std::string name;  // the first field using it, for errors
    std::shared_ptr<ExportedArray> current;
  };
  void bind(const ArrowField& field, const std::string& path, const std::vector<int64_t>& ids,
            size_t& next, const Where& where);

  std::unordered_map<const ArrowField*, int64_t> ids_;
  std::map<int64_t, Entry> entries_;
};

// A zero-length array of `field`'s type, with every buffer the C Data
// Interface expects (for a dictionary-encoded column whose values are all
// null before any dictionary arrived).
std::shared_ptr<ExportedArray> make_empty(const ArrowField& field);

// `a`'s values followed by `b`'s, for the non-nested types (both arrays of
// `field`'s type with offset 0, as decoded). `fail` is called for what
// cannot be concatenated.
std::shared_ptr<ExportedArray> concatenate(const ArrowField& field, const ExportedArray& a,
                                           const ExportedArray& b, const Where& where,
                                           const std::string& column);

}  // namespace spillway::cli::ipc
