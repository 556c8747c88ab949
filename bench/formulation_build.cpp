// Model-building speed and memory: the maximization MILP of the paper's
// largest function-maximization network (10000 inputs, 5 hidden layers of 200)
// and the verification MILP of a 28x28 4x64 classifier.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "nnmip/formulation/problems.hpp"
#include "nnmip/training/initialization.hpp"

using namespace nnmip;

namespace {

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void report(benchmark::State& state, const NetworkModel& built) {
  state.counters["columns"] = built.stats.columns;
  state.counters["rows"] = built.stats.rows;
  state.counters["binaries"] = built.stats.binaries;
  state.counters["nonzeros"] = static_cast<double>(built.stats.nonzeros);
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}

void MaximizeModel_10000x5x200(benchmark::State& state) {
  const Network network = init_pytorch_default(make_architecture(10000, 5, 200, 1), 0);
  const MaximizationProblem problem{Box{Vector::Zero(10000), Vector::Ones(10000)},
                                    unit_objective(network.output_size(), 0)};
  NetworkModel built;
  for (auto _ : state) {
    built = build_maximization_model(network, problem, {});
    benchmark::DoNotOptimize(built.model.num_rows());
  }
  report(state, built);
}
BENCHMARK(MaximizeModel_10000x5x200)->Unit(benchmark::kMillisecond)->Iterations(3);

void VerifyModel_784x4x64(benchmark::State& state) {
  const Network network = init_xavier_uniform(make_architecture(784, 4, 64, 10), 0);
  VerificationProblem problem;
  problem.center = Vector::Constant(784, 0.5);
  problem.epsilon = 5.0;
  problem.true_class = 0;
  problem.target_class = 1;
  NetworkModel built;
  for (auto _ : state) {
    built = build_verification_model(network, problem, {});
    benchmark::DoNotOptimize(built.model.num_rows());
  }
  report(state, built);
}
BENCHMARK(VerifyModel_784x4x64)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
