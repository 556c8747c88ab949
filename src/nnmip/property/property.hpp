#pragma once
// A property of a network N in the form VNN-LIB and untargeted verification
// share: it describes the bad behaviour, and asks whether it can happen.
//
//   sat   <=>  there is a case i and an x in its box X_i with y = N(x) such that
//              OR_j AND_k ( c_jk^T y <= d_jk )           (a counterexample)
//   unsat <=>  no case has such an x (the safety property holds)
//
// Each output constraint c^T y <= d is measured by its satisfaction
// s(y) = d - c^T y (>= 0 exactly when it holds), a conjunction by the smallest
// and a disjunction by the largest of them:
//   S(y) = max_j min_k (d_jk - c_jk^T y),   sat at x  <=>  S(N(x)) >= 0.
// Untargeted robustness of label l around x0 is one case (the ball) with the
// disjuncts y_l - y_j <= 0 for every j != l: some other class reaches l's score.
#include <string>
#include <vector>

#include "nnmip/bounds/interval_bounds.hpp"

namespace nnmip {

/// c^T y <= rhs.
struct OutputConstraint {
  Vector coefficients;  // one per output
  double rhs = 0.0;
  std::string text;  // as the user wrote it (messages), e.g. "(<= Y_0 Y_1)" or "y_3 >= y_7"
};

struct Conjunction {
  std::vector<OutputConstraint> constraints;  // never empty
  std::string text;                           // for messages; may be empty
};

/// One input box with the disjunction of output conjunctions asked over it.
struct PropertyCase {
  Box input;
  std::vector<Conjunction> disjuncts;  // never empty
};

struct Property {
  int inputs = 0;
  int outputs = 0;
  std::vector<PropertyCase> cases;  // never empty
};

/// d - c^T y.
double satisfaction(const OutputConstraint& constraint, const Vector& y);
/// min_k of the conjunction's satisfactions.
double satisfaction(const Conjunction& conjunction, const Vector& y);
/// max_j over the disjuncts.
double satisfaction(const std::vector<Conjunction>& disjuncts, const Vector& y);

}  // namespace nnmip
