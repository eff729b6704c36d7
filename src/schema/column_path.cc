#include "spillway/schema.h"

namespace spillway {

ColumnPath ColumnPath::from_dot_string(const std::string& dotted) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = dotted.find('.', start);
    parts.push_back(
        dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return ColumnPath(std::move(parts));
}

std::string ColumnPath::to_dot_string() const {
  std::string out;
  for (size_t i = 0; i < parts_.size(); ++i) {
    if (i > 0) out += '.';
    out += parts_[i];
  }
  return out;
}

}  // namespace spillway
