// nnmip: optimization over trained ReLU networks (verification and function
// maximization as MILPs), with pruned networks as surrogates.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <new>

#include "cli_common.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/log.hpp"
#include "nnmip/util/version.hpp"

int main(int argc, char** argv) {
  nnmip::cli::set_arguments(argc, argv);
  CLI::App app{"nnmip: optimization over trained (and sparse) ReLU networks"};
  app.set_version_flag("--version", std::string(nnmip::kVersion) + " (" + nnmip::kGitRevision + ")");
  app.require_subcommand(1);
  nnmip::cli::add_train_command(app);
  nnmip::cli::add_eval_command(app);
  nnmip::cli::add_info_command(app);
  nnmip::cli::add_random_net_command(app);
  nnmip::cli::add_verify_command(app);
  nnmip::cli::add_maximize_command(app);
  nnmip::cli::add_check_command(app);
  nnmip::cli::add_forward_command(app);
  nnmip::cli::add_prune_command(app);
  nnmip::cli::add_experiment_command(app);
  // CLI11 answers a misspelt command with "A subcommand is required": name it.
  if (argc > 1 && argv[1][0] != '-') {
    bool known = false;
    std::string names;
    for (const CLI::App* command : app.get_subcommands({})) {
      known = known || command->get_name() == argv[1];
      names += (names.empty() ? "" : ", ") + command->get_name();
    }
    if (!known) {
      std::cerr << "nnmip: error: unknown command '" << argv[1] << "': use one of " << names << " (--help)\n";
      return nnmip::cli::kExitUsage;
    }
  }
  // An error ends a status line a search or batch left open (util/log.hpp) first.
  const auto end_status = [] { nnmip::log_status("", nnmip::StatusKind::done); };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version end here with 0; every parse error exits with one code.
    return app.exit(e) == 0 ? nnmip::cli::kExitSuccess : nnmip::cli::kExitUsage;
  } catch (const nnmip::Error& e) {
    end_status();
    std::cerr << "nnmip: error: " << e.what() << '\n';
    return nnmip::cli::kExitError;
  } catch (const std::bad_alloc&) {
    end_status();
    // The readers name the file they were reading (formats/, data/); anything else ran out here.
    std::cerr << "nnmip: error: out of memory in '" << (argc > 1 ? argv[1] : "nnmip")
              << "': the network or data is too large for this machine's memory\n";
    return nnmip::cli::kExitError;
  } catch (const std::exception& e) {
    end_status();
    std::cerr << "nnmip: internal error: " << e.what() << '\n';
    return nnmip::cli::kExitInternal;
  }
  return nnmip::cli::exit_code();
}
