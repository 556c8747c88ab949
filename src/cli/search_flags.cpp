#include "search_flags.hpp"

#include <cstdio>

#include "nnmip/util/error.hpp"

namespace nnmip::cli {

namespace {

/// A CLI11 validator that accepts what parse_parameter_value accepts.
CLI::Validator validator_of(const SearchParameter& p) {
  std::string description;
  if (p.type == ParameterType::choice) {
    for (const std::string& c : p.choices()) description += (description.empty() ? "" : "|") + c;
  } else {
    description = p.type == ParameterType::integer ? "INT" : "NUMBER";
  }
  return CLI::Validator(
             [&p](std::string& text) -> std::string {
               try {
                 parse_parameter_value(p, text);
                 return "";
               } catch (const Error& e) {
                 return e.what();
               }
             },
             "")
      .name(description);
}

}  // namespace

void SearchFlags::add_to(CLI::App* command, ParameterScope scope) {
  scope_ = scope;
  for (const SearchParameter& p : search_parameters()) {
    if (!p.offered_in(scope)) continue;
    const nlohmann::json fallback = p.default_in(scope);
    if (p.type == ParameterType::boolean) {
      std::optional<bool>& storage = switches_[p.name];
      if (!fallback.is_null()) storage = fallback.get<bool>();
      given_[p.name] = command->add_flag(p.flag + ",!--no-" + p.flag.substr(2), storage, p.help);
      continue;
    }
    std::string& storage = text_[p.name];
    const CLI::Validator validator = validator_of(p);
    const std::string help = p.help + (fallback.is_null() && scope == kCampaignScope ? " (default: the preset's)" : "");
    CLI::Option* option = command->add_option(p.flag, storage, help)->check(validator)->type_name(validator.get_name());
    if (!fallback.is_null()) {
      storage = parameter_text(fallback);
      char shown[32];
      std::snprintf(shown, sizeof shown, "%g", p.type == ParameterType::real ? fallback.get<double>() : 0.0);
      option->default_str(p.type == ParameterType::real ? std::string(shown) : storage);
    }
    given_[p.name] = option;
  }
  if (scope == kCampaignScope) return;
  command->add_option("--write-mps", write_mps_, "Write the model that is solved as MPS");
  command->add_option("--write-lp", write_lp_, "Write the model that is solved as LP");
}

nlohmann::json SearchFlags::values() const {
  if (values_) return *values_;
  nlohmann::json values = nlohmann::json::object();
  for (const auto& [name, option] : given_) {
    const SearchParameter& p = search_parameter(name);
    if (p.type == ParameterType::boolean) {
      const std::optional<bool>& value = switches_.at(name);
      if (value) values[name] = *value;
    } else if (option->count() > 0 || !p.default_in(scope_).is_null()) {
      values[name] = parse_parameter_value(p, text_.at(name));
    }
  }
  return values;
}

void SearchFlags::set_values(const nlohmann::json& values, const std::string& source) {
  if (!values.is_object()) throw Error(source + ": the search parameters are not a JSON object");
  nlohmann::json checked = nlohmann::json::object();
  for (auto it = values.begin(); it != values.end(); ++it) {
    if (it.value().is_null()) continue;
    try {
      const SearchParameter& p = search_parameter(it.key());
      const std::string text = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
      checked[it.key()] = parse_parameter_value(p, text);
    } catch (const Error& e) {
      throw Error(source + ": search parameter " + it.key() + ": " + e.what());
    }
  }
  values_ = checked;
}

SearchOptions SearchFlags::options(const SearchOptions& base) const {
  SearchOptions options = base;
  apply_parameters(options, values());
  options.write_mps = write_mps_;
  options.write_lp = write_lp_;
  return options;
}

SearchOptions SearchFlags::options() const {
  const SearchOptions defaults;
  return options(defaults);
}

std::vector<std::string> SearchFlags::arguments() const {
  std::vector<std::string> arguments;
  const nlohmann::json v = values();
  for (const SearchParameter& p : search_parameters()) {
    if (!v.contains(p.name) || p.flag.empty()) continue;
    if (p.type == ParameterType::boolean)
      arguments.push_back(v.at(p.name).get<bool>() ? p.flag : "--no-" + p.flag.substr(2));
    else
      arguments.insert(arguments.end(), {p.flag, parameter_text(v.at(p.name))});
  }
  return arguments;
}

nlohmann::json to_json(const SearchOptions& options, bool verification, const MilpSolver& solver) {
  nlohmann::json j = recorded_parameters(options, verification);
  j["solver"] = solver.name();
  j["solver_version"] = solver.version();
  return j;
}

}  // namespace nnmip::cli
