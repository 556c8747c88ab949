#pragma once
// The two optimization problems of the paper over a network N:
//
// Verification, VNN(N, x0, eps, j, j') (eq. 7):
//   max  y_{j'} - y_j   s.t.  ||x - x0|| <= eps (L1, or L-infinity),  x in [0,1]^n0,  y = N(x)
//   A positive objective is an adversarial input; a non-positive optimum proves none exists.
//
// Function maximization, FM(N) (eq. 8):
//   max  y_k   s.t.  x in box,  y = N(x)
#include <string>

#include "nnmip/formulation/network_model.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

enum class Norm { l1, linf };
Norm parse_norm(const std::string& name);
const char* to_string(Norm norm);

struct VerificationProblem {
  Vector center;          // x0
  double epsilon = 0.0;   // radius of the ball
  Norm norm = Norm::l1;
  int true_class = 0;     // j: the class the network gives x0
  int target_class = 1;   // j': the class that should overtake j
  double pixel_lower = 0.0;
  double pixel_upper = 1.0;
};

/// Throws nnmip::Error for eps <= 0, classes out of range or equal, x0 of the wrong size.
void check_problem(const Network& network, const VerificationProblem& problem);
/// The ball intersected with the pixel box.
InputDomain verification_domain(const VerificationProblem& problem);
/// y_{j'} - y_j at output y.
double verification_margin(const VerificationProblem& problem, const Vector& y);
NetworkModel build_verification_model(const Network& network, const VerificationProblem& problem,
                                      const BoundsOptions& options);

struct MaximizationProblem {
  Box domain;
  int output = 0;  // k
};

void check_problem(const Network& network, const MaximizationProblem& problem);
NetworkModel build_maximization_model(const Network& network, const MaximizationProblem& problem,
                                      const BoundsOptions& options);

}  // namespace nnmip
