// The search parameters' one declaration (search_parameters.hpp): the table is
// consistent, every row round-trips through SearchOptions, flag values are
// checked, and the run key's parameter part spells the keys older runs have.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "nnmip/algorithms/search_parameters.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {
namespace {

using nlohmann::json;

/// Values of the parameter's type that its flag accepts (two at least).
std::vector<json> valid_values(const SearchParameter& p) {
  switch (p.type) {
    case ParameterType::boolean: return {true, false};
    case ParameterType::integer:
      return {static_cast<long long>(p.range.lo) + 1, static_cast<long long>(p.range.lo) + 2};
    case ParameterType::real: return {0.1, 7.25};
    case ParameterType::choice: {
      std::vector<json> values;
      for (const std::string& c : p.choices()) values.push_back(c);
      return values;
    }
  }
  return {};
}

TEST(SearchParameters, NamesFlagsAndKeyLabelsAreUnique) {
  std::set<std::string> names, flags, labels;
  for (const SearchParameter& p : search_parameters()) {
    EXPECT_TRUE(names.insert(p.name).second) << p.name;
    EXPECT_FALSE(p.help.empty()) << p.name;
    EXPECT_TRUE(p.apply && p.flag_value) << p.name;
    if (!p.flag.empty()) {
      EXPECT_TRUE(flags.insert(p.flag).second) << p.flag;
    }
    if (p.is_recorded()) {
      EXPECT_TRUE(labels.insert(p.key_label).second) << p.key_label;
    }
    // A parameter that came after the first schema leaves older keys alone only with the value older runs had.
    if (p.is_recorded() && p.since_schema > 1) {
      EXPECT_FALSE(p.value_before_key.is_null()) << p.name;
    }
  }
  EXPECT_THROW(search_parameter("no_such_parameter"), Error);
}

TEST(SearchParameters, EveryValueRoundTripsThroughSearchOptions) {
  for (const SearchParameter& p : search_parameters()) {
    const SearchOptions defaults;
    SearchOptions options;
    p.apply(options, p.flag_value(defaults));
    EXPECT_EQ(p.flag_value(options), p.flag_value(defaults)) << p.name;
    for (const json& value : valid_values(p)) {
      if (p.name == "solver" && value != "cbc") continue;
      p.apply(options, value);
      EXPECT_EQ(p.flag_value(options), value) << p.name;
      // What the flag's text says is what applies.
      EXPECT_EQ(parse_parameter_value(p, parameter_text(value)), value) << p.name;
    }
  }
}

TEST(SearchParameters, FlagValuesOutsideTheRowAreRefusedWithWhatIsAccepted) {
  const SearchParameter& limit = search_parameter("time_limit_s");
  for (const char* bad : {"0", "-1", "nan", "inf", "1e400", "abc", "", "5s"})
    EXPECT_THROW(parse_parameter_value(limit, bad), Error) << bad;
  EXPECT_EQ(parse_parameter_value(limit, "0.5"), 0.5);
  const SearchParameter& threads = search_parameter("threads");
  for (const char* bad : {"0", "257", "1.5", "2x", "-3", "99999999999999999999"})
    EXPECT_THROW(parse_parameter_value(threads, bad), Error) << bad;
  EXPECT_EQ(parse_parameter_value(threads, "4"), 4);
  EXPECT_THROW(parse_parameter_value(search_parameter("solver_seed"), "-1"), Error);
  try {
    parse_parameter_value(search_parameter("heuristics"), "fast");
    FAIL() << "an unknown choice was accepted";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "'fast' is not one of none, lp, lp+polish, all");
  }
  // Reals are written exactly for another process (experiment slurm forwards them).
  EXPECT_EQ(parse_parameter_value(limit, parameter_text(0.1)).get<double>(), 0.1);
}

TEST(SearchParameters, ApplyRefusesUnknownNamesAndWrongTypes) {
  SearchOptions options;
  EXPECT_THROW(apply_parameters(options, {{"time_limit", 5.0}}), Error);
  EXPECT_THROW(apply_parameters(options, {{"threads", "two"}}), Error);
  apply_parameters(options, {{"threads", 3}, {"heuristics", "lp"}, {"time_limit_s", nullptr}});
  EXPECT_EQ(options.solver.threads, 3);
  EXPECT_EQ(options.heuristics, HeuristicLevel::lp);
  EXPECT_EQ(options.solver.time_limit_s, SolverOptions{}.time_limit_s);
}

TEST(SearchParameters, EachKindOfCommandHasItsDefaults) {
  const json verify = scope_defaults(kVerifyScope), maximize = scope_defaults(kMaximizeScope),
             campaign = scope_defaults(kCampaignScope);
  EXPECT_EQ(verify["time_limit_s"], 300.0);
  EXPECT_EQ(verify["bounds"], "symbolic");
  EXPECT_EQ(maximize["time_limit_s"], 600.0);
  EXPECT_FALSE(maximize.contains("many_solutions"));  // on with a surrogate: the command decides
  EXPECT_FALSE(campaign.contains("time_limit_s"));    // the preset's
  EXPECT_EQ(campaign["bounds"], "interval");          // the protocol's
  EXPECT_FALSE(campaign.contains("disjuncts"));       // not a campaign flag
  EXPECT_FALSE(campaign.contains("log_level"));
}

TEST(SearchParameters, RunKeyPartSpellsTheKeysOfOlderRuns) {
  // The campaign runner's format before the table: "limit%g|threads%d|seed%d|start%d|many%d|bounds%s",
  // then "|heuristics<level>" unless none and "|solver<name>" unless cbc.
  SearchOptions options;
  apply_parameters(options, scope_defaults(kCampaignScope));
  options.solver.time_limit_s = 10;
  EXPECT_EQ(run_key_parameters(options, true), "|limit10|threads1|seed0|start1|many0|boundsinterval|heuristicsall");
  options.heuristics = HeuristicLevel::none;  // auto start: none for verification without heuristics
  EXPECT_EQ(run_key_parameters(options, true), "|limit10|threads1|seed0|start0|many0|boundsinterval");
  EXPECT_EQ(run_key_parameters(options, false), "|limit10|threads1|seed0|start1|many0|boundsinterval");
  options.solver.time_limit_s = 0.25;
  options.solver.many_solutions = true;
  options.bounds.lp_time_limit_s = 5;
  options.disjuncts = DisjunctGrouping::joint;
  EXPECT_EQ(run_key_parameters(options, false),
            "|limit0.25|threads1|seed0|start1|many1|boundsinterval|lptime5|disjunctsjoint");
  // Reals that %g would round keep all their digits: two values never share a key.
  options.bounds.lp_time_limit_s = 60.0000001;
  EXPECT_NE(run_key_parameters(options, false).find("|lptime60.000000100000001"), std::string::npos);
  options.bounds.lp_time_limit_s = 5;
  // The log level cannot change a run: not in the key, not recorded.
  options.solver.log_level = 2;
  EXPECT_EQ(run_key_parameters(options, false),
            "|limit0.25|threads1|seed0|start1|many1|boundsinterval|lptime5|disjunctsjoint");
  EXPECT_FALSE(recorded_parameters(options, false).contains("log_level"));
}

TEST(SearchParameters, RecordedValuesAreWhatTheRunUsed) {
  SearchOptions options;
  options.heuristics = HeuristicLevel::none;
  const json verify = recorded_parameters(options, true), maximize = recorded_parameters(options, false);
  EXPECT_EQ(verify["mip_start"], false);  // auto resolved
  EXPECT_EQ(maximize["mip_start"], true);
  EXPECT_EQ(verify["solver"], "cbc");
  EXPECT_EQ(verify["time_limit_s"], 300.0);
}

}  // namespace
}  // namespace nnmip
