#pragma once
// A VNN-COMP benchmark (instances.csv: one "onnx,vnnlib,timeout" line per
// instance, paths relative to the CSV's folder, optionally gzipped) run as a
// batch into an experiment database (vnncomp_store.hpp).
//
// Each instance is decided by a child process `<checker> check ...` (the nnmip
// binary), the way the competition runs a tool: a crash, an unreadable file or
// an exhausted memory of one instance is that instance's "error", never the
// batch's end, and a run that overstays its timeout is killed. Gzipped files
// are inflated (gzip -dc) into a temporary folder first; that time is not
// counted, like VNN-COMP's untimed prepare_instance step.
//
// Resumable: each instance is recorded when it ends (one transaction), a second
// run skips recorded instances; one batch at a time per database (campaign_lock.hpp).
#include <optional>
#include <string>
#include <vector>

#include "nnmip/storage/vnncomp_store.hpp"

namespace nnmip {

struct VnncompInstance {
  int csv_row = 0;   // 1-based line
  std::string onnx;  // as written
  std::string vnnlib;
  double timeout_s = 0.0;
  std::string onnx_path;  // resolved against the CSV's folder
  std::string vnnlib_path;
};

/// Reads an instances.csv. Throws nnmip::Error naming the file and line for a
/// line that is not "onnx,vnnlib,timeout" with a positive timeout, or a file without instances.
std::vector<VnncompInstance> read_instances_csv(const std::string& csv_path);

/// The --time-limit nnmip check gets for a VNN-COMP timeout T (seconds):
/// T - (2 + 0.05 T), at least T / 2. nnmip overran its limit by at most 1.91 s
/// (median 0.98 s) at 30 s (README), and its LP deadline is the limit plus
/// max(1 s, 5%); process start and reading the files come on top.
double vnncomp_time_limit(double timeout_s);

struct VnncompOptions {
  std::string instances_csv;
  std::string db_path;
  std::string checker;                   // the nnmip binary that runs `check`
  std::optional<double> time_limit_cap;  // caps every instance's timeout
  int shard_index = 1;                   // instance k (0-based line order) goes to shard k % count + 1
  int shard_count = 1;
  std::string disjuncts = "separate";
  bool show_progress = true;  // "instance k/n: ..." on stderr
};

struct VnncompBatchSummary {
  long instances = 0;     // of this shard
  long already_done = 0;  // recorded before this run
  long recorded = 0;      // recorded now
  double elapsed_s = 0.0;
  std::vector<VnncompRow> rows;  // this shard's instances as recorded (for the same options)
};

/// Runs the instances of the CSV (this shard) that the database does not hold yet.
VnncompBatchSummary run_vnncomp_batch(const VnncompOptions& options);

}  // namespace nnmip
