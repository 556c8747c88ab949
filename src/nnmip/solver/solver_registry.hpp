#pragma once
// The MILP solvers nnmip can use, by name: the one place that chooses a solver.
// CBC is built in. Another solver (HiGHS or SCIP if Debian ships them, Gurobi
// through a plugin a user builds) implements MilpSolver (milp_solver.hpp) in its
// own adapter file and registers a factory here under its name; every command
// then offers it through --solver, and every JSON output and campaign row
// records the solver's name and version.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "nnmip/solver/milp_solver.hpp"

namespace nnmip {

inline constexpr const char* kDefaultSolver = "cbc";

using SolverFactory = std::function<std::unique_ptr<MilpSolver>()>;
/// Registers `factory` under `name`, replacing an earlier solver of that name.
void register_solver(const std::string& name, SolverFactory factory);
/// The registered solvers' names, sorted.
std::vector<std::string> solver_names();
/// A new solver of that name. Throws nnmip::Error naming the registered ones.
std::unique_ptr<MilpSolver> make_solver(const std::string& name);

/// CBC's own knobs, which no other solver has.
struct CbcOptions {
  /// Expert use: extra CBC command-line arguments (e.g. {"-cuts", "off"}),
  /// passed after nnmip's own and before "-solve".
  std::vector<std::string> extra_arguments;
};
/// The CBC adapter (cbc_solver.cpp); make_solver("cbc") gives one with default CbcOptions.
std::unique_ptr<MilpSolver> make_cbc_solver(const CbcOptions& options = {});

}  // namespace nnmip
