#include "input/json_shape.h"

namespace spillway::cli {

void JsonShape::observe(const JsonObjectParser& parser, size_t i) {
  int64_t unused;
  switch (parser.kind(i)) {
    case JsonKind::kNull:
      break;
    case JsonKind::kBool:
      any_bool_ = true;
      break;
    case JsonKind::kNumber:
      (parser.is_integer(i) && parse_int64(parser.value(i), &unused) ? any_int_ : any_float_) =
          true;
      break;
    case JsonKind::kString:
      any_string_ = true;
      strings_.observe(parser.value(i));
      break;
    case JsonKind::kObject: {
      any_object_ = true;
      size_t member = 0;
      for (size_t c = i + 1; c < parser.next(i); c = parser.next(c), ++member) {
        const std::string_view key = parser.key(c);
        // Objects mostly list their keys in the same order: try the field
        // the same position held last time before hashing.
        size_t f;
        if (member < last_order_.size() && names_[last_order_[member]] == key) {
          f = last_order_[member];
        } else {
          auto it = index_.find(key);
          if (it == index_.end()) {
            f = names_.size();
            names_.emplace_back(key);
            index_.emplace(std::string(key), f);
            fields_.push_back(std::make_unique<JsonShape>());
          } else {
            f = it->second;
          }
          if (member >= last_order_.size()) last_order_.resize(member + 1);
          last_order_[member] = f;
        }
        fields_[f]->observe(parser, c);
      }
      break;
    }
    case JsonKind::kArray:
      any_array_ = true;
      if (!item_) item_ = std::make_unique<JsonShape>();
      for (size_t c = i + 1; c < parser.next(i); c = parser.next(c)) item_->observe(parser, c);
      break;
  }
}

ArrowField JsonShape::type() const {
  const int kinds = any_bool_ + (any_int_ || any_float_) + any_string_ + any_object_ + any_array_;
  if (kinds == 1 && any_string_) return strings_.result();
  ArrowField f;
  if (kinds == 1 && any_object_ && !names_.empty()) {
    f.id = ArrowTypeId::STRUCT;
    for (size_t k = 0; k < names_.size(); ++k) {
      ArrowField child = fields_[k]->type();
      child.name = names_[k];
      f.children.push_back(std::move(child));
    }
  } else if (kinds == 1 && any_array_) {
    f.id = ArrowTypeId::LIST;
    ArrowField item = item_->type();
    item.name = "item";
    f.children.push_back(std::move(item));
  } else {
    // No values, mixed kinds or only empty objects: utf8.
    f.id = kinds != 1   ? ArrowTypeId::STRING
           : any_bool_  ? ArrowTypeId::BOOL
           : any_float_ ? ArrowTypeId::DOUBLE
           : any_int_   ? ArrowTypeId::INT64
                        : ArrowTypeId::STRING;
  }
  f.format = format_of(f);
  return f;
}

}  // namespace spillway::cli
