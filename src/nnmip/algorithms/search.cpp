#include "nnmip/algorithms/search.hpp"

#include <chrono>

#include "nnmip/util/error.hpp"
#include "nnmip/util/progress.hpp"

namespace nnmip {

MipStartChoice parse_mip_start(const std::string& name) {
  if (name == "auto") return MipStartChoice::automatic;
  if (name == "forward") return MipStartChoice::forward;
  if (name == "none") return MipStartChoice::none;
  throw Error("unknown --mip-start '" + name + "': use auto, forward or none");
}

bool use_mip_start(MipStartChoice choice, bool verification) {
  if (choice == MipStartChoice::automatic) return !verification;
  return choice == MipStartChoice::forward;
}

void check_surrogate(const Network& dense, const Network& surrogate) {
  auto shape = [](const Network& n) {
    std::string s = std::to_string(n.input_size());
    for (const Layer& layer : n.layers()) s += "-" + std::to_string(layer.outputs());
    return s;
  };
  if (shape(dense) != shape(surrogate))
    throw Error("the surrogate's layer sizes " + shape(surrogate) + " differ from the dense network's " +
                shape(dense) + ": a surrogate must be a pruned copy of the dense network");
}

PreparedSearch prepare_search(const Network& solved, const std::function<NetworkModel()>& build,
                              const SearchOptions& options, const Vector& start_input) {
  PreparedSearch prepared;
  const auto start = std::chrono::steady_clock::now();
  prepared.built = build();
  prepared.build_time_s = seconds_since(start);
  write_requested_model_files(prepared.built.model, options);
  if (options.mip_start) prepared.start = prepared.built.point_at(solved, start_input);
  return prepared;
}

void write_requested_model_files(const MilpModel& model, const SearchOptions& options) {
  if (!options.write_mps.empty()) write_model_file(model, options.write_mps, ModelFileFormat::mps);
  if (!options.write_lp.empty()) write_model_file(model, options.write_lp, ModelFileFormat::lp);
}

}  // namespace nnmip
