#pragma once
// Each nnmip subcommand registers itself on the app; main.cpp lists them.
#include <CLI/CLI.hpp>

namespace nnmip::cli {

void add_train_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_info_command(CLI::App& app);
void add_random_net_command(CLI::App& app);
void add_verify_command(CLI::App& app);
void add_maximize_command(CLI::App& app);
void add_check_command(CLI::App& app);
void add_forward_command(CLI::App& app);
void add_prune_command(CLI::App& app);
void add_experiment_command(CLI::App& app);
/// experiment slurm | status (experiment_cluster_command.cpp), added by add_experiment_command.
void add_cluster_commands(CLI::App* experiment);

}  // namespace nnmip::cli
