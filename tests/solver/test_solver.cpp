// Tests of the CBC adapter on tiny models whose answers are known by hand or
// by brute force.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "nnmip/milp/model.hpp"
#include "nnmip/solver/milp_solver.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {
namespace {

constexpr double kTol = 1e-6;

SolverOptions quick_options(double time_limit_s = 30.0) {
  SolverOptions options;
  options.time_limit_s = time_limit_s;
  options.threads = 1;
  options.log_level = 0;
  return options;
}

SolveResult solve(const MilpModel& model, const SolverOptions& options = quick_options(),
                  const IncumbentCallback& callback = {},
                  const std::optional<std::vector<double>>& start = std::nullopt) {
  return make_cbc_solver()->solve(model, options, callback, start);
}

/// Deterministic pseudo-random integers in [lo, hi] (tests must not depend on <random>'s
/// implementation-defined distributions).
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed * 6364136223846793005ULL + 1442695040888963407ULL) {}
  int next(int lo, int hi) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + static_cast<int>((state_ >> 33) % static_cast<uint64_t>(hi - lo + 1));
  }

 private:
  uint64_t state_;
};

/// max sum v_i x_i  s.t.  sum w_ki x_i <= cap_k (k < constraints), x binary.
/// Correlated values (v_i = mean weight of item i + noise) make it hard: with
/// 100 items and 10 constraints CBC does not prove optimality within 20 s.
struct Knapsack {
  std::vector<int> values;
  std::vector<std::vector<int>> weights;
  std::vector<int> capacities;
  MilpModel model;
};

Knapsack make_knapsack(int items, int constraints, uint64_t seed, bool correlated = false) {
  Lcg rng(seed);
  Knapsack k;
  k.weights.assign(constraints, {});
  for (int c = 0; c < constraints; ++c) {
    int total = 0;
    for (int i = 0; i < items; ++i) {
      k.weights[c].push_back(rng.next(5, 60));
      total += k.weights[c].back();
    }
    k.capacities.push_back(total / 2);
  }
  for (int i = 0; i < items; ++i) {
    int weight_sum = 0;
    for (int c = 0; c < constraints; ++c) weight_sum += k.weights[c][i];
    k.values.push_back(correlated ? weight_sum / constraints + rng.next(0, 10) : rng.next(10, 100));
  }
  k.model.sense = Sense::maximize;
  std::vector<int> indices;
  for (int i = 0; i < items; ++i) {
    indices.push_back(k.model.add_column(0, 1, true, std::string("x").append(std::to_string(i))));
    k.model.set_objective(i, k.values[i]);
  }
  for (int c = 0; c < constraints; ++c) {
    std::vector<double> w(k.weights[c].begin(), k.weights[c].end());
    k.model.add_row(indices, w, -kInfinity, k.capacities[c], std::string("cap").append(std::to_string(c)));
  }
  return k;
}

/// Best value and one best vector over all 2^n binary vectors.
std::pair<double, std::vector<double>> brute_force(const Knapsack& k) {
  const int n = static_cast<int>(k.values.size());
  double best = -1;
  std::vector<double> best_x;
  for (uint32_t mask = 0; mask < (1u << n); ++mask) {
    bool feasible = true;
    for (size_t c = 0; c < k.capacities.size() && feasible; ++c) {
      int used = 0;
      for (int i = 0; i < n; ++i)
        if (mask >> i & 1u) used += k.weights[c][i];
      feasible = used <= k.capacities[c];
    }
    if (!feasible) continue;
    double value = 0;
    for (int i = 0; i < n; ++i)
      if (mask >> i & 1u) value += k.values[i];
    if (value > best) {
      best = value;
      best_x.assign(n, 0.0);
      for (int i = 0; i < n; ++i) best_x[i] = (mask >> i & 1u) ? 1.0 : 0.0;
    }
  }
  return {best, best_x};
}

/// max 3x + 2y  s.t.  x + y <= 4,  x + 3y <= 6,  0 <= x <= 3,  y >= 0:  optimum (3, 1), value 11.
MilpModel small_lp() {
  MilpModel m;
  m.sense = Sense::maximize;
  const int x = m.add_column(0, 3, false, "x");
  const int y = m.add_column(0, kInfinity, false, "y");
  m.set_objective(x, 3);
  m.set_objective(y, 2);
  m.add_row({x, y}, {1, 1}, -kInfinity, 4, "r1");
  m.add_row({x, y}, {1, 3}, -kInfinity, 6, "r2");
  return m;
}

TEST(SolveStatus, ToString) {
  EXPECT_STREQ(to_string(SolveStatus::optimal), "optimal");
  EXPECT_STREQ(to_string(SolveStatus::infeasible), "infeasible");
  EXPECT_STREQ(to_string(SolveStatus::time_limit), "time_limit");
  EXPECT_STREQ(to_string(SolveStatus::stopped_by_callback), "stopped_by_callback");
}

TEST(CbcSolver, LinearProgramMaximize) {
  const MilpModel m = small_lp();
  const SolveResult r = solve(m);
  ASSERT_EQ(r.status, SolveStatus::optimal);
  ASSERT_TRUE(r.has_solution);
  EXPECT_NEAR(r.objective, 11.0, kTol);
  EXPECT_NEAR(r.bound, 11.0, kTol);
  EXPECT_NEAR(r.solution[0], 3.0, kTol);
  EXPECT_NEAR(r.solution[1], 1.0, kTol);
  EXPECT_EQ(make_cbc_solver()->name(), "cbc");
}

TEST(CbcSolver, CallbackSeesTheSolutionOfAPureLp) {
  // No branch and bound, so no CBC incumbent event: the adapter reports it itself.
  const MilpModel m = small_lp();
  std::vector<double> objectives;
  const SolveResult r = solve(m, quick_options(), [&](const std::vector<double>& v, double obj, double) {
    EXPECT_LT(m.max_violation(v), kTol);
    objectives.push_back(obj);
    return CallbackAction::keep_going;
  });
  ASSERT_EQ(r.status, SolveStatus::optimal);
  ASSERT_EQ(objectives.size(), 1u);
  EXPECT_NEAR(objectives[0], 11.0, kTol);
}

TEST(CbcSolver, KnapsackMatchesBruteForce) {
  for (uint64_t seed : {1, 2, 3}) {
    const Knapsack k = make_knapsack(14, 2, seed);
    const double expected = brute_force(k).first;
    const SolveResult r = solve(k.model);
    ASSERT_EQ(r.status, SolveStatus::optimal) << "seed " << seed;
    ASSERT_TRUE(r.has_solution);
    EXPECT_NEAR(r.objective, expected, kTol) << "seed " << seed;
    EXPECT_NEAR(k.model.objective_value(r.solution), expected, kTol);
    EXPECT_LT(k.model.max_violation(r.solution), kTol);
    EXPECT_NEAR(r.bound, expected, 1e-4);
  }
}

TEST(CbcSolver, MinimizeSense) {
  // min 2x + 3y  s.t.  x + y >= 3.5,  x, y integer in [0, 10]:  (4, 0), value 8.
  MilpModel m;
  m.sense = Sense::minimize;
  const int x = m.add_column(0, 10, true, "x");
  const int y = m.add_column(0, 10, true, "y");
  m.set_objective(x, 2);
  m.set_objective(y, 3);
  m.add_row({x, y}, {1, 1}, 3.5, kInfinity, "cover");
  const SolveResult r = solve(m);
  ASSERT_EQ(r.status, SolveStatus::optimal);
  EXPECT_NEAR(r.objective, 8.0, kTol);
  EXPECT_NEAR(r.bound, 8.0, kTol);
  EXPECT_NEAR(r.solution[0], 4.0, kTol);
  EXPECT_NEAR(r.solution[1], 0.0, kTol);
}

TEST(CbcSolver, MaximizeNegativeObjective) {
  // max -x - y  s.t.  x + y >= 2.5, integers >= 0:  value -3 (sign must survive the negation).
  MilpModel m;
  m.sense = Sense::maximize;
  const int x = m.add_column(0, 10, true, "x");
  const int y = m.add_column(0, 10, true, "y");
  m.set_objective(x, -1);
  m.set_objective(y, -1);
  m.add_row({x, y}, {1, 1}, 2.5, kInfinity, "cover");
  const SolveResult r = solve(m);
  ASSERT_EQ(r.status, SolveStatus::optimal);
  EXPECT_NEAR(r.objective, -3.0, kTol);
  EXPECT_NEAR(r.bound, -3.0, kTol);
}

TEST(CbcSolver, ObjectiveOffset) {
  Knapsack k = make_knapsack(12, 1, 7);
  const double expected = brute_force(k).first;
  k.model.objective_offset = -1000.5;
  std::vector<double> reported;
  const SolveResult r = solve(k.model, quick_options(), [&](const std::vector<double>&, double obj, double) {
    reported.push_back(obj);
    return CallbackAction::keep_going;
  });
  ASSERT_EQ(r.status, SolveStatus::optimal);
  EXPECT_NEAR(r.objective, expected - 1000.5, kTol);
  EXPECT_NEAR(r.bound, expected - 1000.5, 1e-4);
  ASSERT_FALSE(reported.empty());
  EXPECT_NEAR(reported.back(), expected - 1000.5, kTol);
}

TEST(CbcSolver, InfeasibleLpRelaxation) {
  // x + y >= 3 with binaries: even the LP relaxation is infeasible.
  MilpModel m;
  const int x = m.add_column(0, 1, true, "x");
  const int y = m.add_column(0, 1, true, "y");
  m.set_objective(x, 1);
  m.add_row({x, y}, {1, 1}, 3, kInfinity, "impossible");
  const SolveResult r = solve(m);
  EXPECT_EQ(r.status, SolveStatus::infeasible);
  EXPECT_FALSE(r.has_solution);
}

TEST(CbcSolver, InfeasibleIntegrality) {
  // 2x + 2y = 3 with integers: the LP relaxation is feasible, the MILP is not.
  MilpModel m;
  const int x = m.add_column(0, 5, true, "x");
  const int y = m.add_column(0, 5, true, "y");
  m.set_objective(x, 1);
  m.set_objective(y, 1);
  m.add_row({x, y}, {2, 2}, 3, 3, "odd");
  const SolveResult r = solve(m);
  EXPECT_EQ(r.status, SolveStatus::infeasible);
  EXPECT_FALSE(r.has_solution);
}

TEST(CbcSolver, SilentAtLogLevelZero) {
  const Knapsack k = make_knapsack(20, 2, 11);
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  const SolveResult r = solve(k.model);
  // With a MIP start (CBC prints about MIP starts) and a callback stop too.
  const SolveResult r2 = solve(
      k.model, quick_options(), [](const std::vector<double>&, double, double) { return CallbackAction::stop; },
      std::vector<double>(20, 0.0));
  const SolveResult r3 = solve(k.model, quick_options(), {}, std::vector<double>(20, 0.0));
  const std::string out = testing::internal::GetCapturedStdout();
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(r.status, SolveStatus::optimal);
  EXPECT_EQ(r2.status, SolveStatus::stopped_by_callback);
  EXPECT_EQ(r3.status, SolveStatus::optimal);
  EXPECT_EQ(out, "");
  EXPECT_EQ(err, "");
}

TEST(CbcSolver, CallbackSeesEveryIncumbentFeasibleAndImproving) {
  const Knapsack k = make_knapsack(40, 3, 5);
  struct Report {
    std::vector<double> values;
    double objective;
    double elapsed;
  };
  std::vector<Report> reports;
  const SolveResult r = solve(k.model, quick_options(60), [&](const std::vector<double>& v, double obj, double t) {
    reports.push_back({v, obj, t});
    return CallbackAction::keep_going;
  });
  ASSERT_TRUE(r.has_solution);
  ASSERT_FALSE(reports.empty());
  for (size_t i = 0; i < reports.size(); ++i) {
    const Report& rep = reports[i];
    ASSERT_EQ(static_cast<int>(rep.values.size()), k.model.num_columns());
    EXPECT_LT(k.model.max_violation(rep.values), kTol) << "incumbent " << i;
    EXPECT_NEAR(rep.objective, k.model.objective_value(rep.values), kTol) << "incumbent " << i;
    EXPECT_GE(rep.elapsed, 0.0);
    if (i > 0) {
      EXPECT_NE(rep.values, reports[i - 1].values) << "duplicate report " << i;
      EXPECT_GE(rep.objective, reports[i - 1].objective - kTol) << "incumbent " << i << " is worse";
      EXPECT_GE(rep.elapsed, reports[i - 1].elapsed);
    }
  }
  // The final answer is the last incumbent reported.
  EXPECT_NEAR(reports.back().objective, r.objective, kTol);
}

TEST(CbcSolver, SameSeedSameRunWithOneThread) {
  const Knapsack k = make_knapsack(50, 4, 8, true);
  auto run = [&](int seed) {
    SolverOptions options = quick_options(60);
    options.random_seed = seed;
    std::vector<std::vector<double>> incumbents;
    const SolveResult r = solve(k.model, options, [&](const std::vector<double>& v, double, double) {
      incumbents.push_back(v);
      return CallbackAction::keep_going;
    });
    EXPECT_EQ(r.status, SolveStatus::optimal);
    return std::make_pair(r.nodes, incumbents);
  };
  EXPECT_EQ(run(3), run(3));
}

TEST(CbcSolver, StopRequestEndsTheSolve) {
  // CBC needs far longer than the 60 s limit to prove this one optimal.
  const Knapsack k = make_knapsack(100, 10, 1, true);
  int calls = 0;
  int calls_after_stop = 0;
  bool stopped = false;
  const auto begin = std::chrono::steady_clock::now();
  const SolveResult r = solve(k.model, quick_options(60), [&](const std::vector<double>&, double, double) {
    ++calls;
    if (stopped) ++calls_after_stop;
    stopped = true;
    return CallbackAction::stop;
  });
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  EXPECT_EQ(r.status, SolveStatus::stopped_by_callback);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(calls_after_stop, 0);
  EXPECT_TRUE(r.has_solution);
  EXPECT_LT(wall, 20.0) << "sanity bound only: the stop should end the solve at once";
}

TEST(CbcSolver, StopAfterSeveralIncumbents) {
  const Knapsack k = make_knapsack(100, 10, 2, true);
  int calls = 0;
  const SolveResult r = solve(k.model, quick_options(60), [&](const std::vector<double>&, double, double) {
    ++calls;
    return calls >= 3 ? CallbackAction::stop : CallbackAction::keep_going;
  });
  EXPECT_EQ(r.status, SolveStatus::stopped_by_callback);
  EXPECT_EQ(calls, 3);
  EXPECT_LT(r.solve_time_s, 50.0);  // sanity bound only
}

TEST(CbcSolver, StopWithTwoThreads) {
  const Knapsack k = make_knapsack(100, 10, 3, true);
  SolverOptions options = quick_options(60);
  options.threads = 2;
  int calls = 0;
  const SolveResult r = solve(k.model, options, [&](const std::vector<double>& v, double obj, double) {
    ++calls;
    EXPECT_LT(k.model.max_violation(v), kTol);
    EXPECT_NEAR(obj, k.model.objective_value(v), kTol);
    return calls >= 2 ? CallbackAction::stop : CallbackAction::keep_going;
  });
  EXPECT_EQ(r.status, SolveStatus::stopped_by_callback);
  EXPECT_EQ(calls, 2);
  EXPECT_LT(r.solve_time_s, 50.0);  // sanity bound only
}

TEST(CbcSolver, CallbackExceptionPropagates) {
  const Knapsack k = make_knapsack(30, 2, 3);
  EXPECT_THROW(
      solve(k.model, quick_options(),
            [](const std::vector<double>&, double, double) -> CallbackAction { throw Error("from the callback"); }),
      Error);
}

TEST(CbcSolver, MipStartIsTheFirstIncumbent) {
  const Knapsack k = make_knapsack(16, 2, 9);
  const auto [best, best_x] = brute_force(k);
  std::vector<double> first_values;
  double first_objective = std::nan("");
  int calls = 0;
  const SolveResult r = solve(
      k.model, quick_options(),
      [&](const std::vector<double>& v, double obj, double) {
        if (calls++ == 0) {
          first_values = v;
          first_objective = obj;
        }
        return CallbackAction::keep_going;
      },
      best_x);
  ASSERT_EQ(r.status, SolveStatus::optimal);
  EXPECT_NEAR(first_objective, best, kTol);
  EXPECT_LT(k.model.max_violation(first_values), kTol);
  EXPECT_NEAR(r.objective, best, kTol);
}

TEST(CbcSolver, MipStartStopAtOnce) {
  // The callback may stop at the MIP start itself.
  const Knapsack k = make_knapsack(100, 10, 4, true);
  std::vector<double> start(100, 0.0);  // all zero: feasible, value 0
  int calls = 0;
  const SolveResult r = solve(
      k.model, quick_options(60),
      [&](const std::vector<double>&, double obj, double) {
        ++calls;
        EXPECT_NEAR(obj, 0.0, kTol);
        return CallbackAction::stop;
      },
      start);
  EXPECT_EQ(r.status, SolveStatus::stopped_by_callback);
  EXPECT_EQ(calls, 1);
  ASSERT_TRUE(r.has_solution);
  EXPECT_NEAR(r.objective, 0.0, kTol);
}

TEST(CbcSolver, InfeasibleMipStartIsIgnored) {
  const Knapsack k = make_knapsack(14, 2, 10);
  const double best = brute_force(k).first;
  std::vector<double> start(14, 1.0);  // everything packed: violates the capacities
  std::vector<double> objectives;
  const SolveResult r = solve(
      k.model, quick_options(),
      [&](const std::vector<double>& v, double obj, double) {
        EXPECT_LT(k.model.max_violation(v), kTol);
        objectives.push_back(obj);
        return CallbackAction::keep_going;
      },
      start);
  ASSERT_EQ(r.status, SolveStatus::optimal);
  EXPECT_NEAR(r.objective, best, kTol);
}

TEST(CbcSolver, MipStartOfWrongSizeThrows) {
  const Knapsack k = make_knapsack(10, 1, 1);
  EXPECT_THROW(solve(k.model, quick_options(), {}, std::vector<double>(3, 0.0)), Error);
}

TEST(CbcSolver, TimeLimitReported) {
  const Knapsack k = make_knapsack(100, 10, 1, true);
  const SolveResult r = solve(k.model, quick_options(1.0));
  EXPECT_EQ(r.status, SolveStatus::time_limit);
  EXPECT_LT(r.solve_time_s, 30.0);  // sanity bound only
  // (No check that branching started: whether it does within 1 s depends on the
  // machine; under the sanitizer build the root alone took the second.)
  if (r.has_solution) {
    EXPECT_LT(k.model.max_violation(r.solution), kTol);
    EXPECT_GE(r.bound, r.objective - kTol);  // maximize: the bound is above the incumbent
  }
}

TEST(CbcSolver, NodeLimitStopsAtTheSamePointEveryTime) {
  const Knapsack k = make_knapsack(100, 10, 1, true);  // far from solved at the root (see above)
  SolverOptions options = quick_options(600);
  options.node_limit = 3;
  const SolveResult a = solve(k.model, options), b = solve(k.model, options);
  EXPECT_EQ(a.status, SolveStatus::node_limit);
  EXPECT_EQ(a.nodes, b.nodes);
  EXPECT_EQ(a.has_solution, b.has_solution);
  if (a.has_solution) {
    EXPECT_EQ(a.objective, b.objective);
    EXPECT_LT(k.model.max_violation(a.solution), kTol);
    EXPECT_GE(a.bound, a.objective - kTol);
  }
  EXPECT_STREQ(to_string(SolveStatus::node_limit), "node_limit");
}

TEST(CbcSolver, ManySolutionsStillCorrect) {
  const Knapsack k = make_knapsack(18, 3, 4, true);
  SolverOptions options = quick_options();
  options.many_solutions = true;
  testing::internal::CaptureStdout();
  const SolveResult r = solve(k.model, options);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  ASSERT_EQ(r.status, SolveStatus::optimal);
  EXPECT_NEAR(r.objective, brute_force(k).first, kTol);
}

// --- LP relaxation ---------------------------------------------------------------

TEST(ClpRelaxation, OptimizesAnyObjective) {
  // x + y <= 4, x + 3y <= 6, x in [0, 3], y >= 0 (x integer, relaxed).
  MilpModel m = small_lp();
  m.column(0).integer = true;
  auto lp = make_lp_relaxation(m);
  EXPECT_NEAR(lp->optimize({0, 1}, {1, 1}, Sense::maximize).value(), 4.0, kTol);
  EXPECT_NEAR(lp->optimize({1}, {1}, Sense::maximize).value(), 2.0, kTol);
  EXPECT_NEAR(lp->optimize({1}, {1}, Sense::minimize).value(), 0.0, kTol);
  EXPECT_NEAR(lp->optimize({0}, {1}, Sense::maximize).value(), 3.0, kTol);
  EXPECT_NEAR(lp->optimize({0, 1}, {3, 2}, Sense::maximize).value(), 11.0, kTol);
  EXPECT_NEAR(lp->optimize({0, 1}, {-1, -1}, Sense::minimize).value(), -4.0, kTol);
  // Previous objective coefficients must not leak into the next call.
  EXPECT_NEAR(lp->optimize({1}, {-1}, Sense::maximize).value(), 0.0, kTol);
  // Fractional optimum of the relaxation: max y - x over x + 3y <= 6 gives 2.
  EXPECT_NEAR(lp->optimize({0, 1}, {-1, 1}, Sense::maximize).value(), 2.0, kTol);
  // Duplicate indices add up.
  EXPECT_NEAR(lp->optimize({0, 0}, {1, 1}, Sense::maximize).value(), 6.0, kTol);
}

TEST(ClpRelaxation, RelaxesIntegrality) {
  // max x  s.t. 2x <= 3, x integer: the relaxation gives 1.5.
  MilpModel m;
  const int x = m.add_column(0, 10, true, "x");
  m.add_row({x}, {2}, -kInfinity, 3, "r");
  auto lp = make_lp_relaxation(m);
  EXPECT_NEAR(lp->optimize({x}, {1}, Sense::maximize).value(), 1.5, kTol);
}

TEST(ClpRelaxation, UnboundedAndInfeasibleGiveNullopt) {
  MilpModel m;
  const int x = m.add_column(0, kInfinity, false, "x");
  m.add_row({x}, {1}, 1, kInfinity, "r");
  auto lp = make_lp_relaxation(m);
  EXPECT_FALSE(lp->optimize({x}, {1}, Sense::maximize).has_value());
  EXPECT_NEAR(lp->optimize({x}, {1}, Sense::minimize).value(), 1.0, kTol);

  MilpModel bad;
  const int y = bad.add_column(0, 1, false, "y");
  bad.add_row({y}, {1}, 2, kInfinity, "r");
  auto lp2 = make_lp_relaxation(bad);
  EXPECT_FALSE(lp2->optimize({y}, {1}, Sense::maximize).has_value());
}

TEST(ClpRelaxation, Silent) {
  const Knapsack k = make_knapsack(30, 3, 2);
  testing::internal::CaptureStdout();
  auto lp = make_lp_relaxation(k.model);
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(lp->optimize({i}, {1}, Sense::maximize).has_value());
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
}

// --- model files -----------------------------------------------------------------

class ModelFile : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("nnmip_test_solver_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::string read(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::filesystem::path dir_;
};

MilpModel named_model() {
  MilpModel m = small_lp();
  m.column(0).integer = true;
  m.objective_offset = 2.5;
  return m;
}

TEST_F(ModelFile, MpsLandsAtExactPathWithNamesAndSense) {
  const auto path = dir_ / "model.txt";  // any extension, nothing appended
  write_model_file(named_model(), path.string(), ModelFileFormat::mps);
  ASSERT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), std::filesystem::directory_iterator()), 1);
  const std::string text = read(path);
  // Maximize is written as "minimize -f" with a comment: objective coefficients negated.
  EXPECT_NE(text.find("MAXIMIZES"), std::string::npos);
  EXPECT_NE(text.find("x OBJROW -3"), std::string::npos) << text;
  EXPECT_NE(text.find("y OBJROW -2"), std::string::npos) << text;
  EXPECT_NE(text.find("UI BOUND x 3"), std::string::npos) << text;  // x integer in [0, 3]
  for (const char* name : {"r1", "r2"}) EXPECT_NE(text.find(name), std::string::npos) << name;
}

TEST_F(ModelFile, LpLandsAtExactPathWithNamesAndSense) {
  const auto path = dir_ / "model.lp";
  write_model_file(named_model(), path.string(), ModelFileFormat::lp);
  ASSERT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), std::filesystem::directory_iterator()), 1);
  const std::string text = read(path);
  EXPECT_NE(text.find("Maximize"), std::string::npos);
  EXPECT_EQ(text.find("Minimize"), std::string::npos);
  for (const char* name : {"x", "y", "r1:", "r2:", "Integers"}) EXPECT_NE(text.find(name), std::string::npos) << name;
}

TEST_F(ModelFile, MinimizeWritesNoMaxSense) {
  MilpModel m = named_model();
  m.sense = Sense::minimize;
  write_model_file(m, (dir_ / "a.mps").string(), ModelFileFormat::mps);
  write_model_file(m, (dir_ / "a.lp").string(), ModelFileFormat::lp);
  EXPECT_EQ(read(dir_ / "a.mps").find("MAXIMIZES"), std::string::npos);
  EXPECT_NE(read(dir_ / "a.mps").find("x OBJROW 3"), std::string::npos);
  EXPECT_NE(read(dir_ / "a.lp").find("Minimize"), std::string::npos);
}

TEST_F(ModelFile, UnnamedColumnsGetGeneratedNames) {
  MilpModel m;
  m.add_column(0, 1, true, "");
  m.add_column(0, 1, true, "");
  m.add_row({0, 1}, {1, 1}, -kInfinity, 1, "");
  write_model_file(m, (dir_ / "u.mps").string(), ModelFileFormat::mps);
  const std::string text = read(dir_ / "u.mps");
  EXPECT_NE(text.find("C0"), std::string::npos);
  EXPECT_NE(text.find("C1"), std::string::npos);
  EXPECT_NE(text.find("R0"), std::string::npos);
}

TEST_F(ModelFile, LpNamesWithBracketsSurvive) {
  MilpModel m;
  const int a = m.add_column(0, 1, true, "h[1][2]");
  const int b = m.add_column(0, 1, true, "l1:z_0");
  m.set_objective(a, 1);
  m.add_row({a, b}, {1, 1}, -kInfinity, 1, "relu[0]");
  write_model_file(m, (dir_ / "n.lp").string(), ModelFileFormat::lp);
  const std::string text = read(dir_ / "n.lp");
  EXPECT_NE(text.find("h(1)(2)"), std::string::npos) << text;
  EXPECT_NE(text.find("l1.z_0"), std::string::npos) << text;
  EXPECT_NE(text.find("relu(0):"), std::string::npos) << text;
}

TEST_F(ModelFile, MissingDirectoryThrowsWithPath) {
  const std::string path = (dir_ / "no_such_dir" / "model.mps").string();
  for (ModelFileFormat format : {ModelFileFormat::mps, ModelFileFormat::lp}) {
    try {
      write_model_file(named_model(), path, format);
      FAIL() << "expected nnmip::Error";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
  }
}

// --- The relaxation hook ------------------------------------------------------

TEST(RelaxationHook, SeesTheFractionalRootLpAndItsCandidateBecomesTheIncumbent) {
  const Knapsack k = make_knapsack(16, 3, 11);
  const double best = brute_force(k).first;
  // A feasible point no solver would find first: only item 0 packed.
  std::vector<double> single(16, 0.0);
  single[0] = 1.0;
  for (int threads : {1, 2}) {
    SolverOptions options = quick_options(60);
    options.threads = threads;
    // CBC's own heuristics off: before branching, the hook is the only source of incumbents.
    CbcOptions cbc;
    cbc.extra_arguments = {"-heuristicsOnOff", "off"};
    int calls = 0;
    bool saw_fractional = false;
    std::vector<std::vector<double>> incumbents;
    const RelaxationHook hook = [&](const std::vector<double>& lp, double) {
      ++calls;
      EXPECT_EQ(lp.size(), 16u);
      for (double v : lp) {
        EXPECT_GE(v, -kTol);
        EXPECT_LE(v, 1 + kTol);
        saw_fractional |= std::abs(v - std::round(v)) > 1e-6;
      }
      return RelaxationReply{single, CallbackAction::keep_going};
    };
    const SolveResult r = make_cbc_solver(cbc)->solve(
        k.model, options,
        [&](const std::vector<double>& v, double, double) {
          incumbents.push_back(v);
          return CallbackAction::keep_going;
        },
        std::nullopt, hook);
    EXPECT_GE(calls, 1);
    EXPECT_TRUE(saw_fractional);
    EXPECT_EQ(r.status, SolveStatus::optimal);
    EXPECT_NEAR(r.objective, best, kTol);
    ASSERT_FALSE(incumbents.empty());
    EXPECT_EQ(incumbents.front(), single);  // the injected point, reported like any incumbent
    EXPECT_GE(r.relaxations_seen, 1);
  }
}

TEST(RelaxationHook, InfeasibleCandidatesAreIgnored) {
  const Knapsack k = make_knapsack(16, 3, 12);
  const double best = brute_force(k).first;
  const RelaxationHook hook = [&](const std::vector<double>&, double) {
    return RelaxationReply{std::vector<double>(16, 1.0), CallbackAction::keep_going};  // over capacity
  };
  std::vector<double> objectives;
  const SolveResult r = make_cbc_solver()->solve(
      k.model, quick_options(60),
      [&](const std::vector<double>& v, double objective, double) {
        EXPECT_LE(k.model.max_violation(v), kTol);
        objectives.push_back(objective);
        return CallbackAction::keep_going;
      },
      std::nullopt, hook);
  EXPECT_EQ(r.status, SolveStatus::optimal);
  EXPECT_NEAR(r.objective, best, kTol);
  for (double o : objectives) EXPECT_LE(o, best + kTol);
}

TEST(RelaxationHook, StopFromTheHookEndsTheSolve) {
  const Knapsack k = make_knapsack(100, 10, 3, true);  // CBC does not finish this within 60 s
  int calls = 0;
  const RelaxationHook hook = [&](const std::vector<double>&, double) {
    ++calls;
    return RelaxationReply{std::nullopt, CallbackAction::stop};
  };
  const SolveResult r = make_cbc_solver()->solve(k.model, quick_options(60), {}, std::nullopt, hook);
  EXPECT_EQ(r.status, SolveStatus::stopped_by_callback);
  EXPECT_EQ(calls, 1);
}

TEST(SolveLp, SolvesTheRelaxation) {
  const std::optional<LpSolution> lp = solve_lp(small_lp(), 10);
  ASSERT_TRUE(lp.has_value());
  EXPECT_NEAR(lp->objective, 11.0, kTol);
  EXPECT_NEAR(lp->values[0], 3.0, kTol);
  EXPECT_NEAR(lp->values[1], 1.0, kTol);
  // Integer columns are relaxed: max x + y, 2x + 2y <= 3, x, y in {0, 1} -> 1.5 as an LP.
  MilpModel m;
  const int x = m.add_column(0, 1, true, "x");
  const int y = m.add_column(0, 1, true, "y");
  m.set_objective(x, 1);
  m.set_objective(y, 1);
  m.add_row({x, y}, {2, 2}, -kInfinity, 3, "r");
  EXPECT_NEAR(solve_lp(m, 10)->objective, 1.5, kTol);
  // Infeasible: nullopt.
  m.add_row({x}, {1}, 2, kInfinity, "impossible");
  EXPECT_FALSE(solve_lp(m, 10).has_value());
}

// --- The registry ---------------------------------------------------------------

TEST(SolverRegistry, MakesCbcByNameAndNamesTheKnownOnesForAnUnknownName) {
  const auto names = solver_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "cbc"), names.end());
  const auto cbc = make_solver("cbc");
  EXPECT_EQ(cbc->name(), "cbc");
  EXPECT_EQ(cbc->version().rfind("2.", 0), 0u) << cbc->version();  // Debian 12 ships CBC 2.10
  try {
    make_solver("gurobi");
    FAIL() << "an unknown solver was made";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown solver 'gurobi': this nnmip has cbc"), std::string::npos) << e.what();
  }
}

TEST(SolverRegistry, ARegisteredSolverIsMadeByItsName) {
  register_solver("cbc-quiet", [] {
    CbcOptions options;
    options.extra_arguments = {"-heuristicsOnOff", "off"};
    return make_cbc_solver(options);
  });
  const auto names = solver_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "cbc-quiet"), names.end());
  const Knapsack k = make_knapsack(12, 3, 7);
  const SolveResult r = make_solver("cbc-quiet")->solve(k.model, quick_options(60), {}, std::nullopt);
  EXPECT_EQ(r.status, SolveStatus::optimal);
  EXPECT_NEAR(r.objective, brute_force(k).first, 1e-6);
}

}  // namespace
}  // namespace nnmip
