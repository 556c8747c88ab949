#pragma once
// The parameters of a search, declared once (in the spirit of HiGHS'
// OptionRecord). One row of search_parameters() says everything nnmip derives
// from a parameter:
//   - its command-line flag: help, accepted values, the default of each kind of
//     command (cli/search_flags.cpp offers every row in the command's scope);
//   - its recorded value: the key `name` in every --json "options" object and the
//     database column `name` (storage/schema.cpp), typed by that value;
//   - its part of a campaign run's key (campaign/campaign_runner.cpp):
//     "|<key_label><value>", in table order; left out while the value equals
//     `value_before_key`, the value every run had before the parameter existed,
//     so that the keys of older runs stay valid and their databases resumable;
//   - how a flag value sets SearchOptions (`apply`) and reads back (`flag_value`).
// Defaults live in SearchOptions (the library's) and, per kind of command, in
// `scope_defaults`. Adding a parameter: the field the search reads, and a row.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nnmip/algorithms/search.hpp"

namespace nnmip {

enum class ParameterType { real, integer, boolean, choice };

/// The kinds of command that offer parameters as flags (a row's `scopes` is a
/// bit set of them).
enum ParameterScope : unsigned {
  kVerifyScope = 1u,    // verify, check
  kMaximizeScope = 2u,  // maximize
  kCampaignScope = 4u,  // experiment run / slurm / status
};

/// The accepted numbers: [lo, hi], or (lo, hi] when lo_open. Always finite.
struct ParameterRange {
  double lo = 0.0, hi = 0.0;
  bool lo_open = false;
};

struct SearchParameter {
  std::string name;  // JSON key, database column
  std::string flag;  // "--time-limit"; empty: set by the command or the campaign plan, not by a flag
  ParameterType type = ParameterType::real;
  std::string help;
  std::function<std::vector<std::string>()> choices;  // choice: the accepted values
  ParameterRange range;                               // real, integer
  unsigned scopes = 0;                                // where the flag is offered
  /// A default other than SearchOptions{}'s for a kind of command; null: none
  /// (the command or the campaign's preset decides).
  std::vector<std::pair<ParameterScope, nlohmann::json>> scope_defaults;
  /// Empty: the parameter cannot change a run's outcome (log level): not
  /// recorded, not in the key, no column.
  std::string key_label;
  nlohmann::json value_before_key;  // null: in every key
  int since_schema = 1;             // the database schema version that added its column
  /// Sets the options from a valid flag value.
  std::function<void(SearchOptions&, const nlohmann::json&)> apply;
  /// The flag value that `apply` would have been given.
  std::function<nlohmann::json(const SearchOptions&)> flag_value;
  /// The value a run records, when it differs from the flag value (the MIP
  /// start: "auto" is recorded as what it resolved to).
  std::function<nlohmann::json(const SearchOptions&, bool verification)> recorded;

  bool is_recorded() const { return !key_label.empty(); }
  bool offered_in(ParameterScope scope) const { return !flag.empty() && (scopes & scope) != 0; }
  /// The flag's default in `scope` (null: none).
  nlohmann::json default_in(ParameterScope scope) const;
  /// The value a run with these options records.
  nlohmann::json record(const SearchOptions& options, bool verification) const;
};

/// Every parameter, in run-key order.
const std::vector<SearchParameter>& search_parameters();
/// The row of that name; throws nnmip::Error when there is none.
const SearchParameter& search_parameter(const std::string& name);
/// The database schema version of this build: the newest row's since_schema (at least 3).
int search_parameters_schema_version();

/// The flag value that `text` spells for this parameter. Throws nnmip::Error
/// saying what is accepted (without naming a flag) when it is not.
nlohmann::json parse_parameter_value(const SearchParameter& parameter, const std::string& text);
/// The text that parse_parameter_value reads back as `value` (exact for reals).
std::string parameter_text(const nlohmann::json& value);

/// The flag defaults of every parameter offered in `scope` (null defaults left out).
nlohmann::json scope_defaults(ParameterScope scope);

/// Applies flag values (an object: name -> value) in table order. Throws
/// nnmip::Error for an unknown name or a value of the wrong type.
void apply_parameters(SearchOptions& options, const nlohmann::json& values);

/// Every recorded parameter's value (name -> value): the "options" of the JSON
/// outputs and the parameter columns of a campaign's row.
nlohmann::json recorded_parameters(const SearchOptions& options, bool verification);

/// The parameters' part of a run key: "|limit10|threads1|seed0|..." (see above).
std::string run_key_parameters(const SearchOptions& options, bool verification);

}  // namespace nnmip
