// The LP relaxation for bound tightening: one OsiClpSolverInterface loaded once;
// each optimize() swaps in a new objective and re-solves from the previous basis.
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "nnmip/solver/coin_model.hpp"
#include "nnmip/solver/milp_solver.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {
namespace {

class ClpRelaxation final : public LpRelaxation {
 public:
  explicit ClpRelaxation(const MilpModel& model) {
    coin::load_model(model, coin::ObjectiveForm::zero, solver_);
    for (int j = 0; j < model.num_columns(); ++j) solver_.setContinuous(j);
    coin::silence(solver_);
  }

  std::optional<double> optimize(const std::vector<int>& indices, const std::vector<double>& coefficients, Sense sense,
                                 double time_limit_s) override {
    if (indices.size() != coefficients.size())
      throw Error("LP relaxation: " + std::to_string(indices.size()) + " indices but " +
                  std::to_string(coefficients.size()) + " coefficients");
    const int n = solver_.getNumCols();
    std::map<int, double> objective;
    for (size_t k = 0; k < indices.size(); ++k) {
      if (indices[k] < 0 || indices[k] >= n)
        throw Error("LP relaxation: column index " + std::to_string(indices[k]) + " out of range [0, " +
                    std::to_string(n) + ")");
      objective[indices[k]] += coefficients[k];
    }
    for (int j : nonzero_) solver_.setObjCoeff(j, 0.0);
    nonzero_.clear();
    for (const auto& [j, c] : objective) {
      solver_.setObjCoeff(j, c);
      nonzero_.push_back(j);
    }
    solver_.setObjSense(coin::sense_sign(sense));
    // A single LP of a large model ran minutes past the tightening budget without this.
    solver_.getModelPtr()->setMaximumWallSeconds(std::isfinite(time_limit_s) ? std::max(0.0, time_limit_s) : 1e100);

    if (!solved_once_) {
      solver_.initialSolve();
      solved_once_ = true;
    } else {
      solver_.resolve();
      // A warm start that ends abandoned (numerics) gets one cold retry.
      if (solver_.isAbandoned()) solver_.initialSolve();
    }
    if (!solver_.isProvenOptimal()) return std::nullopt;
    return solver_.getObjValue();
  }

 private:
  OsiClpSolverInterface solver_;
  std::vector<int> nonzero_;
  bool solved_once_ = false;
};

}  // namespace

std::optional<LpSolution> solve_lp(const MilpModel& model, double time_limit_s) {
  OsiClpSolverInterface solver;
  coin::load_model(model, coin::ObjectiveForm::native, solver);
  for (int j = 0; j < model.num_columns(); ++j) solver.setContinuous(j);
  coin::silence(solver);
  solver.getModelPtr()->setMaximumWallSeconds(std::max(0.0, time_limit_s));
  solver.initialSolve();
  if (!solver.isProvenOptimal()) return std::nullopt;
  LpSolution lp;
  const double* values = solver.getColSolution();
  lp.values.assign(values, values + model.num_columns());
  lp.objective = model.objective_value(lp.values);
  return lp;
}

std::unique_ptr<LpRelaxation> make_lp_relaxation(const MilpModel& model) {
  return std::make_unique<ClpRelaxation>(model);
}

}  // namespace nnmip
