#pragma once
// Trained, initialised, pruned and finetuned networks of a campaign, cached by
// content: the file name is a digest of everything that determines the network
// (dataset, sizes, seeds, epochs, pruning, finetuning), so the same inputs reuse
// the stored ONNX file - across runs, studies and presets. Files are written to a
// temporary name and renamed, so a killed process never leaves half a file.
// Processes may share one cache (cluster tasks on a shared file system): an
// entry is built by one of them at a time, under a lock (file_lock.hpp), and
// the others load what it stored.
#include <string>

#include "nnmip/campaign/campaign_plan.hpp"
#include "nnmip/data/dataset.hpp"
#include "nnmip/network/network.hpp"

namespace nnmip {

struct CachedNetwork {
  Network network;
  double test_accuracy = -1.0;   // < 0 when not applicable (random networks)
  double finetune_time_s = 0.0;  // training time of the finetuning that made it
  bool from_cache = false;
};

class ArtifactCache {
 public:
  explicit ArtifactCache(std::string dir);
  const std::string& dir() const { return dir_; }

  /// The dense network of a problem: trained (verification; needs data) or random (maximization).
  CachedNetwork dense(const ProblemSpec& problem, const DatasetSplit* data);
  /// The surrogate `spec` of the problem's dense network.
  CachedNetwork surrogate(const ProblemSpec& problem, const CachedNetwork& dense, const SurrogateSpec& spec,
                          const PlanSettings& settings, const DatasetSplit* data);

 private:
  std::string dir_;
};

/// 64-bit FNV-1a of a string, as 16 hex digits: stable across platforms and builds.
std::string stable_digest(const std::string& text);

}  // namespace nnmip
