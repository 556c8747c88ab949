#include "nnmip/formulation/input_domain.hpp"

#include <cmath>
#include <string>

namespace nnmip {

bool InputDomain::contains(const Vector& x, double tolerance) const {
  if (x.size() != box.lower.size()) return false;
  if ((x.array() < box.lower.array() - tolerance).any()) return false;
  if ((x.array() > box.upper.array() + tolerance).any()) return false;
  if (l1 && (x - l1->center).lpNorm<1>() > l1->radius + tolerance) return false;
  return true;
}

DomainColumns add_input_domain(MilpModel& model, const InputDomain& domain) {
  DomainColumns columns;
  const int n = static_cast<int>(domain.box.lower.size());
  for (int k = 0; k < n; ++k)
    columns.input.push_back(
        model.add_column(domain.box.lower(k), domain.box.upper(k), false, "x_" + std::to_string(k)));
  if (!domain.l1) return columns;
  const L1Ball& ball = *domain.l1;
  std::vector<int> all_distances;
  std::vector<double> ones;
  for (int k = 0; k < n; ++k) {
    const int d = model.add_column(0.0, ball.radius, false, "d_" + std::to_string(k));
    columns.distance.push_back(d);
    // d_k - x_k >= -c_k   and   d_k + x_k >= c_k
    model.add_row({d, columns.input[k]}, {1.0, -1.0}, -ball.center(k), kInfinity, "dist_pos_" + std::to_string(k));
    model.add_row({d, columns.input[k]}, {1.0, 1.0}, ball.center(k), kInfinity, "dist_neg_" + std::to_string(k));
    all_distances.push_back(d);
    ones.push_back(1.0);
  }
  // sum_k d_k <= eps
  model.add_row(all_distances, ones, -kInfinity, ball.radius, "l1_ball");
  return columns;
}

namespace {

/// d(lambda) of the projection formula, written into out; returns ||d(lambda)||_1.
double shrink(const Vector& d, const Vector& lo, const Vector& hi, double lambda, Vector& out) {
  out = (d.array().abs() - lambda).cwiseMax(0.0) * d.array().sign();
  out = out.cwiseMax(lo).cwiseMin(hi);
  return out.lpNorm<1>();
}

}  // namespace

Vector project_into(const InputDomain& domain, const Vector& x) {
  const Vector clamped = x.cwiseMax(domain.box.lower).cwiseMin(domain.box.upper);
  if (!domain.l1) return clamped;
  const Vector& c = domain.l1->center;
  const double eps = domain.l1->radius;
  const Vector d = x - c;
  const Vector lo = domain.box.lower - c;
  const Vector hi = domain.box.upper - c;
  Vector out;
  if (shrink(d, lo, hi, 0.0, out) <= eps) return c + out;
  double low = 0.0, high = d.cwiseAbs().maxCoeff();
  for (int it = 0; it < 200 && high - low > 1e-15 * (1.0 + high); ++it) {
    const double mid = 0.5 * (low + high);
    (shrink(d, lo, hi, mid, out) > eps ? low : high) = mid;
  }
  shrink(d, lo, hi, high, out);  // the side with ||d||_1 <= eps
  return c + out;
}

void set_domain_point(const InputDomain& domain, const DomainColumns& columns, const Vector& x,
                      std::vector<double>& point) {
  for (size_t k = 0; k < columns.input.size(); ++k) point[columns.input[k]] = x(k);
  for (size_t k = 0; k < columns.distance.size(); ++k)
    point[columns.distance[k]] = std::abs(x(k) - domain.l1->center(k));
}

}  // namespace nnmip
