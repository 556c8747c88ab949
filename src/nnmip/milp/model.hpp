#pragma once
// A solver-neutral mixed-integer linear program:
//   optimize  c^T v + offset   (sense: maximize or minimize)
//   s.t.      row_lower <= A v <= row_upper,   col_lower <= v <= col_upper,
//             v_k integer for integer columns.
// Columns and rows are addressed by index; names exist only for MPS/LP files
// and MIP starts. Infinite bounds use +-kInfinity.
#include <limits>
#include <string>
#include <vector>

namespace nnmip {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

enum class Sense { maximize, minimize };

struct Column {
  double lower = 0.0;
  double upper = kInfinity;
  bool integer = false;
  double objective = 0.0;
  std::string name;
};

struct Row {
  std::vector<int> indices;
  std::vector<double> values;
  double lower = -kInfinity;
  double upper = kInfinity;
  std::string name;
};

class MilpModel {
 public:
  Sense sense = Sense::maximize;
  double objective_offset = 0.0;

  int add_column(double lower, double upper, bool integer, std::string name);
  /// Adds lower <= sum values[k] * v[indices[k]] <= upper; zero coefficients are dropped.
  int add_row(std::vector<int> indices, std::vector<double> values, double lower, double upper, std::string name);
  void set_objective(int column, double coefficient) { columns_.at(column).objective = coefficient; }

  const std::vector<Column>& columns() const { return columns_; }
  const std::vector<Row>& rows() const { return rows_; }
  Column& column(int j) { return columns_.at(j); }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  int num_rows() const { return static_cast<int>(rows_.size()); }
  int num_integers() const;
  long num_nonzeros() const;

  /// c^T v + offset at a point v.
  double objective_value(const std::vector<double>& v) const;
  /// Largest violation of a row, a column bound or integrality at v (0 when feasible).
  double max_violation(const std::vector<double>& v) const;

 private:
  std::vector<Column> columns_;
  std::vector<Row> rows_;
};

}  // namespace nnmip
