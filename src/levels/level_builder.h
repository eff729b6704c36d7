#pragma once

// Arrow nesting → Parquet definition and repetition levels (the Dremel
// scheme), one leaf column at a time, a range of rows at a time.

#include <cstdint>
#include <string>
#include <vector>

#include "arrow/schema_mapping.h"
#include "spillway/c_abi.h"

namespace spillway {

// The levels of a range of rows for one leaf, and where its values are.
struct LevelBatch {
  std::vector<int16_t> def;  // one per level; filled only if the max definition level > 0
  std::vector<int16_t> rep;  // one per level; filled only if the max repetition level > 0
  size_t num_levels = 0;
  // For each level at the max definition level, in order: the value's
  // position in the leaf array's buffers (the array's offset included).
  std::vector<int64_t> values;

  void clear() {
    def.clear();
    rep.clear();
    values.clear();
    num_levels = 0;
  }
  size_t memory_size() const {
    return def.capacity() * sizeof(int16_t) + rep.capacity() * sizeof(int16_t) +
           values.capacity() * sizeof(int64_t);
  }
};

class LevelBuilder {
 public:
  // `path` from LeafMapping (top-level column first, leaf last); `column`
  // names the leaf in errors.
  LevelBuilder(std::vector<PathStep> path, std::string column, int16_t max_def, int16_t max_rep);

  // Appends to `out` the levels of rows [begin, begin + length) of
  // `column_array` (positions as its parent sees them: the array's own
  // offset is applied here). `first_row` numbers the first row in errors.
  // Throws spillway::Error for a null in a non-nullable node.
  void build(const ArrowArray* column_array, int64_t begin, int64_t length, int64_t first_row,
             LevelBatch& out);
  // The leaf array of the last build (the path's children followed down).
  const ArrowArray* leaf_array() const { return arrays_.back(); }

  int16_t max_definition_level() const { return max_def_; }
  int16_t max_repetition_level() const { return max_rep_; }

 private:
  // Positions [b, e) of node k's array, each starting a new slot: the first
  // slot's first level gets `rep_first`, every other slot's `rep_rest`.
  // `row` is the row of position b (positions are rows iff rep_rest == 0).
  void visit(size_t k, int64_t b, int64_t e, int16_t rep_first, int16_t rep_rest, int64_t row);
  void visit_struct(size_t k, int64_t b, int64_t e, int16_t rep_first, int16_t rep_rest,
                    int64_t row);
  template <typename Range>
  void visit_list(size_t k, int64_t b, int64_t e, int16_t rep_first, int16_t rep_rest, int64_t row,
                  Range range);
  void visit_leaf(size_t k, int64_t b, int64_t e, int16_t rep_first, int16_t rep_rest, int64_t row);
  void emit_nulls(int16_t def, int64_t count, int16_t rep_first, int16_t rep_rest);
  [[noreturn]] void null_in_required(size_t k, int64_t row) const;

  std::vector<PathStep> path_;
  std::string column_;
  int16_t max_def_;
  int16_t max_rep_;
  std::vector<const ArrowArray*> arrays_;  // per step, for the batch being built
  LevelBatch* out_ = nullptr;
};

}  // namespace spillway
