// Writing a MilpModel as an MPS or LP file (COIN-OR's CoinMpsIO / CoinLpIO).
//
// Objective sense and offset (f(v) = c^T v + offset is the model's objective).
// - LP: CoinLpIO writes "Minimize"; for Sense::maximize we write the model's own
//   coefficients and turn the header into "Maximize" (honoured by every LP
//   reader, COIN's included). The offset is a constant term of the objective.
// - MPS: there is no portable way to say "maximize": COIN's own MPS reader (and
//   so the cbc binary) ignores an OBJSENSE MAX section, and writeMpsNative's
//   objSense writes no such section. So for Sense::maximize the file states
//   MINIMIZE -f(v) (objective coefficients negated) and a comment line at the
//   top says so: every reader finds the same optimal v, with the optimal value
//   negated. The offset follows the MPS convention objective = c^T v - RHS of
//   the objective row.
// The file lands exactly at the given path (no extension or ".gz" appended),
// written through write_file_atomically (a stream such as /dev/stdout works).
#include <sys/mman.h>
#include <unistd.h>

#include <CoinError.hpp>
#include <CoinLpIO.hpp>
#include <CoinMessageHandler.hpp>
#include <CoinMpsIO.hpp>
#include <OsiClpSolverInterface.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "nnmip/solver/coin_model.hpp"
#include "nnmip/solver/milp_solver.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {
namespace {

std::vector<const char*> c_strings(const std::vector<std::string>& names) {
  std::vector<const char*> out;
  out.reserve(names.size() + 1);
  for (const std::string& s : names) out.push_back(s.c_str());
  return out;
}

/// LP names may only use letters, digits and ! " # $ % & ( ) . ; ? @ _ ' ` { } ~
/// and must not start with a digit or a period (CoinLpIO silently replaces the
/// names of the whole file by x0, x1, ... otherwise). Brackets become
/// parentheses, ':' '.', ',' ';', anything else '_'.
std::vector<std::string> lp_names(std::vector<std::string> names) {
  static const std::string kAllowedPunctuation = "!\"#$%&().;?@_'`{}~";
  for (std::string& name : names) {
    for (char& c : name) {
      if (std::isalnum(static_cast<unsigned char>(c)) || kAllowedPunctuation.find(c) != std::string::npos) continue;
      c = c == '[' ? '(' : c == ']' ? ')' : c == ':' ? '.' : c == ',' ? ';' : '_';
    }
    if (!name.empty() && (std::isdigit(static_cast<unsigned char>(name[0])) || name[0] == '.'))
      name.insert(name.begin(), '_');
  }
  return names;
}

/// What a COIN writer, which only takes a file name, writes: it writes into an
/// anonymous in-memory file (memfd, named by /proc/self/fd/N), never into the
/// user's path, which may be a stream (/dev/stdout) or a device (/dev/full) that
/// cannot be read back. `write(name)` returns COIN's status (0 = success).
std::string captured_output(const std::function<int(const std::string&)>& write, const std::string& what) {
  const int fd = ::memfd_create("nnmip-model-file", MFD_CLOEXEC);
  if (fd < 0) throw Error("cannot write " + what + ": no in-memory file (" + std::strerror(errno) + ")");
  std::string text;
  int status = 0;
  try {
    status = write("/proc/self/fd/" + std::to_string(fd));
    const off_t size = ::lseek(fd, 0, SEEK_END);
    if (size < 0) throw Error("cannot write " + what + ": " + std::strerror(errno));
    text.resize(static_cast<size_t>(size));
    size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = ::pread(fd, text.data() + done, text.size() - done, static_cast<off_t>(done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw Error("cannot write " + what + ": " + std::strerror(n < 0 ? errno : EIO));
      done += static_cast<size_t>(n);
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  if (status != 0)
    throw Error("cannot write " + what + ": the COIN-OR writer failed (status " + std::to_string(status) + ")");
  return text;
}

std::string header_comment(const MilpModel& model, char comment) {
  std::ostringstream h;
  h << comment << " written by nnmip: " << model.num_columns() << " columns (" << model.num_integers() << " integer), "
    << model.num_rows() << " rows; sense " << (model.sense == Sense::maximize ? "maximize" : "minimize")
    << ", objective offset " << model.objective_offset << "\n";
  return h.str();
}

void write_mps(const MilpModel& model, const OsiClpSolverInterface& solver, const std::string& path) {
  CoinMpsIO writer;
  writer.messageHandler()->setLogLevel(0);
  const int n = model.num_columns();
  std::vector<char> integrality(n, 0);
  std::vector<double> objective(n);
  const double sign = coin::sense_sign(model.sense);  // written objective = sign * f
  for (int j = 0; j < n; ++j) {
    integrality[j] = model.columns()[j].integer ? 1 : 0;
    objective[j] = sign * model.columns()[j].objective;
  }
  writer.setMpsData(*solver.getMatrixByCol(), solver.getInfinity(), solver.getColLower(), solver.getColUpper(),
                    objective.data(), integrality.data(), solver.getRowLower(), solver.getRowUpper(),
                    coin::column_names(model), coin::row_names(model));
  // sign * offset = -RHS(objective row)
  writer.setObjectiveOffset(-sign * model.objective_offset);
  const std::string text = captured_output(
      [&](const std::string& name) {
        return writer.writeMps(name.c_str(), /*compression=*/0, /*formatType=*/1, /*numberAcross=*/2);
      },
      "the MPS file " + path);

  std::string header = header_comment(model, '*');
  if (model.sense == Sense::maximize)
    header +=
        "* the model MAXIMIZES f; this file MINIMIZES -f (objective negated, COIN ignores OBJSENSE): "
        "negate the optimal value\n";
  write_file_atomically(path, header + text);
}

void write_lp(const MilpModel& model, const OsiClpSolverInterface& solver, const std::string& path) {
  CoinLpIO writer;
  writer.messageHandler()->setLogLevel(0);
  std::vector<char> integrality(model.num_columns(), 0);
  for (int j = 0; j < model.num_columns(); ++j) integrality[j] = model.columns()[j].integer ? 1 : 0;
  writer.setLpDataWithoutRowAndColNames(*solver.getMatrixByRow(), solver.getColLower(), solver.getColUpper(),
                                        solver.getObjCoefficients(), integrality.data(), solver.getRowLower(),
                                        solver.getRowUpper());
  std::vector<std::string> rows = lp_names(coin::row_names(model));
  rows.push_back("objective");
  const std::vector<std::string> cols = lp_names(coin::column_names(model));
  std::vector<const char*> row_ptrs = c_strings(rows);
  std::vector<const char*> col_ptrs = c_strings(cols);
  writer.setLpDataRowAndColNames(row_ptrs.data(), col_ptrs.data());
  writer.setObjectiveOffset(model.objective_offset);

  std::string text = captured_output(
      [&](const std::string& name) {
        return writer.writeLp(name.c_str(), /*epsilon=*/1e-12, /*numberAcross=*/8, /*decimals=*/15, true);
      },
      "the LP file " + path);
  if (model.sense == Sense::maximize) {
    const size_t at = text.find("\nMinimize\n");
    if (at == std::string::npos) throw Error("unexpected LP layout from CoinLpIO in " + path);
    text.replace(at + 1, 8, "Maximize");
  }
  write_file_atomically(path, header_comment(model, '\\') + text);
}

}  // namespace

void write_model_file(const MilpModel& model, const std::string& path, ModelFileFormat format) {
  OsiClpSolverInterface solver;
  coin::load_model(model, coin::ObjectiveForm::native, solver);
  solver.setObjSense(1.0);  // coefficients as in the model; the sense is written separately
  coin::silence(solver);
  try {
    if (format == ModelFileFormat::mps) {
      write_mps(model, solver, path);
    } else {
      write_lp(model, solver, path);
    }
  } catch (const CoinError& e) {
    throw Error("cannot write model file " + path + ": " + e.message());
  }
}

}  // namespace nnmip
