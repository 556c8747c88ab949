#include "nnmip/algorithms/search_parameters.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

using nlohmann::json;

constexpr double kUnbounded = 1e300;  // "no upper bound" of a range (the value must still be finite)

std::function<std::vector<std::string>()> fixed(std::vector<std::string> values) {
  return [values] { return values; };
}

// Rows name only the members they set; the others keep their default member
// initializers. GCC 12 warns about that with designated initializers.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
std::vector<SearchParameter> make_rows() {
  std::vector<SearchParameter> rows;
  const unsigned searches = kVerifyScope | kMaximizeScope;
  const unsigned everywhere = searches | kCampaignScope;
  // Key order: the first six are in every key since version 1.
  rows.push_back({.name = "time_limit_s",
                  .flag = "--time-limit",
                  .type = ParameterType::real,
                  .help = "Time limit of the whole search in seconds (bounds, heuristics and solver)",
                  .range = {0.0, kUnbounded, true},
                  .scopes = everywhere,
                  .scope_defaults = {{kMaximizeScope, 600.0}, {kCampaignScope, nullptr}},
                  .key_label = "limit",
                  .apply = [](SearchOptions& o, const json& v) { o.solver.time_limit_s = v.get<double>(); },
                  .flag_value = [](const SearchOptions& o) { return json(o.solver.time_limit_s); }});
  rows.push_back({.name = "threads",
                  .flag = "--threads",
                  .type = ParameterType::integer,
                  .help = "Solver threads",
                  .range = {1, 256},
                  .scopes = everywhere,
                  .key_label = "threads",
                  .apply = [](SearchOptions& o, const json& v) { o.solver.threads = v.get<int>(); },
                  .flag_value = [](const SearchOptions& o) { return json(o.solver.threads); }});
  rows.push_back({.name = "solver_seed",
                  .flag = "--solver-seed",
                  .type = ParameterType::integer,
                  .help = "Solver random seed",
                  .range = {0, INT_MAX},
                  .scopes = everywhere,
                  .key_label = "seed",
                  .apply = [](SearchOptions& o, const json& v) { o.solver.random_seed = v.get<int>(); },
                  .flag_value = [](const SearchOptions& o) { return json(o.solver.random_seed); }});
  rows.push_back(
      {.name = "mip_start",
       .flag = "--mip-start",
       .type = ParameterType::choice,
       .help = "forward: hand the solver the best point known before the MILP (a forward pass at x0 / "
               "the box centre, or better); none: no start; auto: forward for maximization, for "
               "verification only with heuristics (measured: see README)",
       .choices = fixed({"auto", "forward", "none"}),
       .scopes = everywhere,
       .key_label = "start",
       .apply = [](SearchOptions& o, const json& v) { o.mip_start = parse_mip_start(v.get<std::string>()); },
       .flag_value = [](const SearchOptions& o) { return json(to_string(o.mip_start)); },
       .recorded = [](const SearchOptions& o,
                      bool verification) { return json(use_mip_start(o.mip_start, verification, o.heuristics)); }});
  rows.push_back({.name = "many_solutions",
                  .flag = "--many-solutions",
                  .type = ParameterType::boolean,
                  .help = "Solver settings that report many distinct incumbents (Algorithm 2; default: on with a "
                          "surrogate; campaigns: the preset's)",
                  .scopes = kMaximizeScope,
                  .scope_defaults = {{kMaximizeScope, nullptr}},
                  .key_label = "many",
                  .apply = [](SearchOptions& o, const json& v) { o.solver.many_solutions = v.get<bool>(); },
                  .flag_value = [](const SearchOptions& o) { return json(o.solver.many_solutions); }});
  rows.push_back(
      {.name = "bounds",
       .flag = "--bounds",
       .type = ParameterType::choice,
       .help = "Activation bounds: interval (the paper's, the campaigns' default), symbolic (backward "
               "linear bounds, CROWN-style) or lp (LP tightening on top of symbolic)",
       .choices = fixed({"interval", "symbolic", "lp"}),
       .scopes = everywhere,
       .scope_defaults = {{kCampaignScope, "interval"}},
       .key_label = "bounds",
       .apply = [](SearchOptions& o, const json& v) { o.bounds.method = parse_bounds_method(v.get<std::string>()); },
       .flag_value = [](const SearchOptions& o) { return json(to_string(o.bounds.method)); }});
  // Added later: left out of the key at the value runs had before.
  rows.push_back(
      {.name = "heuristics",
       .flag = "--heuristics",
       .type = ParameterType::choice,
       .help = "Network-aware primal heuristics: none (the solver's own only, the paper's setting), lp "
               "(LP relaxation inputs, forward-passed), lp+polish (and the best point of their "
               "activation region), all (and gradient ascent)",
       .choices = fixed({"none", "lp", "lp+polish", "all"}),
       .scopes = everywhere,
       .key_label = "heuristics",
       .value_before_key = "none",
       .since_schema = 2,
       .apply = [](SearchOptions& o, const json& v) { o.heuristics = parse_heuristic_level(v.get<std::string>()); },
       .flag_value = [](const SearchOptions& o) { return json(to_string(o.heuristics)); }});
  rows.push_back({.name = "solver",
                  .flag = "--solver",
                  .type = ParameterType::choice,
                  .help = "MILP solver (solver_registry.hpp)",
                  .choices = solver_names,
                  .scopes = everywhere,
                  .key_label = "solver",
                  .value_before_key = kDefaultSolver,
                  .since_schema = 3,
                  .apply = [](SearchOptions& o, const json& v) { o.solver_name = v.get<std::string>(); },
                  .flag_value = [](const SearchOptions& o) { return json(o.solver_name); }});
  rows.push_back({.name = "lp_time_limit_s",
                  .flag = "--lp-time-limit",
                  .type = ParameterType::real,
                  .help = "Time budget of LP bound tightening in seconds (--bounds lp)",
                  .range = {0.0, kUnbounded, true},
                  .scopes = everywhere,
                  .key_label = "lptime",
                  .value_before_key = 60.0,
                  .since_schema = 4,
                  .apply = [](SearchOptions& o, const json& v) { o.bounds.lp_time_limit_s = v.get<double>(); },
                  .flag_value = [](const SearchOptions& o) { return json(o.bounds.lp_time_limit_s); }});
  rows.push_back(
      {.name = "disjuncts",
       .flag = "--disjuncts",
       .type = ParameterType::choice,
       .help = "Several targets or a VNN-LIB disjunction: separate (one MILP per disjunct, the most "
               "promising first) or joint (one MILP for the whole disjunction)",
       .choices = fixed({"separate", "joint"}),
       .scopes = kVerifyScope,
       .key_label = "disjuncts",
       .value_before_key = "separate",
       .since_schema = 4,
       .apply = [](SearchOptions& o, const json& v) { o.disjuncts = parse_disjunct_grouping(v.get<std::string>()); },
       .flag_value = [](const SearchOptions& o) { return json(to_string(o.disjuncts)); }});
  rows.push_back({.name = "node_limit",
                  .flag = "--node-limit",
                  .type = ParameterType::integer,
                  .help = "Branch-and-bound nodes per MILP (0: the root only; -1: no limit). Stops at the same "
                          "point on every machine, unlike --time-limit",
                  .range = {-1, 2147483647},
                  .scopes = everywhere,
                  .key_label = "nodes",
                  .value_before_key = -1,
                  .since_schema = 5,
                  .apply = [](SearchOptions& o, const json& v) { o.solver.node_limit = v.get<long>(); },
                  .flag_value = [](const SearchOptions& o) { return json(o.solver.node_limit); }});
  // Not recorded: cannot change a run's outcome.
  rows.push_back({.name = "log_level",
                  .flag = "--log-level",
                  .type = ParameterType::integer,
                  .help = "Solver log: 0 silent, 1 summary, 2 full",
                  .range = {0, 4},
                  .scopes = searches,
                  .apply = [](SearchOptions& o, const json& v) { o.solver.log_level = v.get<int>(); },
                  .flag_value = [](const SearchOptions& o) { return json(o.solver.log_level); }});
  return rows;
}
#pragma GCC diagnostic pop

std::string number_text(double value, const char* format) {
  char text[40];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

/// A recorded value in a run key: reals as %g when that reads back exactly (the
/// keys' historical format), else with all 17 digits, so that two values never
/// share a key; integers exactly; booleans as 0 / 1.
std::string key_text(const json& value) {
  if (value.is_boolean()) return value.get<bool>() ? "1" : "0";
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_number()) {
    const double v = value.get<double>();
    const std::string short_text = number_text(v, "%g");
    return std::strtod(short_text.c_str(), nullptr) == v ? short_text : number_text(v, "%.17g");
  }
  return value.get<std::string>();
}

bool in_range(const ParameterRange& range, double v) {
  return std::isfinite(v) && (range.lo_open ? v > range.lo : v >= range.lo) && v <= range.hi;
}

std::string range_text(const ParameterRange& range, bool integer) {
  const std::string lo = number_text(range.lo, "%g");
  if (range.hi >= kUnbounded)
    return std::string(integer ? "an integer" : "a finite number") + (range.lo_open ? " > " : " >= ") + lo;
  return std::string(integer ? "an integer" : "a finite number") + " in " + (range.lo_open ? "(" : "[") + lo + ", " +
         number_text(range.hi, "%g") + "]";
}

}  // namespace

json SearchParameter::default_in(ParameterScope scope) const {
  for (const auto& [s, value] : scope_defaults)
    if (s == scope) return value;
  const SearchOptions defaults;
  return flag_value(defaults);
}

json SearchParameter::record(const SearchOptions& options, bool verification) const {
  return recorded ? recorded(options, verification) : flag_value(options);
}

const std::vector<SearchParameter>& search_parameters() {
  static const std::vector<SearchParameter> rows = make_rows();
  return rows;
}

const SearchParameter& search_parameter(const std::string& name) {
  for (const SearchParameter& p : search_parameters())
    if (p.name == name) return p;
  std::string known;
  for (const SearchParameter& p : search_parameters()) known += (known.empty() ? "" : ", ") + p.name;
  throw Error("unknown search parameter '" + name + "': the parameters are " + known);
}

int search_parameters_schema_version() {
  int version = 3;
  for (const SearchParameter& p : search_parameters()) version = std::max(version, p.since_schema);
  return version;
}

json parse_parameter_value(const SearchParameter& p, const std::string& text) {
  switch (p.type) {
    case ParameterType::choice: {
      const std::vector<std::string> choices = p.choices();
      std::string list;
      for (const std::string& c : choices) {
        if (c == text) return c;
        list += (list.empty() ? "" : ", ") + c;
      }
      throw Error("'" + text + "' is not one of " + list);
    }
    case ParameterType::boolean:
      if (text == "true" || text == "1") return true;
      if (text == "false" || text == "0") return false;
      throw Error("'" + text + "' is not true or false");
    case ParameterType::integer: {
      char* end = nullptr;
      errno = 0;
      const long long v = text.empty() ? 0 : std::strtoll(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || errno != 0 || !in_range(p.range, static_cast<double>(v)))
        throw Error("'" + text + "' is not " + range_text(p.range, true));
      return v;
    }
    case ParameterType::real: {
      char* end = nullptr;
      const double v = text.empty() ? NAN : std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || !in_range(p.range, v))
        throw Error("'" + text + "' is not " + range_text(p.range, false));
      return v;
    }
  }
  return nullptr;
}

std::string parameter_text(const json& value) {
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_number()) return number_text(value.get<double>(), "%.17g");
  return value.get<std::string>();
}

void apply_parameters(SearchOptions& options, const json& values) {
  for (auto it = values.begin(); it != values.end(); ++it) search_parameter(it.key());  // unknown names
  for (const SearchParameter& p : search_parameters()) {
    if (!values.contains(p.name) || values.at(p.name).is_null()) continue;
    try {
      p.apply(options, values.at(p.name));
    } catch (const json::exception& e) {
      throw Error("the value " + values.at(p.name).dump() + " of the search parameter " + p.name +
                  " has the wrong type (" + e.what() + ")");
    }
  }
}

json scope_defaults(ParameterScope scope) {
  json values = json::object();
  for (const SearchParameter& p : search_parameters()) {
    if (!p.offered_in(scope)) continue;
    json value = p.default_in(scope);
    if (!value.is_null()) values[p.name] = std::move(value);
  }
  return values;
}

json recorded_parameters(const SearchOptions& options, bool verification) {
  json values = json::object();
  for (const SearchParameter& p : search_parameters())
    if (p.is_recorded()) values[p.name] = p.record(options, verification);
  return values;
}

std::string run_key_parameters(const SearchOptions& options, bool verification) {
  std::string text;
  for (const SearchParameter& p : search_parameters()) {
    if (!p.is_recorded()) continue;
    const json value = p.record(options, verification);
    if (!p.value_before_key.is_null() && value == p.value_before_key) continue;
    text += "|" + p.key_label + key_text(value);
  }
  return text;
}

}  // namespace nnmip
