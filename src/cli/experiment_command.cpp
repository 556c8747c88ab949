// nnmip experiment run | merge | report: the paper's studies as campaigns
// recorded in one SQLite database.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "campaign_flags.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "nnmip/campaign/campaign_runner.hpp"
#include "nnmip/campaign/vnncomp_runner.hpp"
#include "nnmip/report/report.hpp"
#include "nnmip/storage/result_store.hpp"
#include "nnmip/util/error.hpp"
#include "validators.hpp"

namespace nnmip::cli {

namespace {

struct RunFlags {
  CampaignFlags campaign;
  std::string db = "results.sqlite";
  std::string cache_dir;
  std::string shard = "1/1";
  OutputFlags output;
};

void run_experiment(const RunFlags& f) {
  const auto [index, count] = parse_shard(f.shard);
  const CampaignPlan plan = shard_of(f.campaign.plan(), index, count);
  CampaignOptions options = f.campaign.options();
  options.db_path = f.db;
  options.cache_dir =
      f.cache_dir.empty() ? (std::filesystem::path(f.db).parent_path() / "nnmip-cache").string() : f.cache_dir;
  options.show_progress = !f.output.quiet;
  say(f.output, "campaign: study " + f.campaign.study + ", preset " + f.campaign.preset + ", shard " + f.shard + ": " +
                    std::to_string(plan.problems.size()) + " problems, " + std::to_string(plan.run_count()) +
                    " runs -> " + f.db + " (networks cached in " + options.cache_dir + ")");
  const CampaignSummary summary = run_campaign(plan, options);
  char line[200];
  std::snprintf(line, sizeof line, "%ld runs planned, %ld already recorded, %ld recorded now, %.1fs", summary.planned,
                summary.already_done, summary.recorded, summary.elapsed_s);
  say(f.output, line);
  write_json(f.output, "experiment run",
             {{"study", f.campaign.study},
              {"preset", f.campaign.preset},
              {"shard", f.shard},
              {"db", f.db},
              {"cache_dir", options.cache_dir},
              {"workers", f.campaign.workers},
              {"search_parameters", f.campaign.search.values()},
              {"planned", summary.planned},
              {"already_done", summary.already_done},
              {"recorded", summary.recorded},
              {"elapsed_s", summary.elapsed_s}});
}

struct MergeFlags {
  std::vector<std::string> inputs;
  std::string into;
  OutputFlags output;
};

void run_merge(const MergeFlags& f) {
  // Every input is checked (an nnmip database, intact) before the target is created or changed.
  for (const std::string& input : f.inputs) ResultStore check(input, ResultStore::Mode::read_only);
  ResultStore target(f.into, ResultStore::Mode::read_write);
  const long before = target.run_count();
  for (const std::string& input : f.inputs) {
    if (std::filesystem::exists(input) && std::filesystem::exists(f.into) && std::filesystem::equivalent(input, f.into))
      throw Error("cannot merge " + input + " into itself");
    target.merge_from(input);
  }
  const long after = target.run_count();
  say(f.output, "merged " + std::to_string(f.inputs.size()) + " databases into " + f.into + ": " +
                    std::to_string(after - before) + " new runs, " + std::to_string(after) + " in all");
  write_json(f.output, "experiment merge",
             {{"inputs", f.inputs}, {"into", f.into}, {"recorded", after - before}, {"runs", after}});
}

struct ReportFlags {
  std::string db;
  std::string out = "report";
  std::string heuristics;
  bool allow_mixed_versions = false;
  OutputFlags output;
};

void run_report(const ReportFlags& f) {
  const ReportSummary summary = write_report(f.db, f.out, f.heuristics, f.allow_mixed_versions);
  say(f.output, "report of " + std::to_string(summary.verification_problems) + " verification and " +
                    std::to_string(summary.maximization_problems) + " maximization problems written to " + f.out +
                    "/report.md (" + std::to_string(summary.files.size()) + " files)");
  for (const std::string& warning : summary.warnings) say(f.output, "warning: " + warning);
  write_json(f.output, "experiment report",
             {{"db", f.db},
              {"out", f.out},
              {"verification_problems", summary.verification_problems},
              {"maximization_problems", summary.maximization_problems},
              {"files", summary.files},
              {"warnings", summary.warnings}});
}

struct VnncompFlags {
  std::string instances;
  std::string db = "results.sqlite";
  std::optional<double> time_limit_cap;
  std::string shard = "1/1";
  std::string disjuncts = "separate";
  OutputFlags output;
};

nlohmann::json vnncomp_json(const std::vector<VnncompRow>& rows) {
  const VnncompSummary s = summarize(rows);
  nlohmann::json instances = nlohmann::json::array();
  for (const VnncompRow& r : rows)
    instances.push_back(
        {{"benchmark", r.benchmark},
         {"row", r.csv_row},
         {"onnx", r.onnx},
         {"vnnlib", r.vnnlib},
         {"timeout_s", r.timeout_s},
         {"time_limit_s", r.time_limit_s},
         {"result", r.result},
         {"check_result", r.check_result ? nlohmann::json(*r.check_result) : nlohmann::json(nullptr)},
         {"time_s", r.time_s},
         {"time_to_sat_s", r.time_to_sat_s ? nlohmann::json(*r.time_to_sat_s) : nlohmann::json(nullptr)},
         {"error", r.error ? nlohmann::json(*r.error) : nlohmann::json(nullptr)},
         {"code_version", r.code_version}});
  return {{"instances", s.instances},         {"counts", s.counts},
          {"total_time_s", s.total_time_s},   {"median_time_s", s.median_time_s},
          {"solved_time_s", s.solved_time_s}, {"rows", instances}};
}

void say_vnncomp_table(const OutputFlags& output, const std::vector<VnncompRow>& rows) {
  std::string table = instance_table(rows);
  if (!table.empty() && table.back() == '\n') table.pop_back();
  say(output, table);
  say(output, summary_line(summarize(rows)));
}

void run_vnncomp(const VnncompFlags& f) {
  VnncompOptions options;
  options.instances_csv = f.instances;
  options.db_path = f.db;
  options.checker = std::filesystem::read_symlink("/proc/self/exe").string();  // this nnmip runs `check`
  options.time_limit_cap = f.time_limit_cap;
  std::tie(options.shard_index, options.shard_count) = parse_shard(f.shard);
  options.disjuncts = f.disjuncts;
  options.show_progress = !f.output.quiet;
  const VnncompBatchSummary summary = run_vnncomp_batch(options);
  say_vnncomp_table(f.output, summary.rows);
  char line[200];
  std::snprintf(line, sizeof line, "%ld instances in shard %s, %ld already recorded, %ld recorded now, %.1fs -> %s",
                summary.instances, f.shard.c_str(), summary.already_done, summary.recorded, summary.elapsed_s,
                f.db.c_str());
  say(f.output, line);
  nlohmann::json result = vnncomp_json(summary.rows);
  result.update({{"csv", f.instances},
                 {"db", f.db},
                 {"shard", f.shard},
                 {"already_done", summary.already_done},
                 {"recorded", summary.recorded},
                 {"elapsed_s", summary.elapsed_s}});
  write_json(f.output, "experiment vnncomp", result);
}

struct VnncompReportFlags {
  std::vector<std::string> dbs;
  OutputFlags output;
};

void run_vnncomp_report(const VnncompReportFlags& f) {
  std::vector<VnncompRow> rows;
  for (const std::string& db : f.dbs)
    for (VnncompRow& row : VnncompStore(db, ResultStore::Mode::read_only).rows()) rows.push_back(std::move(row));
  if (rows.empty())
    say(f.output, "no VNN-COMP instances recorded (run `nnmip experiment vnncomp` first)");
  else
    say_vnncomp_table(f.output, rows);
  nlohmann::json result = vnncomp_json(rows);
  result["dbs"] = f.dbs;
  write_json(f.output, "experiment vnncomp-report", result);
}

}  // namespace

void add_experiment_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("experiment", "The paper's studies as recorded, resumable campaigns");
  cmd->require_subcommand(1);

  auto run = std::make_shared<RunFlags>();
  CLI::App* run_cmd = cmd->add_subcommand("run", "Run a campaign into an SQLite database (resumes when re-run)");
  run->campaign.add_to(run_cmd);
  run_cmd
      ->add_option("--db", run->db,
                   "SQLite database (created if absent, appended to otherwise; a second run on the same database waits "
                   "for the first)")
      ->capture_default_str();
  run_cmd->add_option(
      "--cache-dir", run->cache_dir,
      "Where trained and pruned networks are cached (default: nnmip-cache beside --db; processes may share it)");
  run_cmd->add_option("--shard", run->shard, "Run only shard I of N (I/N), e.g. one per cluster job")
      ->capture_default_str();
  add_output_flags(run_cmd, run->output);
  run_cmd->callback([run] { run_experiment(*run); });

  auto merge = std::make_shared<MergeFlags>();
  CLI::App* merge_cmd = cmd->add_subcommand("merge", "Combine shard databases into one");
  merge_cmd->add_option("inputs", merge->inputs, "Databases to merge")->required()->check(CLI::ExistingFile);
  merge_cmd->add_option("--into", merge->into, "Target database (created if absent; runs are added, never replaced)")
      ->required();
  add_output_flags(merge_cmd, merge->output);
  merge_cmd->callback([merge] { run_merge(*merge); });

  auto report = std::make_shared<ReportFlags>();
  CLI::App* report_cmd = cmd->add_subcommand("report", "Tables 1-4 and Figures 1-3 from a database");
  report_cmd->add_option("--db", report->db, "SQLite database")->required();
  report_cmd->add_option("--out", report->out, "Output folder")->capture_default_str();
  report_cmd
      ->add_option("--heuristics", report->heuristics,
                   "Only the runs of this heuristics setting (default: every setting, side by side)")
      ->check(CLI::IsMember({"none", "lp", "lp+polish", "all"}));
  report_cmd->add_flag("--allow-mixed-versions", report->allow_mixed_versions,
                       "Report runs of several code versions together (refused otherwise: their results are not "
                       "comparable)");
  add_output_flags(report_cmd, report->output);
  report_cmd->callback([report] { run_report(*report); });
  auto vnncomp = std::make_shared<VnncompFlags>();
  CLI::App* vnncomp_cmd = cmd->add_subcommand(
      "vnncomp",
      "Run a VNN-COMP instances.csv (onnx,vnnlib,timeout) with `check` into a database, one row per "
      "instance (resumes when re-run), and print the summary");
  vnncomp_cmd
      ->add_option("--instances", vnncomp->instances,
                   "VNN-COMP's instances.csv: onnx,vnnlib,timeout per line, paths relative to its folder "
                   "(.gz files are decompressed)")
      ->required()
      ->check(CLI::ExistingFile);
  vnncomp_cmd
      ->add_option("--db", vnncomp->db, "SQLite database (table vnncomp_runs; created if absent; one batch at a time)")
      ->capture_default_str();
  vnncomp_cmd->add_option("--time-limit-cap", vnncomp->time_limit_cap, "Cap every instance's timeout (s)")
      ->check(CLI::PositiveNumber);
  vnncomp_cmd->add_option("--shard", vnncomp->shard, "Run only shard I of N (I/N): instance k goes to k % N + 1")
      ->capture_default_str();
  vnncomp_cmd->add_option("--disjuncts", vnncomp->disjuncts, "check's --disjuncts: separate or joint")
      ->check(CLI::IsMember({"separate", "joint"}))
      ->capture_default_str();
  add_output_flags(vnncomp_cmd, vnncomp->output);
  vnncomp_cmd->callback([vnncomp] { run_vnncomp(*vnncomp); });

  auto vnncomp_report = std::make_shared<VnncompReportFlags>();
  CLI::App* vnncomp_report_cmd = cmd->add_subcommand(
      "vnncomp-report", "The VNN-COMP instances recorded in databases: per-instance table and summary");
  vnncomp_report_cmd->add_option("--db", vnncomp_report->dbs, "SQLite database (repeat for shards)")->required();
  add_output_flags(vnncomp_report_cmd, vnncomp_report->output);
  vnncomp_report_cmd->callback([vnncomp_report] { run_vnncomp_report(*vnncomp_report); });

  add_cluster_commands(cmd);
}

}  // namespace nnmip::cli
