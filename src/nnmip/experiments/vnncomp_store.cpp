#include "nnmip/experiments/vnncomp_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

using StatementPtr = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;

StatementPtr prepare(sqlite3* db, const std::string& sql, const std::string& path) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
    throw Error("database " + path + ": " + sqlite3_errmsg(db));
  return StatementPtr(raw, sqlite3_finalize);
}

void bind_text(sqlite3_stmt* s, int index, const std::optional<std::string>& text) {
  if (text)
    sqlite3_bind_text(s, index, text->c_str(), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(s, index);
}

void bind_real(sqlite3_stmt* s, int index, const std::optional<double>& value) {
  if (value)
    sqlite3_bind_double(s, index, *value);
  else
    sqlite3_bind_null(s, index);
}

std::optional<std::string> column_text(sqlite3_stmt* s, int index) {
  if (sqlite3_column_type(s, index) == SQLITE_NULL) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, index)));
}

std::optional<double> column_real(sqlite3_stmt* s, int index) {
  if (sqlite3_column_type(s, index) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(s, index);
}

constexpr const char* kColumns =
    "run_key, benchmark, csv_row, onnx, vnnlib, timeout_s, time_limit_s, options, result, check_result, time_s, "
    "time_to_sat_s, counterexample_json, error, result_json, code_version, finished_at";

}  // namespace

VnncompStore::VnncompStore(const std::string& path, ResultStore::Mode mode) : store_(path, mode) {
  if (mode != ResultStore::Mode::read_write) return;
  char* message = nullptr;
  if (sqlite3_exec(store_.handle(), std::string(kVnncompSchemaSql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string why = message ? message : "unknown error";
    sqlite3_free(message);
    throw Error("database " + path + ": cannot create the table vnncomp_runs: " + why);
  }
}

bool VnncompStore::has_table() const {
  StatementPtr s =
      prepare(store_.handle(), "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='vnncomp_runs'", path());
  return sqlite3_step(s.get()) == SQLITE_ROW && sqlite3_column_int(s.get(), 0) > 0;
}

std::set<std::string> VnncompStore::keys() const {
  std::set<std::string> keys;
  if (!has_table()) return keys;
  StatementPtr s = prepare(store_.handle(), "SELECT run_key FROM vnncomp_runs", path());
  while (sqlite3_step(s.get()) == SQLITE_ROW) keys.insert(*column_text(s.get(), 0));
  return keys;
}

void VnncompStore::record(const VnncompRow& row) {
  // One INSERT is one transaction: a killed batch loses at most the instance in progress.
  StatementPtr s = prepare(store_.handle(),
                           std::string("INSERT OR IGNORE INTO vnncomp_runs (") + kColumns +
                               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                               "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           path());
  sqlite3_stmt* st = s.get();
  bind_text(st, 1, row.run_key);
  bind_text(st, 2, row.benchmark);
  sqlite3_bind_int(st, 3, row.csv_row);
  bind_text(st, 4, row.onnx);
  bind_text(st, 5, row.vnnlib);
  sqlite3_bind_double(st, 6, row.timeout_s);
  sqlite3_bind_double(st, 7, row.time_limit_s);
  bind_text(st, 8, row.options);
  bind_text(st, 9, row.result);
  bind_text(st, 10, row.check_result);
  sqlite3_bind_double(st, 11, row.time_s);
  bind_real(st, 12, row.time_to_sat_s);
  bind_text(st, 13, row.counterexample_json);
  bind_text(st, 14, row.error);
  bind_text(st, 15, row.result_json);
  bind_text(st, 16, row.code_version);
  if (sqlite3_step(st) != SQLITE_DONE)
    throw Error("database " + path() + ": cannot record the instance " + row.onnx + ", " + row.vnnlib + ": " +
                sqlite3_errmsg(store_.handle()));
}

std::vector<VnncompRow> VnncompStore::rows() const {
  std::vector<VnncompRow> rows;
  if (!has_table()) return rows;
  StatementPtr s =
      prepare(store_.handle(),
              std::string("SELECT ") + kColumns + " FROM vnncomp_runs ORDER BY benchmark, csv_row, run_key", path());
  sqlite3_stmt* st = s.get();
  while (sqlite3_step(st) == SQLITE_ROW) {
    VnncompRow r;
    r.run_key = *column_text(st, 0);
    r.benchmark = *column_text(st, 1);
    r.csv_row = sqlite3_column_int(st, 2);
    r.onnx = *column_text(st, 3);
    r.vnnlib = *column_text(st, 4);
    r.timeout_s = sqlite3_column_double(st, 5);
    r.time_limit_s = sqlite3_column_double(st, 6);
    r.options = *column_text(st, 7);
    r.result = *column_text(st, 8);
    r.check_result = column_text(st, 9);
    r.time_s = sqlite3_column_double(st, 10);
    r.time_to_sat_s = column_real(st, 11);
    r.counterexample_json = column_text(st, 12);
    r.error = column_text(st, 13);
    r.result_json = column_text(st, 14);
    r.code_version = *column_text(st, 15);
    r.finished_at = *column_text(st, 16);
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
