#pragma once
// The files other tools wrote (../shared/fixtures, README there). They exist
// only in the shared checkout: tests that use them skip cleanly without them.
#include <filesystem>

namespace nnmip::testing {

/// The fixtures folder `sub` (onnx, nnet, vnnlib), or an empty path when absent.
inline std::filesystem::path shared_fixtures(const char* sub) {
  const std::filesystem::path dir = std::filesystem::path(NNMIP_FIXTURES_DIR) / sub;
  return std::filesystem::is_directory(dir) ? dir : std::filesystem::path();
}

}  // namespace nnmip::testing

/// Skips the test (with a message) when `dir` is empty.
#define NNMIP_REQUIRE_FIXTURES(dir) \
  if ((dir).empty()) GTEST_SKIP() << "no fixtures at " << NNMIP_FIXTURES_DIR << " (only in the shared checkout)"
