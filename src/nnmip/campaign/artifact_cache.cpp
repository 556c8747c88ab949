#include "nnmip/campaign/artifact_cache.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/pruning/finetuning.hpp"
#include "nnmip/training/initialization.hpp"
#include "nnmip/training/trainer.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/file_lock.hpp"
#include "nnmip/util/log.hpp"

namespace nnmip {

namespace fs = std::filesystem;

std::string stable_digest(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

ArtifactCache::ArtifactCache(std::string dir) : dir_(std::move(dir)) {
  std::error_code error;
  fs::create_directories(dir_, error);
  if (error || !fs::is_directory(dir_))
    throw Error("cannot create the network cache folder " + dir_ + ": " + error.message());
}

namespace {

/// What the cache keeps beside each ONNX file.
struct CacheEntry {
  std::string onnx;
  std::string meta;
  std::string lock;  // held by the one process that builds the entry
};

CacheEntry entry_for(const std::string& dir, const std::string& description) {
  const std::string stem = (fs::path(dir) / stable_digest(description)).string();
  return {stem + ".onnx", stem + ".json", stem + ".lock"};
}

/// Held while building an entry. Tasks of a cluster campaign share the cache
/// and often need the same network at once: the first builds it, the others
/// wait here and then load what it stored, so a network is trained once.
FileLock building(const CacheEntry& entry, const std::string& description) {
  return FileLock(
      entry.lock,
      [&](const std::string& holder) {
        log_info("waiting for process " + (holder.empty() ? std::string("?") : holder) + " to store " + description +
                 " in the network cache");
      },
      "choose a writable network cache folder (a complete read-only cache is fine)");
}

bool load(const CacheEntry& entry, CachedNetwork& out) {
  if (!fs::exists(entry.onnx) || !fs::exists(entry.meta)) return false;
  std::ifstream in(entry.meta);
  const nlohmann::json meta = nlohmann::json::parse(in, nullptr, false);
  if (meta.is_discarded()) return false;
  out.network = read_onnx(entry.onnx);
  out.test_accuracy = meta.value("test_accuracy", -1.0);
  out.finetune_time_s = meta.value("finetune_time_s", 0.0);
  out.from_cache = true;
  return true;
}

void store(const CacheEntry& entry, const CachedNetwork& network, const std::string& description) {
  // Each file is replaced atomically; the .json, which marks the entry complete, comes last.
  try {
    write_onnx(network.network, entry.onnx, description);
    write_file_atomically(entry.meta, nlohmann::json{{"description", description},
                                                     {"test_accuracy", network.test_accuracy},
                                                     {"finetune_time_s", network.finetune_time_s}}
                                          .dump(2));
  } catch (const Error& e) {
    throw Error(std::string("cannot store a network in the cache: ") + e.what() +
                "; choose a writable network cache folder (a complete read-only cache is fine)");
  }
}

/// The protocol's training of a verification network: TrainingOptions' recipe.
TrainingOptions training_for(const ProblemSpec& p) {
  TrainingOptions options;
  options.epochs = p.train_epochs;
  options.seed = p.net_seed;
  return options;
}

/// A number in the cache key's words: 1e-3, 2.5e-4 (six significant digits at most).
std::string key_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.5e", value);
  std::string mantissa(text, std::strchr(text, 'e'));
  std::string exponent(std::strchr(text, 'e') + 1);
  while (mantissa.find('.') != std::string::npos && (mantissa.back() == '0' || mantissa.back() == '.'))
    mantissa.pop_back();
  const bool negative = exponent[0] == '-';
  exponent = exponent.substr(1);
  while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
  return mantissa + "e" + (negative ? "-" : "") + exponent;
}

std::string dense_description(const ProblemSpec& p) {
  char text[256];
  const TrainingOptions training = training_for(p);
  if (p.study == Study::verification)
    std::snprintf(text, sizeof text,
                  "trained v1: %s %dx%d, %d-%dx%d-%d, xavier seed %llu, adam lr %s wd %s batch %d, %d epochs",
                  p.dataset.c_str(), p.input_side, p.input_side, p.inputs, p.depth, p.width, p.outputs,
                  static_cast<unsigned long long>(p.net_seed), key_number(training.learning_rate).c_str(),
                  key_number(training.weight_decay).c_str(), training.batch_size, training.epochs);
  else
    std::snprintf(text, sizeof text, "random v1: %d-%dx%d-%d, pytorch default init seed %llu", p.inputs, p.depth,
                  p.width, p.outputs, static_cast<unsigned long long>(p.net_seed));
  return text;
}

}  // namespace

CachedNetwork ArtifactCache::dense(const ProblemSpec& problem, const DatasetSplit* data) {
  const std::string description = dense_description(problem);
  const CacheEntry entry = entry_for(dir_, description);
  CachedNetwork cached;
  if (load(entry, cached)) return cached;
  const FileLock lock = building(entry, description);
  if (load(entry, cached)) return cached;  // stored by the process we waited for
  const Architecture sizes = make_architecture(problem.inputs, problem.depth, problem.width, problem.outputs);
  if (problem.study == Study::verification) {
    if (data == nullptr) throw Error("training " + description + " needs its dataset");
    cached.network = init_xavier_uniform(sizes, problem.net_seed);
    train(cached.network, data->train, training_for(problem));
    cached.test_accuracy = accuracy(cached.network, data->test);
  } else {
    cached.network = init_pytorch_default(sizes, problem.net_seed);
  }
  store(entry, cached, description);
  return cached;
}

CachedNetwork ArtifactCache::surrogate(const ProblemSpec& problem, const CachedNetwork& dense,
                                       const SurrogateSpec& spec, const PlanSettings& settings,
                                       const DatasetSplit* data) {
  const int rounds = spec.finetuned ? settings.finetune_rounds : 0;
  const std::string description = dense_description(problem) + "; pruned v1: " + spec.variant() + ", seed " +
                                  std::to_string(problem.net_seed) + ", finetuning " + std::to_string(rounds) + "x" +
                                  std::to_string(settings.finetune_epochs);
  const CacheEntry entry = entry_for(dir_, description);
  CachedNetwork cached;
  if (load(entry, cached)) return cached;
  const FileLock lock = building(entry, description);
  if (load(entry, cached)) return cached;  // stored by the process we waited for
  PruneOptions options;
  options.rate = spec.rate;
  options.criterion = spec.criterion;
  options.structure = spec.structure;
  options.seed = problem.net_seed;
  FinetuneOptions finetune;
  finetune.rounds = rounds;
  finetune.epochs_per_round = settings.finetune_epochs;
  finetune.training.seed = problem.net_seed;
  const PruneResult result = prune_network(dense.network, options, finetune, data, false);
  cached.network = result.network;
  const double acc = rounds > 0 ? result.report.accuracy_after_finetuning : result.report.accuracy_after_pruning;
  cached.test_accuracy = std::isnan(acc) ? -1.0 : acc;
  cached.finetune_time_s = result.report.finetune_time_s;
  store(entry, cached, description);
  return cached;
}

}  // namespace nnmip
