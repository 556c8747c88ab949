#pragma once
// Internal to src/nnmip/solver/ (never included from elsewhere): loading a
// MilpModel into COIN-OR's OsiClpSolverInterface, shared by the CBC adapter,
// the CLP relaxation and the model-file writer.
#include <OsiClpSolverInterface.hpp>
#include <string>
#include <vector>

#include "nnmip/milp/model.hpp"

namespace nnmip::coin {

/// How the objective is handed to COIN-OR.
enum class ObjectiveForm {
  /// CBC minimizes: for Sense::maximize the coefficients are negated, so
  /// (COIN objective) = sign * (model objective - offset) with sign = -1.
  minimize,
  /// Coefficients as in the model and the solver's objective sense set to the
  /// model's sense (what the file writers need).
  native,
  /// All objective coefficients zero (the LP relaxation sets its own).
  zero,
};

/// The names given to COIN-OR: the model's names when they are all non-empty,
/// unique and free of white space (MPS/LP files and CBC's MIP start need that),
/// otherwise generated names C0, C1, ... / R0, R1, ... for every column / row.
std::vector<std::string> column_names(const MilpModel& model);
std::vector<std::string> row_names(const MilpModel& model);

/// Loads bounds, rows (duplicate column indices in a row are summed),
/// integrality, objective and names. Infinite bounds become COIN's infinity.
void load_model(const MilpModel& model, ObjectiveForm form, OsiClpSolverInterface& solver);

/// Turns off every message of the solver interface and of CLP.
void silence(OsiClpSolverInterface& solver);

/// -1 for Sense::maximize, +1 for Sense::minimize.
inline double sense_sign(Sense sense) { return sense == Sense::maximize ? -1.0 : 1.0; }

}  // namespace nnmip::coin
