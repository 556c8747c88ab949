#include "nnmip/algorithms/result_json.hpp"

namespace nnmip {

using nlohmann::json;

namespace {

template <typename T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json per_target_json(const std::vector<TargetOutcome>& outcomes) {
  json list = json::array();
  for (const TargetOutcome& t : outcomes)
    list.push_back({{"target", t.target},
                    {"verdict", to_string(t.verdict)},
                    {"bound", optional_json(t.bound)},
                    {"time_s", t.time_s},
                    {"searched", t.searched}});
  return list;
}

}  // namespace

json vector_json(const Vector& v) { return json(std::vector<double>(v.data(), v.data() + v.size())); }

json to_json(const ModelStats& s) {
  return {{"columns", s.columns},
          {"rows", s.rows},
          {"binaries", s.binaries},
          {"nonzeros", s.nonzeros},
          {"stable_active", s.stable_active},
          {"stable_inactive", s.stable_inactive},
          {"nearly_stable", s.nearly_stable},
          {"unstable", s.unstable},
          {"mean_big_m", s.mean_big_m},
          {"bounds", s.bounds_method},
          {"bounds_time_s", s.bounds_time_s},
          {"lp_neurons_tightened", s.lp_neurons_tightened},
          {"lp_budget_exhausted", s.lp_budget_exhausted}};
}

json to_json(const std::vector<IncumbentRecord>& incumbents, const char* accepted_name) {
  json list = json::array();
  for (const IncumbentRecord& r : incumbents)
    list.push_back({{"time_s", r.time_s},
                    {"solver_objective", r.solver_objective},
                    {"network_objective", r.dense_objective},
                    {accepted_name, r.accepted},
                    {"source", r.source}});
  return list;
}

json to_json(const HeuristicStats& s) {
  return {{"before_solve_s", s.before_solve_s},
          {"hook_s", s.hook_s},
          {"hook_calls", s.hook_calls},
          {"hook_runs", s.hook_runs},
          {"points_judged", s.points_judged}};
}

json to_json(const VerificationResult& r, const VerificationProblem& problem) {
  return {{"status", to_string(r.status)},
          {"surrogate", r.used_surrogate},
          {"time_to_first_adversarial_s", optional_json(r.time_to_first_adversarial_s)},
          {"solve_time_s", r.solve_time_s},
          {"build_time_s", r.build_time_s},
          {"solver_status", to_string(r.solver_status)},
          {"solver_bound", optional_json(r.solver_bound)},
          {"solver_best", optional_json(r.solver_best)},
          {"symbolic_bound", optional_json(r.symbolic_bound)},
          {"dense_margin", r.dense_margin},
          {"input", vector_json(r.input)},
          {"output", vector_json(r.output)},
          {"distance", r.distance},
          {"norm", to_string(problem.norm)},
          {"epsilon", problem.epsilon},
          {"true_class", problem.true_class},
          {"target_class", problem.target_class == kEveryOtherClass ? json("all") : json(problem.target_class)},
          {"targets", r.targets},
          {"adversarial_class", optional_json(r.adversarial_class)},
          {"per_target", per_target_json(r.per_target)},
          {"incumbents", to_json(r.incumbents, "adversarial")},
          {"heuristics", to_json(r.heuristics)},
          {"ladder_steps", r.ladder_steps},
          {"model", to_json(r.model)},
          {"warnings", r.warnings}};
}

json to_json(const MaximizationResult& r) {
  return {{"status", to_string(r.status)},
          {"surrogate", r.used_surrogate},
          {"best_value", optional_json(r.best_value)},
          {"input", r.best_value ? vector_json(r.input) : json(nullptr)},
          {"output", r.best_value ? vector_json(r.output) : json(nullptr)},
          {"solver_best", optional_json(r.solver_best)},
          {"bound", optional_json(r.bound)},
          {"gap", optional_json(r.gap)},
          {"time_to_best_s", optional_json(r.time_to_best_s)},
          {"solve_time_s", r.solve_time_s},
          {"build_time_s", r.build_time_s},
          {"solver_status", to_string(r.solver_status)},
          {"incumbents", to_json(r.incumbents, "improved")},
          {"heuristics", to_json(r.heuristics)},
          {"ladder_steps", r.ladder_steps},
          {"model", to_json(r.model)},
          {"warnings", r.warnings}};
}

json to_json(const std::vector<LayerSparsity>& layers) {
  json list = json::array();
  for (size_t l = 0; l < layers.size(); ++l) {
    const LayerSparsity& s = layers[l];
    list.push_back({{"layer", l + 1},
                    {"inputs", s.inputs},
                    {"outputs", s.outputs},
                    {"weights", s.weights},
                    {"nonzero_weights", s.nonzero_weights},
                    {"nonzero_bias", s.nonzero_bias},
                    {"sparsity", s.sparsity()},
                    {"dead_neurons", s.dead_neurons}});
  }
  return list;
}

}  // namespace nnmip
