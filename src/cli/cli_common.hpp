#pragma once
// Pieces every nnmip command shares: output (--json, --quiet), dataset flags,
// search/solver flags, and the run record (version, arguments) in every JSON.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "nnmip/algorithms/search.hpp"
#include "nnmip/data/dataset.hpp"
#include "nnmip/network/network.hpp"
#include "nnmip/pruning/pruning.hpp"
#include "search_flags.hpp"

namespace nnmip::cli {

struct OutputFlags {
  std::string json_path;
  bool quiet = false;
};
/// Adds --json and --quiet, and refuses (before the command runs) outputs that
/// would overwrite one of its inputs: refuse_outputs_onto_inputs.
void add_output_flags(CLI::App* command, OutputFlags& flags);

/// Throws nnmip::Error naming both options when an output option (--json,
/// --out, --into, --write-mps, --write-lp) names the same file as any other
/// option or positional value of the command that is an existing file (--net,
/// --surrogate, --input, --db, merged databases...), or as another output.
/// Streams and devices (/dev/stdout, /dev/null) are exempt.
void refuse_outputs_onto_inputs(const CLI::App& command);

/// The version of every command's --json layout (docs/json.md): raised when a key is
/// renamed, removed or changes meaning; keys may be added within a version.
inline constexpr int kJsonSchemaVersion = 1;

/// Writes `result` (plus schema_version, command and the run record) to
/// flags.json_path when set.
void write_json(const OutputFlags& flags, const std::string& command, nlohmann::json result);

struct DatasetFlags {
  std::string dataset = "fashion-mnist";
  int input_size = 28;
  std::string data_dir;
  DatasetOptions options() const;
};
void add_dataset_flags(CLI::App* command, DatasetFlags& flags, bool required);

struct PruneFlags {
  double rate = 0.0;
  std::string criterion = "magnitude";
  std::string structure = "unstructured";
  std::string scope = "layer";
  std::uint64_t seed = 0;
  PruneOptions options() const;
};
/// --criterion, --structure, --scope, --prune-seed; the rate flag is added by each command.
void add_prune_flags(CLI::App* command, PruneFlags& flags);
nlohmann::json to_json(const PruneOptions& options);

/// The surrogate of a search: --surrogate FILE, or --prune-rate R to prune --net on the fly.
struct SurrogateFlags {
  std::string file;
  std::optional<double> prune_rate;
  PruneFlags prune;
  std::vector<double> ladder;  // --ladder: rates of the denser surrogates to continue with (0 = dense)
};
void add_surrogate_flags(CLI::App* command, SurrogateFlags& flags, const char* algorithm);
/// The surrogate network, or nullopt for a direct solve; `record` receives how it was made.
std::optional<Network> make_surrogate(const SurrogateFlags& flags, const Network& dense, nlohmann::json& record);
/// The ladder's networks (nullopt = the dense network), pruned from --net with
/// the surrogate's pruning flags; `record` receives their rates.
std::vector<std::optional<Network>> make_ladder(const SurrogateFlags& flags, const Network& dense,
                                                nlohmann::json& record);
/// Pointers for verify() / maximize(): nullptr = the dense network.
std::vector<const Network*> ladder_pointers(const std::vector<std::optional<Network>>& ladder);

/// The process's arguments, recorded in every JSON output.
void set_arguments(int argc, char** argv);
nlohmann::json run_record();

/// "model (surrogate): N columns, ... built in Xs" - the model line of verify and maximize.
std::string model_line(const ModelStats& model, bool surrogate, double build_time_s);

/// "heuristics: ..." - what the network-aware heuristics cost and found (verify and maximize).
std::string heuristics_line(const SearchOptions& options, const HeuristicStats& stats,
                            const std::vector<IncumbentRecord>& incumbents);

/// The file to write for an output option: "-" is standard output.
std::string output_path(const std::string& path);

/// A line on stdout unless quiet (on stderr when --json writes to stdout).
void say(const OutputFlags& flags, const std::string& line);

}  // namespace nnmip::cli
