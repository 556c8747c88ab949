#pragma once
// The set X of inputs an optimization ranges over:
//   box:      lower <= x <= upper                         (pixel domain [0,1], eq. 8c)
//   L1 ball:  sum_k |x_k - c_k| <= eps   (eq. 7b), linearized with distance columns d_k:
//             d_k >= x_k - c_k,  d_k >= c_k - x_k,  sum_k d_k <= eps,  0 <= d_k <= eps.
//   An L-infinity ball |x_k - c_k| <= eps is a box and is folded into it.
#include <optional>
#include <vector>

#include "nnmip/bounds/interval_bounds.hpp"
#include "nnmip/milp/model.hpp"

namespace nnmip {

struct InputDomain {
  Box box;                   // always present; for balls, already intersected with the ball's box
  std::optional<L1Ball> l1;  // the L1 constraint, when the domain has one
  bool contains(const Vector& x, double tolerance) const;
};

/// Columns that model the domain: x, and the distances d for an L1 ball.
struct DomainColumns {
  std::vector<int> input;
  std::vector<int> distance;  // empty without an L1 ball
};

DomainColumns add_input_domain(MilpModel& model, const InputDomain& domain);

/// The point of the domain nearest to x in the Euclidean norm (exact):
///   box only:      clamp to [lower, upper];
///   box + L1 ball: with d = x - c, the projection is d_k(lambda) =
///     clamp(sign(d_k) max(|d_k| - lambda, 0), lower_k - c_k, upper_k - c_k)
///     (KKT of min ||d' - d||^2 + lambda (||d'||_1 - eps) over the box, separable),
///     with lambda = 0 when ||d(0)||_1 <= eps, else the root of ||d(lambda)||_1 = eps
///     (non-increasing in lambda; found by bisection to machine precision).
/// Used to undo the solver's feasibility tolerance and by the gradient heuristic.
Vector project_into(const InputDomain& domain, const Vector& x);

/// Fills the domain's columns of a model point for input x (d_k = |x_k - c_k|).
void set_domain_point(const InputDomain& domain, const DomainColumns& columns, const Vector& x,
                      std::vector<double>& point);

}  // namespace nnmip
