#include "nnmip/property/property.hpp"

#include <algorithm>
#include <limits>

namespace nnmip {

double satisfaction(const OutputConstraint& constraint, const Vector& y) {
  return constraint.rhs - constraint.coefficients.dot(y);
}

double satisfaction(const Conjunction& conjunction, const Vector& y) {
  double value = std::numeric_limits<double>::infinity();
  for (const OutputConstraint& c : conjunction.constraints) value = std::min(value, satisfaction(c, y));
  return value;
}

double satisfaction(const std::vector<Conjunction>& disjuncts, const Vector& y) {
  double value = -std::numeric_limits<double>::infinity();
  for (const Conjunction& d : disjuncts) value = std::max(value, satisfaction(d, y));
  return value;
}

}  // namespace nnmip
