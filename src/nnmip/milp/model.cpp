#include "nnmip/milp/model.hpp"

#include <algorithm>
#include <cmath>

#include "nnmip/util/error.hpp"

namespace nnmip {

int MilpModel::add_column(double lower, double upper, bool integer, std::string name) {
  if (lower > upper) throw Error("column " + name + ": lower bound above upper bound");
  columns_.push_back(Column{lower, upper, integer, 0.0, std::move(name)});
  return num_columns() - 1;
}

int MilpModel::add_row(std::vector<int> indices, std::vector<double> values, double lower, double upper,
                       std::string name) {
  Row row;
  row.lower = lower;
  row.upper = upper;
  row.name = std::move(name);
  for (size_t k = 0; k < indices.size(); ++k) {
    if (values[k] == 0.0) continue;
    if (indices[k] < 0 || indices[k] >= num_columns()) throw Error("row " + row.name + ": bad column index");
    row.indices.push_back(indices[k]);
    row.values.push_back(values[k]);
  }
  rows_.push_back(std::move(row));
  return num_rows() - 1;
}

int MilpModel::num_integers() const {
  return static_cast<int>(std::count_if(columns_.begin(), columns_.end(), [](const Column& c) { return c.integer; }));
}

long MilpModel::num_nonzeros() const {
  long n = 0;
  for (const Row& row : rows_) n += static_cast<long>(row.indices.size());
  return n;
}

double MilpModel::objective_value(const std::vector<double>& v) const {
  double value = objective_offset;
  for (int j = 0; j < num_columns(); ++j) value += columns_[j].objective * v.at(j);
  return value;
}

double MilpModel::max_violation(const std::vector<double>& v) const {
  double worst = 0.0;
  for (int j = 0; j < num_columns(); ++j) {
    const Column& c = columns_[j];
    worst = std::max({worst, c.lower - v.at(j), v.at(j) - c.upper});
    if (c.integer) worst = std::max(worst, std::abs(v[j] - std::round(v[j])));
  }
  for (const Row& row : rows_) {
    double activity = 0.0;
    for (size_t k = 0; k < row.indices.size(); ++k) activity += row.values[k] * v[row.indices[k]];
    worst = std::max({worst, row.lower - activity, activity - row.upper});
  }
  return worst;
}

}  // namespace nnmip
