// `spillway inspect`: the schema's tree of SchemaElements, with each leaf's
// path and maximum levels, checked for shape.

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "inspect_checks.h"

namespace spillway::cli::inspect {
namespace {

constexpr int kMaxSchemaDepth = 200;

// The logical type a converted type stands for, so that values of files
// that only carry converted types render and compare the same way.
std::optional<LogicalType> logical_from_converted(const SchemaElement& e) {
  if (!e.converted_type) return std::nullopt;
  using C = ConvertedType;
  switch (*e.converted_type) {
    case C::UTF8:
      return LogicalType::string();
    case C::ENUM:
      return LogicalType{LogicalType::Kind::ENUM};
    case C::JSON:
      return LogicalType{LogicalType::Kind::JSON};
    case C::BSON:
      return LogicalType{LogicalType::Kind::BSON};
    case C::DECIMAL:
      return LogicalType::decimal(e.precision.value_or(0), e.scale.value_or(0));
    case C::DATE:
      return LogicalType::date();
    case C::TIME_MILLIS:
      return LogicalType::time(true, TimeUnit::MILLIS);
    case C::TIME_MICROS:
      return LogicalType::time(true, TimeUnit::MICROS);
    case C::TIMESTAMP_MILLIS:
      return LogicalType::timestamp(true, TimeUnit::MILLIS);
    case C::TIMESTAMP_MICROS:
      return LogicalType::timestamp(true, TimeUnit::MICROS);
    case C::UINT_8:
    case C::UINT_16:
    case C::UINT_32:
    case C::UINT_64:
      return LogicalType::integer(
          static_cast<int8_t>(8 << (static_cast<int>(*e.converted_type) - 11)), false);
    case C::INT_8:
    case C::INT_16:
    case C::INT_32:
    case C::INT_64:
      return LogicalType::integer(
          static_cast<int8_t>(8 << (static_cast<int>(*e.converted_type) - 15)), true);
    default:
      return std::nullopt;
  }
}

}  // namespace

// The shapes LogicalTypes.md requires of LIST and MAP: a LIST group holds
// one repeated field (3-level lists and the legacy 2-level forms alike); a
// MAP group holds one repeated group of a required key and an optional
// value. Element i's children follow it in the list.
void Checker::check_nested_annotation(size_t i) {
  const std::vector<SchemaElement>& els = r_.metadata.schema;
  const SchemaElement& e = els[i];
  const auto is = [&](LogicalType::Kind kind, ConvertedType converted) {
    return (e.logical_type && e.logical_type->kind == kind) || e.converted_type == converted;
  };
  const bool list = is(LogicalType::Kind::LIST, ConvertedType::LIST);
  const bool map = is(LogicalType::Kind::MAP, ConvertedType::MAP);
  if (!list && !map) return;
  const char* name = list ? "LIST" : "MAP";
  const int32_t children = e.num_children.value_or(0);
  if (children == 0) {
    problem(fmt::format("schema element '{}' is annotated {} but is not a group", e.name, name));
    return;
  }
  const SchemaElement* repeated = i + 1 < els.size() ? &els[i + 1] : nullptr;
  if (children != 1 || !repeated || repeated->repetition_type != FieldRepetitionType::REPEATED) {
    problem(
        fmt::format("schema group '{}' is annotated {} but does not hold exactly one repeated "
                    "field (it has {} children)",
                    e.name, name, children));
    return;
  }
  if (!map) return;
  const int32_t pair = repeated->num_children.value_or(0);
  const SchemaElement* key = i + 2 < els.size() ? &els[i + 2] : nullptr;
  if (pair < 1 || pair > 2 || !key) {
    problem(
        fmt::format("map '{}': its repeated group '{}' must hold a key and optionally a "
                    "value, not {} fields",
                    e.name, repeated->name, pair));
  } else if (key->repetition_type != FieldRepetitionType::REQUIRED) {
    problem(fmt::format("map '{}': its key '{}' must be REQUIRED", e.name, key->name));
  }
}

// Walks the depth-first list of SchemaElements, computing each element's
// path and levels.
void Checker::build_schema() {
  const std::vector<SchemaElement>& els = r_.metadata.schema;
  SchemaInfo& info = r_.schema;
  info.depth.assign(els.size(), -1);
  info.leaf_of.assign(els.size(), -1);
  info.path.assign(els.size(), "");
  info.def.assign(els.size(), 0);
  info.rep.assign(els.size(), 0);
  if (els.empty()) {
    problem("the schema has no elements");
    return;
  }
  bool ok = true;
  size_t next = 0;
  std::vector<std::string> path;
  // Returns false when the list ends inside the tree.
  auto visit = [&](auto& self, int depth, int16_t def, int16_t rep) -> bool {
    const size_t i = next++;
    const SchemaElement& e = els[i];
    info.depth[i] = depth;
    if (depth > 0) {
      if (!e.repetition_type) {
        problem(fmt::format("schema element '{}' has no repetition_type", e.name));
        ok = false;
      } else if (*e.repetition_type != FieldRepetitionType::REQUIRED) {
        ++def;
        if (*e.repetition_type == FieldRepetitionType::REPEATED) ++rep;
      }
      path.push_back(e.name);
      info.path[i] = ColumnPath(path).to_dot_string();
    }
    info.def[i] = def;
    info.rep[i] = rep;
    const int32_t children = e.num_children.value_or(0);
    check_nested_annotation(i);
    if (depth == 0 || children > 0) {
      if (e.type && depth > 0) {
        problem(fmt::format("schema group '{}' also has a physical type", e.name));
        ok = false;
      }
      if (depth >= kMaxSchemaDepth) {
        problem(fmt::format("schema nests deeper than {} levels", kMaxSchemaDepth));
        return false;
      }
      for (int32_t k = 0; k < children; ++k) {
        if (next >= els.size()) {
          problem(
              fmt::format("schema ends inside group '{}', which has num_children {} but {} "
                          "follow",
                          e.name, children, k));
          return false;
        }
        if (!self(self, depth + 1, def, rep)) return false;
      }
    } else if (!e.type) {
      problem(fmt::format("schema leaf '{}' has no physical type", e.name));
      ok = false;
    } else {
      if (*e.type == PhysicalType::FIXED_LEN_BYTE_ARRAY && e.type_length.value_or(0) <= 0) {
        problem(
            fmt::format("schema leaf '{}' is FIXED_LEN_BYTE_ARRAY without a type_length", e.name));
        ok = false;
      }
      info.leaf_of[i] = static_cast<int>(info.leaves.size());
      int32_t width = *e.type == PhysicalType::FIXED_LEN_BYTE_ARRAY ? e.type_length.value_or(0) : 0;
      info.leaves.emplace_back(ColumnPath(path), *e.type, width,
                               e.logical_type ? e.logical_type : logical_from_converted(e),
                               e.converted_type, def, rep);
    }
    if (depth > 0) path.pop_back();
    return true;
  };
  if (!visit(visit, 0, 0, 0)) ok = false;
  if (ok && next != els.size()) {
    problem(fmt::format("schema has {} elements but its tree ends after {}", els.size(), next));
    ok = false;
  }
  info.complete = ok;
}

}  // namespace spillway::cli::inspect
