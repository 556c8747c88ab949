#include "nnmip/heuristics/heuristic_options.hpp"

#include "nnmip/util/error.hpp"

namespace nnmip {

HeuristicLevel parse_heuristic_level(const std::string& name) {
  if (name == "none") return HeuristicLevel::none;
  if (name == "lp") return HeuristicLevel::lp;
  if (name == "lp+polish") return HeuristicLevel::lp_polish;
  if (name == "all") return HeuristicLevel::all;
  throw Error("unknown heuristics setting '" + name + "': use none, lp, lp+polish or all");
}

const char* to_string(HeuristicLevel level) {
  switch (level) {
    case HeuristicLevel::none: return "none";
    case HeuristicLevel::lp: return "lp";
    case HeuristicLevel::lp_polish: return "lp+polish";
    case HeuristicLevel::all: return "all";
  }
  return "all";
}

}  // namespace nnmip
