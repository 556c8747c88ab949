#include "nnmip/solver/coin_model.hpp"

#include <CoinMessageHandler.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <cctype>
#include <cmath>
#include <map>
#include <unordered_set>
#include <utility>

namespace nnmip::coin {
namespace {

bool usable_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name)
    if (std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

template <class Items>
std::vector<std::string> names_or_generated(const Items& items, const char* prefix) {
  std::vector<std::string> names;
  names.reserve(items.size());
  std::unordered_set<std::string> seen;
  bool usable = true;
  for (const auto& item : items) {
    if (!usable_name(item.name) || !seen.insert(item.name).second) {
      usable = false;
      break;
    }
    names.push_back(item.name);
  }
  if (usable) return names;
  names.clear();
  for (size_t k = 0; k < items.size(); ++k) {
    std::string name(prefix);  // (not prefix + to_string: GCC 12's -Wrestrict false positive)
    name += std::to_string(k);
    names.push_back(std::move(name));
  }
  return names;
}

double to_coin(double bound, double infinity) {
  if (std::isinf(bound)) return bound > 0 ? infinity : -infinity;
  return bound;
}

}  // namespace

std::vector<std::string> column_names(const MilpModel& model) { return names_or_generated(model.columns(), "C"); }

std::vector<std::string> row_names(const MilpModel& model) { return names_or_generated(model.rows(), "R"); }

void load_model(const MilpModel& model, ObjectiveForm form, OsiClpSolverInterface& solver) {
  const int n = model.num_columns();
  const double inf = solver.getInfinity();

  std::vector<double> col_lower(n), col_upper(n), objective(n, 0.0);
  for (int j = 0; j < n; ++j) {
    const Column& c = model.columns()[j];
    col_lower[j] = to_coin(c.lower, inf);
    col_upper[j] = to_coin(c.upper, inf);
    if (form == ObjectiveForm::minimize) objective[j] = sense_sign(model.sense) * c.objective;
    if (form == ObjectiveForm::native) objective[j] = c.objective;
  }

  // Row-ordered matrix in compressed form (duplicates within a row summed), built
  // in one pass: appending row by row reallocates and costs O(nnz * rows).
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> indices;
  std::vector<double> values;
  std::vector<double> row_lower, row_upper;
  starts.reserve(model.num_rows() + 1);
  indices.reserve(model.num_nonzeros());
  values.reserve(model.num_nonzeros());
  row_lower.reserve(model.num_rows());
  row_upper.reserve(model.num_rows());
  std::map<int, double> merged;
  for (const Row& row : model.rows()) {
    merged.clear();
    for (size_t k = 0; k < row.indices.size(); ++k) merged[row.indices[k]] += row.values[k];
    for (const auto& [j, a] : merged) {
      if (a == 0.0) continue;
      indices.push_back(j);
      values.push_back(a);
    }
    starts.push_back(static_cast<CoinBigIndex>(indices.size()));
    row_lower.push_back(to_coin(row.lower, inf));
    row_upper.push_back(to_coin(row.upper, inf));
  }
  const CoinPackedMatrix matrix(false, n, model.num_rows(), static_cast<CoinBigIndex>(indices.size()), values.data(),
                                indices.data(), starts.data(), nullptr);

  solver.loadProblem(matrix, col_lower.data(), col_upper.data(), objective.data(), row_lower.data(), row_upper.data());
  for (int j = 0; j < n; ++j)
    if (model.columns()[j].integer) solver.setInteger(j);
  solver.setObjSense(form == ObjectiveForm::native ? sense_sign(model.sense) : 1.0);

  // Name discipline 2 (full names) so setColName is kept and CBC can match a MIP start.
  solver.setIntParam(OsiNameDiscipline, 2);
  const std::vector<std::string> cols = column_names(model);
  for (int j = 0; j < n; ++j) solver.setColName(j, cols[j]);
  const std::vector<std::string> rows = row_names(model);
  for (int i = 0; i < model.num_rows(); ++i) solver.setRowName(i, rows[i]);
}

void silence(OsiClpSolverInterface& solver) {
  solver.messageHandler()->setLogLevel(0);
  solver.getModelPtr()->messageHandler()->setLogLevel(0);
  solver.setHintParam(OsiDoReducePrint, true, OsiHintTry);
}

}  // namespace nnmip::coin
