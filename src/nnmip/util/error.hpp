#pragma once
#include <stdexcept>
#include <string>

namespace nnmip {

/// The one exception type of nnmip. Its message says what went wrong, where
/// (file, node, flag, layer) and, when possible, how to fix it. The CLI prints
/// it and exits with a non-zero code.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace nnmip
