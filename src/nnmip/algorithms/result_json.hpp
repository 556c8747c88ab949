#pragma once
// Machine-readable forms of results, shared by the CLI's --json and the experiment records.
#include <nlohmann/json.hpp>

#include "nnmip/algorithms/maximization.hpp"
#include "nnmip/algorithms/verification.hpp"
#include "nnmip/network/network.hpp"

namespace nnmip {

nlohmann::json to_json(const ModelStats& stats);
nlohmann::json to_json(const std::vector<IncumbentRecord>& incumbents, const char* accepted_name);
nlohmann::json to_json(const HeuristicStats& stats);
nlohmann::json to_json(const VerificationResult& result, const VerificationProblem& problem);
nlohmann::json to_json(const MaximizationResult& result);
nlohmann::json to_json(const std::vector<LayerSparsity>& layers);
nlohmann::json vector_json(const Vector& v);

}  // namespace nnmip
