#pragma once
// Pieces every nnmip command shares: output (--json, --quiet), dataset flags,
// search/solver flags, and the run record (version, arguments) in every JSON.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "nnmip/algorithms/search.hpp"
#include "nnmip/data/dataset.hpp"
#include "nnmip/network/network.hpp"

namespace nnmip::cli {

struct OutputFlags {
  std::string json_path;
  bool quiet = false;
};
void add_output_flags(CLI::App* command, OutputFlags& flags);

/// Writes `result` (plus the run record) to flags.json_path when set.
void write_json(const OutputFlags& flags, const std::string& command, nlohmann::json result);

struct DatasetFlags {
  std::string dataset = "fashion-mnist";
  int input_size = 28;
  std::string data_dir;
  DatasetOptions options() const;
};
void add_dataset_flags(CLI::App* command, DatasetFlags& flags, bool required);

struct SearchFlags {
  double time_limit_s = 300.0;
  int threads = 1;
  int solver_seed = 0;
  int log_level = 0;
  std::string mip_start = "forward";
  std::string bounds = "interval";
  double lp_time_limit_s = 60.0;
  std::string write_mps;
  std::string write_lp;
  SearchOptions options() const;
};
void add_search_flags(CLI::App* command, SearchFlags& flags, double default_time_limit);
nlohmann::json to_json(const SearchOptions& options);

/// The process's arguments, recorded in every JSON output.
void set_arguments(int argc, char** argv);
nlohmann::json run_record();

/// Loads a network from an ONNX file (nnmip::Error names the file on failure).
Network load_network(const std::string& path);

/// A line on stdout unless quiet.
void say(const OutputFlags& flags, const std::string& line);

}  // namespace nnmip::cli
