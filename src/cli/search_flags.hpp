#pragma once
// The search parameters' flags of a command, made from their one declaration
// (nnmip/algorithms/search_parameters.hpp): each row offered in the command's
// scope becomes a flag with its help, accepted values and the scope's default.
#include <CLI/CLI.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "nnmip/algorithms/search_parameters.hpp"

namespace nnmip::cli {

class SearchFlags {
 public:
  /// Registers the flag of every parameter offered in `scope`, and for verify
  /// and maximize --write-mps and --write-lp (outputs, not parameters).
  void add_to(CLI::App* command, ParameterScope scope);
  /// The values given on the command line or defaulted (name -> flag value);
  /// parameters without a value (a null default, not given) are left out.
  nlohmann::json values() const;
  /// Replaces the command line's values (a campaign's manifest). Throws
  /// nnmip::Error naming `source` for an unknown name or an invalid value.
  void set_values(const nlohmann::json& values, const std::string& source);
  /// `base` (the command's own defaults) with values() applied, and the model files to write.
  SearchOptions options(const SearchOptions& base) const;
  SearchOptions options() const;  // over SearchOptions{}
  /// The flags that give another nnmip process the same values.
  std::vector<std::string> arguments() const;

 private:
  std::string write_mps_, write_lp_;
  ParameterScope scope_ = kVerifyScope;
  std::map<std::string, std::string> text_;              // storage of valued flags
  std::map<std::string, std::optional<bool>> switches_;  // storage of --x / --no-x flags
  std::map<std::string, const CLI::Option*> given_;      // the flags, to ask whether they were given
  std::optional<nlohmann::json> values_;                 // set_values
};

/// The options as the "options" object of a JSON output: every recorded
/// parameter (search_parameters.hpp) and the solver's version.
nlohmann::json to_json(const SearchOptions& options, bool verification, const MilpSolver& solver);

}  // namespace nnmip::cli
