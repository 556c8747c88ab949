#pragma once
// What the verification and maximization searches share: options, the record
// of each incumbent, and the surrogate check.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "nnmip/formulation/problems.hpp"
#include "nnmip/solver/milp_solver.hpp"

namespace nnmip {

struct SearchOptions {
  SolverOptions solver;
  BoundsOptions bounds;
  /// Hand the solver a first incumbent from a forward pass (x0 for verify,
  /// the box centre for maximize). See MipStartChoice for the default.
  bool mip_start = true;
  /// Write the model that is solved to these files before solving (empty: no file).
  std::string write_mps;
  std::string write_lp;
};

/// `--mip-start`: forward, none, or auto = forward for maximize and none for
/// verify. Measured (bench/formulation.sh, bench/surrogate.sh): x0 is never
/// adversarial, and handing it to CBC delays the first adversarial incumbent
/// from ~0.1 s to 1-9 s on most Fashion-MNIST instances, because CBC's start
/// heuristics then have less to do; for maximize the start is a real first answer.
enum class MipStartChoice { automatic, forward, none };
MipStartChoice parse_mip_start(const std::string& name);
bool use_mip_start(MipStartChoice choice, bool verification);

/// One incumbent the solver reported, judged on the dense network D.
struct IncumbentRecord {
  double time_s = 0.0;            // since the solve started
  double solver_objective = 0.0;  // the solved network's (D or S) objective as the solver sees it
  double dense_objective = 0.0;   // D's objective at the incumbent's input
  bool accepted = false;          // verify: adversarial on D; maximize: improved the best dense value
};

/// Tolerance above which the solver's objective and the forward pass of the
/// solved network disagree enough to warn.
inline constexpr double kAgreementTolerance = 1e-6;

/// The MILP of the solved network (D, or the surrogate S), ready to solve:
/// built and timed, requested model files written, the MIP start prepared
/// from a forward pass at `start_input` when options.mip_start.
struct PreparedSearch {
  NetworkModel built;
  double build_time_s = 0.0;
  std::optional<std::vector<double>> start;
};
PreparedSearch prepare_search(const Network& solved, const std::function<NetworkModel()>& build,
                              const SearchOptions& options, const Vector& start_input);

/// Throws nnmip::Error unless the surrogate has the dense network's layer shapes.
void check_surrogate(const Network& dense, const Network& surrogate);

/// Writes the model files requested in the options.
void write_requested_model_files(const MilpModel& model, const SearchOptions& options);

}  // namespace nnmip
