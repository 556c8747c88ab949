#pragma once
// The two optimization problems of the paper over a network N:
//
// Verification, VNN(N, x0, eps, j, j') (eq. 7):
//   max  y_{j'} - y_j   s.t.  ||x - x0|| <= eps (L1, or L-infinity),  x in X,  y = N(x)
//   with X the input domain (the paper's [0,1]^n0 for images; none: the ball alone).
//   An objective >= 0 is an adversarial input (j' reaches j's score); a negative
//   optimum proves none exists. Untargeted (j' = every other class): adversarial
//   when some class reaches j's score, robust when no class can; algorithms/
//   verification.hpp decides it as a property (property/property.hpp).
//
// Function maximization, FM(N) (eq. 8), with a linear objective over the outputs:
//   max (or min)  c^T y   s.t.  x in box,  y = N(x)      (the paper: c = e_k)
#include <optional>
#include <string>
#include <vector>

#include "nnmip/formulation/network_model.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

enum class Norm { l1, linf };
Norm parse_norm(const std::string& name);
const char* to_string(Norm norm);

/// target_class value: every class other than the true class (untargeted).
inline constexpr int kEveryOtherClass = -1;

struct VerificationProblem {
  Vector center;         // x0
  double epsilon = 0.0;  // radius of the ball
  Norm norm = Norm::l1;
  int true_class = 0;    // j: the label (the paper: the class the network gives x0)
  int target_class = 1;  // j': the class that should reach j, or kEveryOtherClass
  /// The input domain X (images: [0,1] per pixel); nullopt: the ball alone.
  std::optional<Box> domain = std::nullopt;
};

/// Throws nnmip::Error for eps <= 0, classes out of range or equal, x0 of the
/// wrong size or outside the domain (naming the coordinate).
void check_problem(const Network& network, const VerificationProblem& problem);
/// The classes j' the problem asks about, in increasing order.
std::vector<int> target_classes(const Network& network, const VerificationProblem& problem);
/// The ball intersected with the domain.
InputDomain verification_domain(const VerificationProblem& problem);
/// The model of eq. 7 for one target class (not kEveryOtherClass).
NetworkModel build_verification_model(const Network& network, const VerificationProblem& problem,
                                      const BoundsOptions& options);

struct MaximizationProblem {
  Box domain;
  Vector objective;  // c, one entry per output
  bool minimize = false;
};

/// e_k with `outputs` entries: the paper's objective y_k.
Vector unit_objective(int outputs, int k);

void check_problem(const Network& network, const MaximizationProblem& problem);
NetworkModel build_maximization_model(const Network& network, const MaximizationProblem& problem,
                                      const BoundsOptions& options);

}  // namespace nnmip
