#pragma once

#include <stdexcept>
#include <string>

namespace spillway {

// Every failure spillway reports is thrown as this type. The message names what
// is wrong (column, row, offset) so a user can act on it.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace spillway
