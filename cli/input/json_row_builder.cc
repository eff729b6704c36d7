#include "input/json_row_builder.h"

#include <utility>

#include "input/schema_option.h"
#include "input/value_errors.h"
#include "spillway/error.h"

namespace spillway::cli {

namespace {

// Which JSON scalars an inferred (not --schema) scalar column takes.
bool accepts(ArrowTypeId id, JsonKind kind) {
  switch (id) {
    case ArrowTypeId::BOOL:
      return kind == JsonKind::kBool;
    case ArrowTypeId::INT64:
    case ArrowTypeId::DOUBLE:
      return kind == JsonKind::kNumber;
    default:  // dates, times, timestamps: from strings
      return kind == JsonKind::kString;
  }
}

ArrowField type_of(ArrowTypeId id) {
  ArrowField f;
  f.id = id;
  f.format = format_of(f);
  return f;
}

// Shows a value the way JSON writes it, cut after 60 bytes.
std::string shown(const JsonObjectParser& parser, size_t node) {
  const JsonKind kind = parser.kind(node);
  if (kind == JsonKind::kObject || kind == JsonKind::kArray) {
    std::string text;
    parser.append_json(node, &text);
    constexpr size_t kMax = 60;
    return text.size() > kMax ? text.substr(0, kMax) + "..." : text;
  }
  // Strings in double quotes, other values bare.
  std::string out = quote_value(parser.value(node), '"');
  if (kind != JsonKind::kString) out = out.substr(1, out.find_last_of('"') - 1);
  return out;
}

}  // namespace

JsonRowBuilder::JsonRowBuilder(const ArrowField& schema, const std::vector<bool>& overridden,
                               BatchBuilder& batch, size_t infer_rows, std::string input_name)
    : schema_(schema),
      overridden_(overridden),
      batch_(batch),
      infer_rows_(infer_rows),
      input_name_(std::move(input_name)) {
  plan(root_, schema_, nullptr, false, 0, {});
}

void JsonRowBuilder::plan(Plan& p, const ArrowField& field, ColumnBuilder* builder, bool overridden,
                          size_t column, std::vector<size_t> route) {
  p.field = &field;
  p.builder = builder;
  p.overridden = overridden;
  p.column = column;
  p.route = std::move(route);
  const bool root = builder == nullptr;
  switch (field.id) {
    case ArrowTypeId::STRUCT: {
      p.shape = Shape::kStruct;
      const size_t n = field.children.size();
      p.children.resize(n);
      for (size_t k = 0; k < n; ++k) {
        const ArrowField& child = field.children[k];
        if (root) {
          plan(p.children[k], child, &batch_.column(k), overridden_[k], k, {});
        } else {
          std::vector<size_t> next = p.route;
          next.push_back(k);
          plan(p.children[k], child, &static_cast<StructBuilder*>(builder)->field(k), overridden,
               column, std::move(next));
        }
        p.index.emplace(child.name, k);
      }
      p.slots.assign(n, kAbsent);
      p.seen.assign(n, 0);
      break;
    }
    case ArrowTypeId::LIST:
    case ArrowTypeId::LARGE_LIST: {
      p.shape = Shape::kList;
      p.children.resize(1);
      std::vector<size_t> next = p.route;
      next.push_back(0);
      plan(p.children[0], field.children[0], &static_cast<ListBuilder*>(builder)->item(),
           overridden, column, std::move(next));
      break;
    }
    case ArrowTypeId::STRING:
    case ArrowTypeId::LARGE_STRING:
    case ArrowTypeId::BINARY:
      p.shape = Shape::kText;
      break;
    default:
      p.shape = Shape::kScalar;
  }
}

void JsonRowBuilder::append_row(const JsonObjectParser& parser, uint64_t line) {
  parser_ = &parser;
  line_ = line;
  path_.clear();
  append_object(root_, 0);
  batch_.end_row();
}

void JsonRowBuilder::append_object(Plan& p, size_t node) {
  const JsonObjectParser& parser = *parser_;
  ++p.objects;
  size_t member = 0;
  for (size_t c = node + 1; c < parser.next(node); c = parser.next(c), ++member) {
    const std::string_view key = parser.key(c);
    // Objects mostly list their keys in the same order: try the field the
    // same position held last time before hashing.
    size_t f;
    if (member < p.last_order.size() && p.children[p.last_order[member]].field->name == key) {
      f = p.last_order[member];
    } else {
      auto it = p.index.find(key);
      if (it == p.index.end()) {
        path_.push_back({key, 0, false});
        if (p.overridden) {
          throw Error(where() + "the key is not a field of the struct --schema sets");
        }
        throw Error(where() + "the key is not in the first " + std::to_string(infer_rows_) +
                    " objects, which set the " + (&p == &root_ ? "columns" : "struct's fields") +
                    "; raise --infer-rows to include it");
      }
      f = it->second;
      if (member >= p.last_order.size()) p.last_order.resize(member + 1);
      p.last_order[member] = f;
    }
    if (p.seen[f] == p.objects) {
      path_.push_back({key, 0, false});
      throw Error(where() + "the key appears twice in the object");
    }
    p.seen[f] = p.objects;
    p.slots[f] = c;
  }
  for (size_t f = 0; f < p.children.size(); ++f) {
    Plan& child = p.children[f];
    if (p.slots[f] == kAbsent) {
      child.builder->append_null();
      continue;
    }
    path_.push_back({child.field->name, 0, false});
    append_value(child, p.slots[f]);
    path_.pop_back();
    p.slots[f] = kAbsent;
  }
}

void JsonRowBuilder::append_value(Plan& p, size_t node) {
  const JsonObjectParser& parser = *parser_;
  const JsonKind kind = parser.kind(node);
  if (kind == JsonKind::kNull) {
    p.builder->append_null();
    return;
  }
  switch (p.shape) {
    case Shape::kStruct:
      if (kind != JsonKind::kObject) not_valid(p, node, type_of(ArrowTypeId::STRING));
      append_object(p, node);
      static_cast<StructBuilder*>(p.builder)->end_struct();
      return;
    case Shape::kList: {
      if (kind != JsonKind::kArray) not_valid(p, node, type_of(ArrowTypeId::STRING));
      Plan& item = p.children[0];
      path_.push_back({{}, 0, true});
      for (size_t c = node + 1; c < parser.next(node); c = parser.next(c)) {
        append_value(item, c);
        ++path_.back().index;
      }
      path_.pop_back();
      if (static_cast<ListBuilder*>(p.builder)->end_list() != AppendStatus::kOk) {
        ArrowField large = *p.field;
        large.id = ArrowTypeId::LARGE_LIST;
        too_large(p, large, 0);
      }
      return;
    }
    default:
      append_scalar(p, node);
  }
}

void JsonRowBuilder::append_scalar(Plan& p, size_t node) {
  const JsonObjectParser& parser = *parser_;
  const JsonKind kind = parser.kind(node);
  std::string_view text;
  if (kind == JsonKind::kObject || kind == JsonKind::kArray) {
    // Only text columns take objects and arrays, as their JSON text.
    if (p.shape != Shape::kText) not_valid(p, node, type_of(ArrowTypeId::STRING));
    text_.clear();
    parser.append_json(node, &text_);
    text = text_;
  } else {
    text = parser.value(node);
    // Into a text column every scalar goes; --schema parses any scalar's text.
    if (p.shape != Shape::kText && !p.overridden && !accepts(p.field->id, kind)) {
      not_valid(p, node, type_of(ArrowTypeId::STRING));
    }
  }
  switch (p.builder->append(text)) {
    case AppendStatus::kOk:
      return;
    case AppendStatus::kTooLarge:
      too_large(p, type_of(ArrowTypeId::LARGE_STRING), text.size());
    case AppendStatus::kInvalidUtf8:  // the parser checked strings already
      throw Error(where() + "invalid UTF-8 in the value");
    case AppendStatus::kNotParsed:
      break;
  }
  not_valid(p, node, parse_type_name(suggest_type(*p.field, text)));
}

std::string JsonRowBuilder::where() const {
  std::string out = input_name_ + ": line " + std::to_string(line_);
  if (path_.empty()) return out + ": ";
  out += ", key '";
  for (size_t i = 0; i < path_.size(); ++i) {
    const Step& s = path_[i];
    if (s.is_index) {
      out += "[" + std::to_string(s.index) + "]";
    } else {
      if (i > 0) out += '.';
      out += s.key;
    }
  }
  return out + "': ";
}

std::string JsonRowBuilder::fix(const Plan& p, const ArrowField& type) const {
  const ArrowField& top = schema_.children[p.column];
  ArrowField changed = top;
  ArrowField* at = &changed;
  for (size_t k : p.route) at = &at->children[k];
  std::string name = std::move(at->name);
  const bool nullable = at->nullable;
  *at = type;
  at->name = std::move(name);
  at->nullable = nullable;
  return schema_column_token(top.name) + ":" + type_name(changed);
}

void JsonRowBuilder::not_valid(const Plan& p, size_t node, const ArrowField& suggestion) {
  std::string type = type_name(*p.field);
  if (type.size() > 60) type = type.substr(0, type.find('<')) + "<...>";
  std::string message = where() + shown(*parser_, node) + " is not a valid " + type;
  if (p.overridden) throw Error(message + " (the type --schema sets)");
  throw Error(message + " (type inferred from the first " + std::to_string(infer_rows_) +
              " rows; use --schema " + fix(p, suggestion) + " to override)");
}

void JsonRowBuilder::too_large(const Plan& p, const ArrowField& suggestion, size_t bytes) {
  const std::string what = p.shape == Shape::kList
                               ? "the list's items do not fit a list batch"
                               : "the value (" + std::to_string(bytes) + " bytes) does not fit a " +
                                     type_name(*p.field) + " batch";
  throw Error(where() + what + "; use --schema " + fix(p, suggestion));
}

}  // namespace spillway::cli
