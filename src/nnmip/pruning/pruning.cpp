#include "nnmip/pruning/pruning.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "nnmip/util/error.hpp"
#include "nnmip/util/random.hpp"

namespace nnmip {

namespace {

/// One prunable entry: a weight (layer, row-major index) or a hidden neuron (layer, index),
/// with its ranking key (|w| or the L1 norm of the incoming row).
struct Candidate {
  int layer;
  long index;
  double key;
};

/// round(x) as Python's round() (half to even), which PyTorch's pruning uses.
long round_half_even(double x) { return static_cast<long>(std::nearbyint(x)); }

/// The group of layer l (unstructured) or hidden layer l (structured).
int group_of(int l, PruneScope scope) { return scope == PruneScope::layer ? l : 0; }

bool neuron_removed(const std::vector<Layer>& layers, int l, int i) {
  return layers[l].weights.row(i).isZero(0.0) && layers[l + 1].weights.col(i).isZero(0.0);
}

/// Picks `count` of `candidates` by the criterion: the smallest keys (ties by position,
/// which is the collection order) or a uniformly random subset.
void choose(std::vector<Candidate>& candidates, long count, PruneCriterion criterion, Rng& rng) {
  if (criterion == PruneCriterion::magnitude)
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.key < b.key; });
  else
    rng.shuffle(candidates);
  candidates.resize(static_cast<size_t>(count));
}

std::string quoted_list(const char* a, const char* b) { return std::string("\"") + a + "\" or \"" + b + "\""; }

}  // namespace

PruneCriterion parse_prune_criterion(const std::string& name) {
  if (name == "magnitude") return PruneCriterion::magnitude;
  if (name == "random") return PruneCriterion::random;
  throw Error("unknown pruning criterion \"" + name + "\": use " + quoted_list("magnitude", "random"));
}

PruneStructure parse_prune_structure(const std::string& name) {
  if (name == "unstructured") return PruneStructure::unstructured;
  if (name == "structured") return PruneStructure::structured;
  throw Error("unknown pruning structure \"" + name + "\": use " + quoted_list("unstructured", "structured"));
}

PruneScope parse_prune_scope(const std::string& name) {
  if (name == "layer") return PruneScope::layer;
  if (name == "global") return PruneScope::global;
  throw Error("unknown pruning scope \"" + name + "\": use " + quoted_list("layer", "global"));
}

const char* to_string(PruneCriterion criterion) {
  switch (criterion) {
    case PruneCriterion::magnitude: return "magnitude";
    case PruneCriterion::random: return "random";
  }
  return "unknown";
}

const char* to_string(PruneStructure structure) {
  switch (structure) {
    case PruneStructure::unstructured: return "unstructured";
    case PruneStructure::structured: return "structured";
  }
  return "unknown";
}

const char* to_string(PruneScope scope) {
  switch (scope) {
    case PruneScope::layer: return "layer";
    case PruneScope::global: return "global";
  }
  return "unknown";
}

void check_prune_options(const PruneOptions& options) {
  if (!(options.rate >= 0.0 && options.rate < 1.0)) {
    std::ostringstream message;
    message << "the pruning rate must be in [0, 1) (got " << options.rate << ")";
    throw Error(message.str());
  }
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
  // splitmix64 of seed + golden-ratio increments: distinct streams for distinct (seed, stream).
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::vector<long> prune_group_sizes(const Network& network, PruneStructure structure, PruneScope scope) {
  std::vector<long> sizes;
  const int groups = structure == PruneStructure::unstructured ? network.num_layers() : network.num_hidden_layers();
  if (scope == PruneScope::global)
    sizes.assign(1, 0);
  else
    sizes.assign(std::max(groups, 0), 0);
  for (int l = 0; l < groups; ++l) {
    const Layer& layer = network.layer(l);
    sizes[group_of(l, scope)] +=
        structure == PruneStructure::unstructured ? static_cast<long>(layer.weights.size()) : layer.outputs();
  }
  return sizes;
}

std::vector<long> removed_counts(const Network& network, PruneStructure structure, PruneScope scope) {
  std::vector<long> removed = prune_group_sizes(network, structure, scope);
  std::fill(removed.begin(), removed.end(), 0);
  const std::vector<Layer>& layers = network.layers();
  if (structure == PruneStructure::unstructured) {
    for (int l = 0; l < network.num_layers(); ++l)
      removed[group_of(l, scope)] += static_cast<long>(layers[l].weights.size()) - layers[l].nonzeros();
  } else {
    for (int l = 0; l < network.num_hidden_layers(); ++l)
      for (int i = 0; i < layers[l].outputs(); ++i)
        if (neuron_removed(layers, l, i)) ++removed[group_of(l, scope)];
  }
  return removed;
}

long cumulative_prune_target(long n, double rate, int round, int rounds) {
  if (round >= rounds) return round_half_even(rate * static_cast<double>(n));
  const double fraction = 1.0 - std::pow(1.0 - rate, static_cast<double>(round) / rounds);
  return round_half_even(fraction * static_cast<double>(n));
}

Network prune_to_targets(const Network& network, const PruneOptions& options, const std::vector<long>& targets,
                         std::uint64_t seed) {
  const bool unstructured = options.structure == PruneStructure::unstructured;
  const std::vector<long> removed = removed_counts(network, options.structure, options.scope);
  if (targets.size() != removed.size())
    throw Error("pruning expects " + std::to_string(removed.size()) + " target counts, got " +
                std::to_string(targets.size()));

  if (network.num_layers() == 0) return network;

  // Collect the remaining entries of every group, in position order.
  std::vector<Layer> layers = network.layers();
  std::vector<std::vector<Candidate>> candidates(removed.size());
  if (unstructured) {
    for (int l = 0; l < network.num_layers(); ++l) {
      const Matrix& w = layers[l].weights;
      for (long i = 0; i < w.rows(); ++i)
        for (long j = 0; j < w.cols(); ++j)
          if (w(i, j) != 0.0)
            candidates[group_of(l, options.scope)].push_back({l, i * w.cols() + j, std::abs(w(i, j))});
    }
  } else {
    for (int l = 0; l < network.num_hidden_layers(); ++l)
      for (int i = 0; i < layers[l].outputs(); ++i)
        if (!neuron_removed(layers, l, i))
          candidates[group_of(l, options.scope)].push_back({l, i, layers[l].weights.row(i).cwiseAbs().sum()});
  }

  // Choose and remove, group by group, all random choices from one seeded stream.
  Rng rng(seed);
  for (size_t g = 0; g < candidates.size(); ++g) {
    const long count = std::min<long>(std::max<long>(targets[g] - removed[g], 0), candidates[g].size());
    if (count == 0) continue;
    choose(candidates[g], count, options.criterion, rng);
    for (const Candidate& c : candidates[g]) {
      if (unstructured) {
        Matrix& w = layers[c.layer].weights;
        w(c.index / w.cols(), c.index % w.cols()) = 0.0;
      } else {
        layers[c.layer].weights.row(c.index).setZero();
        layers[c.layer + 1].weights.col(c.index).setZero();
      }
    }
  }
  Network pruned(std::move(layers));
  pruned.set_interface(network.interface());  // written back with the source's names, shapes and precision
  return pruned;
}

Network prune_round(const Network& network, const PruneOptions& options, int round, int rounds) {
  check_prune_options(options);
  if (rounds < 1 || round < 1 || round > rounds)
    throw Error("pruning round " + std::to_string(round) + " of " + std::to_string(rounds) +
                ": need 1 <= round <= rounds");
  std::vector<long> targets = prune_group_sizes(network, options.structure, options.scope);
  for (long& n : targets) n = cumulative_prune_target(n, options.rate, round, rounds);
  return prune_to_targets(network, options, targets, derive_seed(options.seed, round));
}

Network prune(const Network& network, const PruneOptions& options) { return prune_round(network, options, 1, 1); }

}  // namespace nnmip
