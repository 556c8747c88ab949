#pragma once
// Checks of flag values that CLI11's own validators miss: PositiveNumber and
// Range compare with < and >, so "nan" (and for Range "inf") passes them, and an
// unsigned option takes "-1" as 2^64 - 1. Every numeric flag uses these.
#include <CLI/CLI.hpp>
#include <cmath>
#include <optional>
#include <string>

namespace nnmip::cli {

/// The whole text as a number (std::stod alone accepts trailing text), else nullopt.
inline std::optional<double> whole_number(const std::string& text) {
  try {
    size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

namespace detail {
inline CLI::Validator finite_number_in(double lo, double hi, bool open_lo, bool open_hi, const std::string& what) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        const std::optional<double> number = whole_number(text);
        if (!number) return "'" + text + "' is not a number";
        const double value = *number;
        const bool above = open_lo ? value > lo : value >= lo;
        const bool below = open_hi ? value < hi : value <= hi;
        if (!std::isfinite(value) || !above || !below) return "'" + text + "' is not " + what;
        return "";
      },
      what);
}
}  // namespace detail

/// A finite number > 0 (time limits, learning rates).
inline const CLI::Validator kPositiveFinite =
    detail::finite_number_in(0.0, HUGE_VAL, true, false, "a finite positive number");
/// A finite number >= 0.
inline const CLI::Validator kNonNegativeFinite =
    detail::finite_number_in(0.0, HUGE_VAL, false, false, "a finite number >= 0");
/// A fraction in [0, 1) (pruning rates: 1 would remove everything).
inline const CLI::Validator kFractionBelowOne = detail::finite_number_in(0.0, 1.0, false, true, "a fraction in [0, 1)");
/// A seed: an integer >= 0 (negative seeds would wrap around silently).
inline const CLI::Validator kSeed = CLI::Validator(
    [](std::string& text) -> std::string {
      if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
        return "'" + text + "' is not a seed: use an integer >= 0";
      return "";
    },
    "SEED >= 0");
/// A finite number in [lo, hi].
inline CLI::Validator finite_range(double lo, double hi) {
  return detail::finite_number_in(lo, hi, false, false,
                                  "a finite number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
}

}  // namespace nnmip::cli
