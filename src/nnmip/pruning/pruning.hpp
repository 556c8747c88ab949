#pragma once
// Pruning of trained ReLU networks (protocol.md "Verification experiments": pruning).
// A pruned weight is an exact zero; biases are never pruned.
//
// The rules, with n the size of a group (a layer's weight matrix, a hidden layer's
// neurons, or everything at once for scope global):
//  - unstructured: zero individual weights of every layer, hidden and output.
//      scope layer  (the paper's setting, PyTorch l1_unstructured / random_unstructured
//                    with a float amount): each layer ends with round(rate * n_l) zeros.
//      scope global (PyTorch global_unstructured): all layers' weights ranked together;
//                    the network ends with round(rate * total weights) zeros.
//  - structured: remove whole hidden neurons (never output neurons). Removing neuron i of
//      layer l zeroes row i of W^l (incoming) and column i of W^{l+1} (outgoing); its bias
//      stays (irrelevant once the outgoing weights are zero).
//      scope layer : round(rate * n_l) neurons removed in each hidden layer.
//      scope global: all hidden neurons ranked together by the L1 norm of their incoming
//                    weights (layers with a larger fan-in tend to keep more neurons);
//                    round(rate * total hidden neurons) removed in all.
//  - criterion magnitude: the smallest |w| (unstructured) or the smallest L1 norm of the
//      incoming row (structured) go first; ties are broken by position (layer, then
//      row-major index / neuron index). Zeros that are already there count as removed
//      (for magnitude they are the smallest anyway, as in PyTorch).
//    criterion random: a uniformly random subset of the remaining entries, drawn with
//      nnmip::Rng from the seed (reproducible; another seed gives another subset).
//  - "Removed" means: a weight that is exactly zero; a hidden neuron whose incoming row
//      and outgoing column are both all zeros. Pruning only ever adds removed entries: a
//      group already at or past its target is left alone.
//  - Iterative pruning (finetuning), round r of R (r = 1..R): the cumulative target of
//      each group is round(n * (1 - (1 - rate)^(r/R))), and round(rate * n) at r = R, so
//      each round removes about p = 1 - (1 - rate)^(1/R) of the remaining entries, like
//      PyTorch's iterative pruning (PruningContainer), and the last round ends at exactly
//      the requested sparsity. Round r draws its random choices from
//      Rng(derive_seed(seed, r)). round() is Python's (half to even), as in PyTorch.
//      One-shot pruning is round 1 of 1.
#include <cstdint>
#include <string>
#include <vector>

#include "nnmip/network/network.hpp"

namespace nnmip {

enum class PruneCriterion { magnitude, random };
enum class PruneStructure { unstructured, structured };
enum class PruneScope { layer, global };

/// "magnitude" / "random", "unstructured" / "structured", "layer" / "global";
/// throw nnmip::Error listing the accepted names otherwise.
PruneCriterion parse_prune_criterion(const std::string& name);
PruneStructure parse_prune_structure(const std::string& name);
PruneScope parse_prune_scope(const std::string& name);
const char* to_string(PruneCriterion criterion);
const char* to_string(PruneStructure structure);
const char* to_string(PruneScope scope);

struct PruneOptions {
  double rate = 0.5;  // fraction of each group removed, in [0, 1)
  PruneCriterion criterion = PruneCriterion::magnitude;
  PruneStructure structure = PruneStructure::unstructured;
  PruneScope scope = PruneScope::layer;
  std::uint64_t seed = 0;  // random criterion only
};

/// Throws nnmip::Error unless rate is in [0, 1): "--rate must be in [0, 1) (got 1.2)".
void check_prune_options(const PruneOptions& options);

/// One-shot pruning at options.rate (round 1 of 1).
Network prune(const Network& network, const PruneOptions& options);

/// Round `round` of `rounds` (1 <= round <= rounds) of iterative pruning to options.rate:
/// prunes each group up to its cumulative target for that round (see above).
Network prune_round(const Network& network, const PruneOptions& options, int round, int rounds);

// ---- the lower level shared by the two functions above ----

/// Sizes n of the groups pruning works on, in order: for unstructured, one entry per layer
/// (its weight count) with scope layer, or one entry (all weights) with scope global; for
/// structured, one entry per hidden layer (its neurons) or one (all hidden neurons).
std::vector<long> prune_group_sizes(const Network& network, PruneStructure structure, PruneScope scope);
/// How many entries of each group are already removed (same order as prune_group_sizes).
std::vector<long> removed_counts(const Network& network, PruneStructure structure, PruneScope scope);
/// Cumulative target of a group of size n after round `round` of `rounds`:
/// round(n * (1 - (1 - rate)^(round/rounds))), exactly round(rate * n) when round == rounds.
long cumulative_prune_target(long n, double rate, int round, int rounds);

/// A seed for stream `stream` derived from `seed` (splitmix64): distinct per round.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream);

/// Removes further entries, chosen by options.criterion among the remaining ones, until
/// group g has targets[g] removed entries (groups already there are left alone).
/// options.rate is not used; `seed` drives the random criterion.
Network prune_to_targets(const Network& network, const PruneOptions& options, const std::vector<long>& targets,
                         std::uint64_t seed);

}  // namespace nnmip
