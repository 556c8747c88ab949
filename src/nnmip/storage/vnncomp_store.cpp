#include "nnmip/storage/vnncomp_store.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "nnmip/util/error.hpp"
#include "nnmip/util/progress.hpp"

namespace nnmip {

VnncompStore::VnncompStore(const std::string& path, ResultStore::Mode mode) : store_(path, mode) {
  if (mode != ResultStore::Mode::read_write) return;
  try {
    store_.database().execute(std::string(kVnncompSchemaSql));
  } catch (const Error& e) {
    throw Error("cannot create the table vnncomp_runs: " + std::string(e.what()));
  }
}

bool VnncompStore::has_table() const {
  Query q =
      store_.database().query("SELECT count(*) AS n FROM sqlite_master WHERE type='table' AND name='vnncomp_runs'");
  return q.step() && q.integer("n") > 0;
}

std::set<std::string> VnncompStore::keys() const {
  std::set<std::string> keys;
  if (!has_table()) return keys;
  Query q = store_.database().query("SELECT run_key FROM vnncomp_runs");
  while (q.step()) keys.insert(q.text("run_key"));
  return keys;
}

void VnncompStore::record(const VnncompRow& row) {
  auto optional = [](const auto& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); };
  // One INSERT is one transaction: a killed batch loses at most the instance in progress.
  try {
    store_.database().insert_or_ignore("vnncomp_runs", {{"run_key", row.run_key},
                                                        {"benchmark", row.benchmark},
                                                        {"csv_row", row.csv_row},
                                                        {"onnx", row.onnx},
                                                        {"vnnlib", row.vnnlib},
                                                        {"timeout_s", row.timeout_s},
                                                        {"time_limit_s", row.time_limit_s},
                                                        {"options", row.options},
                                                        {"result", row.result},
                                                        {"check_result", optional(row.check_result)},
                                                        {"time_s", row.time_s},
                                                        {"time_to_sat_s", optional(row.time_to_sat_s)},
                                                        {"counterexample_json", optional(row.counterexample_json)},
                                                        {"error", optional(row.error)},
                                                        {"result_json", optional(row.result_json)},
                                                        {"code_version", row.code_version},
                                                        {"finished_at", utc_now()}});
  } catch (const Error& e) {
    throw Error("cannot record the instance " + row.onnx + ", " + row.vnnlib + ": " + e.what());
  }
}

std::vector<VnncompRow> VnncompStore::rows() const {
  std::vector<VnncompRow> rows;
  if (!has_table()) return rows;
  Query q = store_.database().query("SELECT * FROM vnncomp_runs ORDER BY benchmark, csv_row, run_key");
  while (q.step()) {
    VnncompRow r;
    r.run_key = q.text("run_key");
    r.benchmark = q.text("benchmark");
    r.csv_row = static_cast<int>(q.integer("csv_row"));
    r.onnx = q.text("onnx");
    r.vnnlib = q.text("vnnlib");
    r.timeout_s = q.real("timeout_s");
    r.time_limit_s = q.real("time_limit_s");
    r.options = q.text("options");
    r.result = q.text("result");
    r.check_result = q.optional_text("check_result");
    r.time_s = q.real("time_s");
    r.time_to_sat_s = q.optional_real("time_to_sat_s");
    r.counterexample_json = q.optional_text("counterexample_json");
    r.error = q.optional_text("error");
    r.result_json = q.optional_text("result_json");
    r.code_version = q.text("code_version");
    r.finished_at = q.text("finished_at");
    rows.push_back(std::move(r));
  }
  return rows;
}

VnncompSummary summarize(const std::vector<VnncompRow>& rows) {
  VnncompSummary summary;
  for (const char* result : {"sat", "unsat", "unknown", "timeout", "error"}) summary.counts[result] = 0;
  std::vector<double> times;
  for (const VnncompRow& r : rows) {
    ++summary.counts[r.result];
    summary.total_time_s += r.time_s;
    if (r.result == "sat" || r.result == "unsat") summary.solved_time_s += r.time_s;
    times.push_back(r.time_s);
  }
  summary.instances = static_cast<long>(rows.size());
  if (!times.empty()) {
    std::sort(times.begin(), times.end());
    const size_t n = times.size();
    summary.median_time_s = n % 2 ? times[n / 2] : 0.5 * (times[n / 2 - 1] + times[n / 2]);
  }
  return summary;
}

std::string summary_line(const VnncompSummary& s) {
  char text[400];
  std::snprintf(text, sizeof text,
                "%ld instances: %ld sat, %ld unsat, %ld unknown, %ld timeout, %ld error; time total %.2f s "
                "(sat + unsat %.2f s), median %.2f s",
                s.instances, s.counts.at("sat"), s.counts.at("unsat"), s.counts.at("unknown"), s.counts.at("timeout"),
                s.counts.at("error"), s.total_time_s, s.solved_time_s, s.median_time_s);
  return text;
}

std::string instance_table(const std::vector<VnncompRow>& rows) {
  std::string table =
      "| row | onnx | vnnlib | timeout s | limit s | result | time s | time to sat s | error |\n"
      "|---|---|---|---|---|---|---|---|---|\n";
  for (const VnncompRow& r : rows) {
    std::string error = r.error.value_or("");
    std::replace(error.begin(), error.end(), '|', '/');
    std::replace(error.begin(), error.end(), '\n', ' ');
    char numbers[200];
    std::snprintf(numbers, sizeof numbers, "%g | %.2f | %s | %.3f | ", r.timeout_s, r.time_limit_s, r.result.c_str(),
                  r.time_s);
    char sat[40] = "";
    if (r.time_to_sat_s) std::snprintf(sat, sizeof sat, "%.3f", *r.time_to_sat_s);
    table += "| " + std::to_string(r.csv_row) + " | " + r.onnx + " | " + r.vnnlib + " | " + numbers + sat + " | " +
             error + " |\n";
  }
  return table;
}

}  // namespace nnmip
