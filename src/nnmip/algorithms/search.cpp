#include "nnmip/algorithms/search.hpp"

#include "nnmip/util/error.hpp"

namespace nnmip {

MipStartChoice parse_mip_start(const std::string& name) {
  if (name == "auto") return MipStartChoice::automatic;
  if (name == "forward") return MipStartChoice::forward;
  if (name == "none") return MipStartChoice::none;
  throw Error("unknown MIP start choice '" + name + "': use auto, forward or none");
}

const char* to_string(MipStartChoice choice) {
  switch (choice) {
    case MipStartChoice::automatic: return "auto";
    case MipStartChoice::forward: return "forward";
    case MipStartChoice::none: return "none";
  }
  return "auto";
}

DisjunctGrouping parse_disjunct_grouping(const std::string& name) {
  if (name == "separate") return DisjunctGrouping::separate;
  if (name == "joint") return DisjunctGrouping::joint;
  throw Error("unknown disjunct grouping '" + name + "': use separate or joint");
}

const char* to_string(DisjunctGrouping grouping) { return grouping == DisjunctGrouping::joint ? "joint" : "separate"; }

bool use_mip_start(MipStartChoice choice, bool verification, HeuristicLevel heuristics) {
  if (choice == MipStartChoice::automatic) return !verification || heuristics != HeuristicLevel::none;
  return choice == MipStartChoice::forward;
}

void check_surrogate(const Network& dense, const Network& surrogate) {
  auto shape = [](const Network& n) {
    std::string s = std::to_string(n.input_size());
    for (const Layer& layer : n.layers()) s += "-" + std::to_string(layer.outputs());
    return s;
  };
  if (shape(dense) != shape(surrogate))
    throw Error("the surrogate's layer sizes " + shape(surrogate) + " differ from the dense network's " + shape(dense) +
                ": a surrogate must be a pruned copy of the dense network");
}

void write_requested_model_files(const MilpModel& model, const SearchOptions& options) {
  if (!options.write_mps.empty()) write_model_file(model, options.write_mps, ModelFileFormat::mps);
  if (!options.write_lp.empty()) write_model_file(model, options.write_lp, ModelFileFormat::lp);
}

}  // namespace nnmip
