// The report generator on a hand-made database: every percentage and count of
// Tables 1-3 checked against values computed by hand, the plot CSVs and the
// rendered PNGs, and clear errors for missing, foreign and newer databases.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "nnmip/report/report.hpp"
#include "nnmip/storage/schema.hpp"
#include "nnmip/util/error.hpp"
#include "support/older_schema.hpp"

namespace fs = std::filesystem;
using namespace nnmip;

namespace {

struct Row {
  std::string study = "verification";
  std::string problem;
  std::string dataset = "mnist";
  int input_size = 784, depth = 2, width = 32;
  std::string structure;  // empty for dense
  std::string criterion;
  double rate = 0;
  bool finetuned = false;
  double finetune_s = 0;
  double limit = 60;
  std::string status;
  std::optional<double> time;   // time_to_first_adversarial_s
  std::optional<double> value;  // best_value
};

class Db {
 public:
  explicit Db(const std::string& path, int schema_version = nnmip::schema_version()) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    exec(schema_sql());
    exec("INSERT INTO meta (key, value) VALUES ('schema_version', '" + std::to_string(schema_version) + "')");
  }
  ~Db() { sqlite3_close(db_); }

  void exec(const std::string& sql) {
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  }

  void insert(const Row& r) {
    const bool dense = r.structure.empty();
    const std::string variant = dense ? "dense"
                                      : r.structure + "-" + r.criterion + "-" + std::to_string(r.rate).substr(0, 4) +
                                            "-" + (r.finetuned ? "F" : "NF");
    const std::string sql =
        "INSERT INTO runs (run_key, study, preset, problem_key, dataset, input_size, depth, width, net_seed, "
        "variant, prune_structure, prune_criterion, prune_rate, finetuned, finetune_time_s, time_limit_s, "
        "threads, solver_seed, mip_start, many_solutions, bounds, status, time_to_first_adversarial_s, "
        "best_value, solver_status, solve_time_s, build_time_s, incumbents, model_columns, model_rows, "
        "model_binaries, model_nonzeros, result_json, code_version, finished_at) VALUES "
        "(?1, ?2, 'test-preset', ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, 0, 0, 0, 'ibp', "
        "?15, ?16, ?17, 'done', 1, 0, 0, 0, 0, 0, 0, '{}', 'v-test', '2024-01-01T00:00:00')";
    sqlite3_stmt* s = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db_);
    const std::string key = r.study + "/" + r.problem + "/" + variant;
    auto text = [&](int i, const std::string& v) { sqlite3_bind_text(s, i, v.c_str(), -1, SQLITE_TRANSIENT); };
    auto opt = [&](int i, const std::optional<double>& v) {
      if (v)
        sqlite3_bind_double(s, i, *v);
      else
        sqlite3_bind_null(s, i);
    };
    text(1, key);
    text(2, r.study);
    text(3, r.problem);
    if (r.study == "verification")
      text(4, r.dataset);
    else
      sqlite3_bind_null(s, 4);
    sqlite3_bind_int(s, 5, r.input_size);
    sqlite3_bind_int(s, 6, r.depth);
    sqlite3_bind_int(s, 7, r.width);
    text(8, variant);
    if (dense)
      sqlite3_bind_null(s, 9), sqlite3_bind_null(s, 10);
    else
      text(9, r.structure), text(10, r.criterion);
    sqlite3_bind_double(s, 11, r.rate);
    sqlite3_bind_int(s, 12, r.finetuned);
    sqlite3_bind_double(s, 13, r.finetune_s);
    sqlite3_bind_double(s, 14, r.limit);
    std::string status = r.status;
    if (status.empty()) {
      if (r.study == "verification")
        status = r.time ? "adversarial" : "unknown";
      else
        status = r.value ? "feasible" : "no_solution";
    }
    text(15, status);
    opt(16, r.time);
    opt(17, r.value);
    ASSERT_EQ(sqlite3_step(s), SQLITE_DONE) << sqlite3_errmsg(db_);
    sqlite3_finalize(s);
  }

 private:
  sqlite3* db_ = nullptr;
};

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// The text of report.md from the heading starting with `heading` to the next heading.
std::string section(const std::string& md, const std::string& heading) {
  const size_t start = md.find("\n" + heading);
  if (start == std::string::npos) return "";
  const size_t end = md.find("\n#", start + 1);
  return md.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

/// The cells of the table row starting with `prefix` in `text`, trimmed, prefix cells included.
std::vector<std::string> row(const std::string& text, const std::string& prefix) {
  const size_t start = text.find("\n" + prefix);
  if (start == std::string::npos) return {};
  const size_t end = text.find('\n', start + 1);
  const std::string line = text.substr(start + 1, end - start - 1);
  std::vector<std::string> cells;
  std::stringstream stream(line);
  std::string cell;
  std::getline(stream, cell, '|');  // before the first bar
  while (std::getline(stream, cell, '|')) {
    const size_t a = cell.find_first_not_of(' '), b = cell.find_last_not_of(' ');
    cells.push_back(a == std::string::npos ? "" : cell.substr(a, b - a + 1));
  }
  if (!cells.empty() && cells.back().empty()) cells.pop_back();
  return cells;
}

int data_rows(const fs::path& csv) {
  std::ifstream in(csv);
  std::string line;
  int lines = 0;
  while (std::getline(in, line))
    if (!line.empty()) ++lines;
  return lines - 1;  // header
}

class Report : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nnmip_report_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  /// Four verification problems and three maximization problems; the expected
  /// numbers in the tests below are worked out from these rows by hand.
  void fill(Db& db) {
    auto dense = [](std::string p, std::string ds, int n0, int d, int w, std::optional<double> t) {
      Row r;
      r.problem = p, r.dataset = ds, r.input_size = n0, r.depth = d, r.width = w, r.time = t;
      return r;
    };
    auto surrogate = [](Row r, std::string s, std::string c, double rate, bool f, std::optional<double> t,
                        double ft = 0) {
      r.structure = s, r.criterion = c, r.rate = rate, r.finetuned = f, r.time = t, r.finetune_s = ft;
      r.status = "";
      return r;
    };
    const Row a = dense("A", "mnist", 784, 2, 32, 10.0);
    db.insert(a);
    db.insert(surrogate(a, "unstructured", "magnitude", 0.5, false, 1.0));         // faster
    db.insert(surrogate(a, "unstructured", "random", 0.5, false, 20.0));           // slower
    db.insert(surrogate(a, "unstructured", "magnitude", 0.5, true, 3.0, 8));       // faster; 11 s with finetuning
    db.insert(surrogate(a, "structured", "magnitude", 0.9, false, std::nullopt));  // timeout: slower
    const Row b = dense("B", "mnist", 324, 4, 64, std::nullopt);                   // dense timeout
    db.insert(b);
    db.insert(surrogate(b, "unstructured", "magnitude", 0.5, false, std::nullopt));  // both time out: tie
    db.insert(surrogate(b, "unstructured", "random", 0.5, false, 50.0));             // faster
    db.insert(surrogate(b, "unstructured", "magnitude", 0.5, true, 4.0, 100));       // faster, also with finetuning
    db.insert(surrogate(b, "structured", "magnitude", 0.9, false, 5.0));             // faster
    const Row c = dense("C", "fashion-mnist", 784, 2, 64, 2.0);
    db.insert(c);
    db.insert(surrogate(c, "unstructured", "magnitude", 0.5, false, 5.0));    // slower
    db.insert(surrogate(c, "unstructured", "random", 0.5, false, 1.0));       // faster
    db.insert(surrogate(c, "unstructured", "magnitude", 0.5, true, 2.0, 1));  // tie; 3 s with finetuning
    db.insert(surrogate(c, "unstructured", "magnitude", 0.9, false, 1.0));    // faster
    db.insert(surrogate(c, "structured", "random", 0.9, true, 1.0, 0.5));     // faster, also with finetuning
    Row d = dense("D", "fashion-mnist", 324, 2, 32, std::nullopt);
    d.status = "robust";
    db.insert(d);
    d.status = "";
    db.insert(surrogate(d, "unstructured", "magnitude", 0.5, false, 0.001));  // faster (plotted at 0.01)

    auto max_dense = [](std::string p, int n0, int depth, int w, std::optional<double> v) {
      Row r;
      r.study = "maximization", r.problem = p, r.input_size = n0, r.depth = depth, r.width = w, r.value = v;
      r.limit = 120;
      r.status = v ? "optimal" : "no_solution";
      return r;
    };
    auto max_surrogate = [](Row r, double rate, std::optional<double> v, std::string s = "unstructured") {
      r.structure = s, r.criterion = "magnitude", r.rate = rate, r.value = v, r.status = "";
      return r;
    };
    const Row m1 = max_dense("M1", 100, 2, 50, 5.0);
    db.insert(m1);
    db.insert(max_surrogate(m1, 0.5, 6.0));                  // better
    db.insert(max_surrogate(m1, 0.9, 5.0));                  // tie
    db.insert(max_surrogate(m1, 0.5, 100.0, "structured"));  // not a Table 3 variant: ignored
    const Row m2 = max_dense("M2", 1000, 3, 50, std::nullopt);
    db.insert(m2);
    db.insert(max_surrogate(m2, 0.5, 1.0));           // better than no solution
    db.insert(max_surrogate(m2, 0.9, std::nullopt));  // both without solution: tie
    Row m3 = max_dense("M3", 1000, 2, 100, 3.0);
    m3.status = "feasible";
    db.insert(m3);
    db.insert(max_surrogate(m3, 0.5, 2.0));           // worse
    db.insert(max_surrogate(m3, 0.9, std::nullopt));  // worse
  }

  fs::path dir_;
};

TEST_F(Report, TablesMatchHandComputedNumbers) {
  {
    Db db(path("results.sqlite"));
    fill(db);
  }
  const ReportSummary summary = write_report(path("results.sqlite"), path("report"));
  EXPECT_EQ(summary.verification_problems, 4);
  EXPECT_EQ(summary.maximization_problems, 3);
  const std::string md = read(dir_ / "report" / "report.md");
  ASSERT_FALSE(md.empty());

  // Header.
  EXPECT_NE(md.find("- Runs: 28"), std::string::npos) << md;
  EXPECT_NE(md.find("- Studies: verification: 18 runs, 4 problems, 4 dense runs; maximization: 10 runs, 3 problems, 3 "
                    "dense runs\n"),
            std::string::npos);
  EXPECT_NE(md.find("maximization: 10 runs, 3 problems, 3 dense runs"), std::string::npos);
  EXPECT_NE(md.find("verification test-preset (18 runs)"), std::string::npos);
  EXPECT_NE(md.find("- Code versions: v-test (28 runs)"), std::string::npos);
  EXPECT_NE(md.find("verification 60 (18 runs)"), std::string::npos);  // the time limits
  EXPECT_NE(md.find("Dense outcomes (verification): adversarial 2 / robust 1 / unknown 1"), std::string::npos);
  EXPECT_NE(md.find("Dense outcomes (maximization): optimal 1 / feasible 1 / no_solution 1"), std::string::npos);
  EXPECT_NE(md.find("per dataset: fashion-mnist (2 problems), mnist (2 problems)"), std::string::npos);
  EXPECT_NE(md.find("## How to read"), std::string::npos);

  // Table 1: MP and RP aggregated, finetune time not counted; columns rate 0.5, 0.9.
  const std::string t1 = section(md, "### Table 1:");
  ASSERT_FALSE(t1.empty()) << md;
  EXPECT_NE(t1.find("| heuristics | structure | finetuning | 0.5 | 0.9 | paper"), std::string::npos) << t1;
  using Cells = std::vector<std::string>;
  EXPECT_EQ(row(t1, "| none | unstructured | NF |"), (Cells{"none", "unstructured", "NF", "57.1 (n=7, TO S:1 D:3)",
                                                            "100.0 (n=1, TO S:0 D:0)", "67.5 71.3 89.4 92.5 83.8"}));
  EXPECT_EQ(row(t1, "| none | unstructured | F |"),
            (Cells{"none", "unstructured", "F", "66.7 (n=3, TO S:0 D:1)", "-", "65.6 70.6 90.0 96.3 93.8"}));
  EXPECT_EQ(row(t1, "| none | structured | NF |"),
            (Cells{"none", "structured", "NF", "-", "50.0 (n=2, TO S:1 D:1)", "75.0 78.8 70.6 72.5 65.0"}));
  EXPECT_EQ(row(t1, "| none | structured | F |"),
            (Cells{"none", "structured", "F", "-", "100.0 (n=1, TO S:0 D:0)", "59.4 57.5 56.3 49.4 46.3"}));

  const std::string t1b = section(md, "### Table 1b");
  EXPECT_EQ(row(t1b, "| none | unstructured | MP | NF |"),
            (Cells{"none", "unstructured", "MP", "NF", "50.0 (n=4, TO S:1 D:2)", "100.0 (n=1, TO S:0 D:0)"}));
  EXPECT_EQ(row(t1b, "| none | unstructured | RP | NF |"),
            (Cells{"none", "unstructured", "RP", "NF", "66.7 (n=3, TO S:0 D:1)", "-"}));
  EXPECT_EQ(row(t1b, "| none | unstructured | MP | F |"),
            (Cells{"none", "unstructured", "MP", "F", "66.7 (n=3, TO S:0 D:1)", "-"}));
  EXPECT_EQ(row(t1b, "| none | unstructured | RP | F |"), (Cells{"none", "unstructured", "RP", "F", "-", "-"}));
  EXPECT_EQ(row(t1b, "| none | structured | MP | NF |"),
            (Cells{"none", "structured", "MP", "NF", "-", "50.0 (n=2, TO S:1 D:1)"}));
  EXPECT_EQ(row(t1b, "| none | structured | RP | F |"),
            (Cells{"none", "structured", "RP", "F", "-", "100.0 (n=1, TO S:0 D:0)"}));

  const std::string t1c = section(md, "### Table 1c");
  EXPECT_EQ(row(t1c, "| none | unstructured | F + finetune time |"),
            (Cells{"none", "unstructured", "F + finetune time", "33.3 (n=3, TO S:0 D:1)", "-"}));
  EXPECT_EQ(row(t1c, "| none | structured | F + finetune time |"),
            (Cells{"none", "structured", "F + finetune time", "-", "100.0 (n=1, TO S:0 D:0)"}));

  const std::string t2 = section(md, "### Table 2");
  EXPECT_EQ(row(t2, "| none | all |"), (Cells{"none", "all", "all", "60.0 (n=10)", "75.0 (n=4)"}));
  EXPECT_EQ(row(t2, "| none | input size | 18x18"),
            (Cells{"none", "input size", "18x18 (324)", "75.0 (n=4)", "100.0 (n=1)"}));
  EXPECT_EQ(row(t2, "| none | input size | 28x28"),
            (Cells{"none", "input size", "28x28 (784)", "50.0 (n=6)", "66.7 (n=3)"}));
  EXPECT_EQ(row(t2, "| none | depth | 2 |"), (Cells{"none", "depth", "2", "57.1 (n=7)", "66.7 (n=3)"}));
  EXPECT_EQ(row(t2, "| none | depth | 4 |"), (Cells{"none", "depth", "4", "66.7 (n=3)", "100.0 (n=1)"}));
  EXPECT_EQ(row(t2, "| none | width | 32 |"), (Cells{"none", "width", "32", "75.0 (n=4)", "0.0 (n=1)"}));
  EXPECT_EQ(row(t2, "| none | width | 64 |"), (Cells{"none", "width", "64", "50.0 (n=6)", "100.0 (n=3)"}));

  const std::string t3 = section(md, "### Table 3");
  ASSERT_FALSE(t3.empty()) << md;
  EXPECT_EQ(row(t3, "| none | all |"), (Cells{"none", "all", "all", "66.7 (n=3, ties 0)", "0.0 (n=3, ties 2)"}));
  EXPECT_EQ(row(t3, "| none | input size | 100 |"),
            (Cells{"none", "input size", "100", "100.0 (n=1, ties 0)", "0.0 (n=1, ties 1)"}));
  EXPECT_EQ(row(t3, "| none | input size | 1000 |"),
            (Cells{"none", "input size", "1000", "50.0 (n=2, ties 0)", "0.0 (n=2, ties 1)"}));
  EXPECT_EQ(row(t3, "| none | depth | 2 |"), (Cells{"none", "depth", "2", "50.0 (n=2, ties 0)", "0.0 (n=2, ties 1)"}));
  EXPECT_EQ(row(t3, "| none | depth | 3 |"), (Cells{"none", "depth", "3", "100.0 (n=1, ties 0)", "0.0 (n=1, ties 1)"}));
  EXPECT_EQ(row(t3, "| none | width | 50 |"),
            (Cells{"none", "width", "50", "100.0 (n=2, ties 0)", "0.0 (n=2, ties 2)"}));
  EXPECT_EQ(row(t3, "| none | width | 100 |"),
            (Cells{"none", "width", "100", "0.0 (n=1, ties 0)", "0.0 (n=1, ties 0)"}));
  EXPECT_NE(t3.find("82.2%"), std::string::npos);
  EXPECT_NE(md.find("Ignored: 1 maximization surrogate runs"), std::string::npos);

  // Figures: per-panel points below / above the identity line.
  const std::string f1 = section(md, "#### Figure 1");
  EXPECT_EQ(row(f1, "| 0.5 |"), (Cells{"0.5", "below 50.0 / above 25.0 (n=4)", "below 100.0 / above 0.0 (n=2)",
                                       "below 50.0 / above 50.0 (n=2)"}));
  EXPECT_NE(md.find("](plots/fig1_mnist.png)"), std::string::npos);
  EXPECT_NE(md.find("](plots/fig2_fashion_mnist.png)"), std::string::npos);
  EXPECT_NE(md.find("](plots/fig3_structure_criterion.png)"), std::string::npos);
}

TEST_F(Report, WritesPanelCsvsScriptsAndPlots) {
  {
    Db db(path("results.sqlite"));
    fill(db);
  }
  const ReportSummary summary = write_report(path("results.sqlite"), path("report"));
  const fs::path out = dir_ / "report";
  const std::vector<std::pair<std::string, int>> expected = {
      {"fig1_mnist_rate0.5_NF", 4},
      {"fig1_mnist_rate0.5_F", 2},
      {"fig1_mnist_rate0.5_F_with_finetune_time", 2},
      {"fig1_mnist_rate0.9_NF", 2},
      {"fig1_mnist_rate0.9_F", 0},
      {"fig2_fashion_mnist_rate0.5_NF", 3},
      {"fig2_fashion_mnist_rate0.5_F", 1},
      {"fig2_fashion_mnist_rate0.9_NF", 1},
      {"fig2_fashion_mnist_rate0.9_F", 1},
      {"fig3_structure_criterion_rate0.5_unstructured_MP", 7},
      {"fig3_structure_criterion_rate0.5_unstructured_RP", 3},
      {"fig3_structure_criterion_rate0.5_structured_MP", 0},
      {"fig3_structure_criterion_rate0.9_unstructured_MP", 1},
      {"fig3_structure_criterion_rate0.9_structured_MP", 2},
      {"fig3_structure_criterion_rate0.9_structured_RP", 1},
      {"verification_pairs", 14},
      {"maximization_pairs", 6},
  };
  for (const auto& [name, rows] : expected) {
    const fs::path csv = out / "csv" / (name + ".csv");
    ASSERT_TRUE(fs::exists(csv)) << csv;
    EXPECT_EQ(data_rows(csv), rows) << csv;
  }
  int csvs = 0;
  for (const auto& entry : fs::directory_iterator(out / "csv")) csvs += entry.path().extension() == ".csv";
  EXPECT_EQ(csvs, 6 + 6 + 8 + 2);

  // The point of problem D (0.001 s) is clamped to 0.01 s; the timeout of B is on the border (60 s).
  const std::string d = read(out / "csv" / "fig2_fashion_mnist_rate0.5_NF.csv");
  EXPECT_NE(d.find("D,unstructured-magnitude-0.50-NF,fashion-mnist,unstructured,magnitude,0,0.5,,0.001,0,1,0,60,0.01,"),
            std::string::npos)
      << d;
  const std::string gp = read(out / "plots" / "fig1_mnist.gp");
  EXPECT_NE(gp.find("set multiplot layout 2,3"), std::string::npos);
  EXPECT_NE(gp.find("set logscale xy"), std::string::npos);
  // Axes: 1.5 x the 60 s limit, further when a time counting finetuning (B: 4 + 100 s) lies beyond.
  EXPECT_NE(gp.find("set xrange [0.01:124.8]"), std::string::npos) << gp;
  EXPECT_NE(read(out / "plots" / "fig2_fashion_mnist.gp").find("set yrange [0.01:90]"), std::string::npos);
  // The shares below / above the line are in the panel's title, where no point can be.
  EXPECT_NE(gp.find("set title \"rate 0.5, NF (n=4)\\nbelow 50.0%, above 25.0%\""), std::string::npos) << gp;

  for (const std::string figure : {"fig1_mnist", "fig2_fashion_mnist", "fig3_structure_criterion"}) {
    EXPECT_TRUE(fs::exists(out / "plots" / (figure + ".gp"))) << figure;
    if (std::system("command -v gnuplot > /dev/null 2>&1") == 0) {
      for (const std::string ext : {".png", ".svg"}) {
        const fs::path plot = out / "plots" / (figure + ext);
        ASSERT_TRUE(fs::exists(plot)) << plot << "\n" << read(out / "plots" / (figure + ".log"));
        EXPECT_GT(fs::file_size(plot), 1000u) << plot;
      }
    }
  }
  if (std::system("command -v gnuplot > /dev/null 2>&1") == 0) {
    EXPECT_TRUE(summary.warnings.empty());
  }
  // Every listed file exists.
  EXPECT_GE(summary.files.size(), 20u + 3u + 1u);
  for (const auto& f : summary.files) EXPECT_TRUE(fs::exists(f)) << f;
}

TEST_F(Report, WithoutGnuplotWritesCsvsScriptsAndANote) {
  {
    Db db(path("results.sqlite"));
    fill(db);
  }
  const std::string saved_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  fs::create_directories(dir_ / "empty_bin");
  ::setenv("PATH", (dir_ / "empty_bin").c_str(), 1);  // no gnuplot on the PATH
  const ReportSummary summary = write_report(path("results.sqlite"), path("report"));
  ::setenv("PATH", saved_path.c_str(), 1);
  ASSERT_EQ(summary.warnings.size(), 1u);
  EXPECT_NE(summary.warnings[0].find("gnuplot is not installed"), std::string::npos);
  const fs::path out = dir_ / "report";
  const std::string md = read(out / "report.md");
  EXPECT_NE(md.find("Warning: gnuplot is not installed"), std::string::npos) << md;
  EXPECT_NE(md.find("| unstructured | NF | 57.1 (n=7, TO S:1 D:3) |"), std::string::npos);
  for (const std::string figure : {"fig1_mnist", "fig2_fashion_mnist", "fig3_structure_criterion"}) {
    EXPECT_TRUE(fs::exists(out / "plots" / (figure + ".gp")));
    EXPECT_FALSE(fs::exists(out / "plots" / (figure + ".png")));
  }
  EXPECT_EQ(data_rows(out / "csv" / "fig1_mnist_rate0.5_NF.csv"), 4);
  for (const auto& f : summary.files) EXPECT_TRUE(fs::exists(f)) << f;
}

TEST_F(Report, EmptyStudiesSayNoRuns) {
  { Db db(path("empty.sqlite")); }
  const ReportSummary summary = write_report(path("empty.sqlite"), path("report"));
  EXPECT_EQ(summary.verification_problems, 0);
  EXPECT_EQ(summary.maximization_problems, 0);
  const std::string md = read(dir_ / "report" / "report.md");
  EXPECT_NE(md.find("- Runs: 0"), std::string::npos) << md;
  EXPECT_NE(section(md, "## Verification").find("No runs."), std::string::npos) << md;
  EXPECT_NE(section(md, "## Function maximization").find("No runs."), std::string::npos) << md;
  EXPECT_NE(md.find("verification: no runs"), std::string::npos) << md;
}

void expect_error(const std::function<void()>& f, const std::string& fragment) {
  try {
    f();
    ADD_FAILURE() << "expected nnmip::Error containing '" << fragment << "'";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST_F(Report, PairsRunsWithinOneHeuristicsSettingAndFiltersByIt) {
  {
    Db db(path("one.sqlite"));
    fill(db);
  }
  write_report(path("one.sqlite"), path("one"));
  {
    Db db(path("two.sqlite"));
    fill(db);
    // The same runs again under another heuristics setting.
    db.exec("CREATE TEMP TABLE copy AS SELECT * FROM runs");
    db.exec("UPDATE copy SET run_key = run_key || '+all', heuristics = 'all'");
    db.exec("INSERT INTO runs SELECT * FROM copy");
  }
  const ReportSummary both = write_report(path("two.sqlite"), path("both"));
  EXPECT_EQ(both.verification_problems, 8);  // (problem, setting) pairs
  EXPECT_EQ(both.maximization_problems, 6);
  EXPECT_NE(read(dir_ / "both" / "report.md")
                .find("  - heuristics: maximization all (10 runs), maximization none (10 runs), verification all (18 "
                      "runs), verification none (18 runs)\n"),
            std::string::npos);
  const std::string t1_one = section(read(dir_ / "one" / "report.md"), "### Table 1:");
  ASSERT_FALSE(t1_one.empty());
  // Each setting's runs pair among themselves, in one block of rows per setting, side by side.
  const std::string t1_both = section(read(dir_ / "both" / "report.md"), "### Table 1:");
  EXPECT_EQ(row(t1_both, "| none | unstructured | NF |")[3], "57.1 (n=7, TO S:1 D:3)");
  EXPECT_EQ(row(t1_both, "| all | unstructured | NF |")[3], "57.1 (n=7, TO S:1 D:3)");
  EXPECT_EQ(row(section(read(dir_ / "both" / "report.md"), "### Table 3"), "| all | all |")[3], "66.7 (n=3, ties 0)");
  for (const std::string setting : {"none", "all"}) {
    const ReportSummary only = write_report(path("two.sqlite"), path(setting), setting);
    EXPECT_EQ(only.verification_problems, 4) << setting;
    std::string expected = t1_one;
    for (size_t at; setting != "none" && (at = expected.find("| none |")) != std::string::npos;)
      expected.replace(at, 8, "| " + setting + " |");
    EXPECT_EQ(section(read(dir_ / setting / "report.md"), "### Table 1:"), expected) << setting;
  }
}

TEST_F(Report, FiguresCountCoincidingPointsAndLeaveOutColumnsWithoutRuns) {
  {
    Db db(path("results.sqlite"));
    Row dense;
    dense.problem = "E";  // MNIST; the dense run and two magnitude surrogates time out: one position
    db.insert(dense);
    for (bool finetuned : {false, true}) {
      Row r = dense;
      r.structure = "unstructured", r.criterion = "magnitude", r.rate = 0.5, r.finetuned = finetuned;
      db.insert(r);
      r.structure = "structured";
      db.insert(r);
    }
  }
  write_report(path("results.sqlite"), path("report"));
  const std::string fig3 = read(dir_ / "report" / "plots" / "fig3_structure_criterion.gp");
  // No random pruning: its two columns are left out, and the report says so.
  EXPECT_NE(fig3.find("set multiplot layout 1,2 "), std::string::npos) << fig3;
  EXPECT_NE(
      read(dir_ / "report" / "report.md").find("Not in this database, so not drawn: unstructured RP, structured RP."),
      std::string::npos);
  // NF and F of one structure lie on (60, 60): drawn once, labelled with their count.
  EXPECT_NE(fig3.find("set label 2 \"x2\" at first 60, first 60"), std::string::npos) << fig3;
}

TEST_F(Report, Table4ComparesEveryMethodWithTheBestOfEachProblem) {
  {
    Db db(path("results.sqlite"));
    fill(db);
  }
  write_report(path("results.sqlite"), path("report"));
  const std::string md = read(dir_ / "report" / "report.md");
  const std::string verification = section(md, "### Verification: time to the first");
  using Cells = std::vector<std::string>;
  // Dense: found in A (10 s; A's best 1 s) and C (2 s; best 1 s) of A-D: never fastest, ratios 10 and 2.
  EXPECT_EQ(row(verification, "| none | dense |"), (Cells{"none", "dense", "4", "50.0", "0.0", "6"})) << md;
  // A 1 s (the best), B none, C 5 s (best 1 s), D 0.001 s (the best; clamped to 0.01 s): ratios 1, 5, 1.
  EXPECT_EQ(row(verification, "| none | unstructured-magnitude-0.50-NF |"),
            (Cells{"none", "unstructured-magnitude-0.50-NF", "4", "75.0", "50.0", "1"}));
  const std::string maximization = section(md, "### Maximization: best dense value");
  // M1 5 (best 100, the structured surrogate), M2 none, M3 3 (the best): gaps 0.95 and 0.
  EXPECT_EQ(row(maximization, "| none | dense |"), (Cells{"none", "dense", "3", "66.7", "33.3", "0.475"}));
}

TEST_F(Report, RefusesRunsOfSeveralCodeVersionsUnlessAsked) {
  {
    Db db(path("results.sqlite"));
    fill(db);
    db.exec("UPDATE runs SET code_version = 'v-other-dirty' WHERE study = 'maximization'");
  }
  expect_error([&] { write_report(path("results.sqlite"), path("report")); },
               "2 code versions: 'v-other-dirty' (10 runs), 'v-test' (18 runs)");
  write_report(path("results.sqlite"), path("report"), "", true);
  EXPECT_NE(read(dir_ / "report" / "report.md").find("- Note: 10 runs come from a build with uncommitted changes"),
            std::string::npos);
}

TEST_F(Report, ReadsSchemaVersion1AsRunsWithoutHeuristics) {
  {
    Db db(path("v1.sqlite"), 1);
    fill(db);
    db.exec(nnmip::testing::downgrade_sql(1));
  }
  {
    Db db(path("v2.sqlite"));
    fill(db);
  }
  write_report(path("v1.sqlite"), path("v1"));
  write_report(path("v2.sqlite"), path("v2"));
  EXPECT_EQ(section(read(dir_ / "v1" / "report.md"), "### Table 1:"),
            section(read(dir_ / "v2" / "report.md"), "### Table 1:"));
  EXPECT_EQ(write_report(path("v1.sqlite"), path("v1-none"), "none").verification_problems, 4);
  EXPECT_EQ(write_report(path("v1.sqlite"), path("v1-all"), "all").verification_problems, 0);
}

TEST_F(Report, ClearErrors) {
  expect_error([&] { write_report(path("missing.sqlite"), path("report")); },
               "no database at " + path("missing.sqlite"));
  { std::ofstream(path("notes.txt")) << "this is not a database, it is a text file with enough bytes to be read\n"; }
  expect_error([&] { write_report(path("notes.txt"), path("report")); }, "is not an SQLite database");
  { Db db(path("v9.sqlite"), 9); }
  expect_error([&] { write_report(path("v9.sqlite"), path("report")); },
               path("v9.sqlite") + " was written by schema version 9; this nnmip reads versions 1 to " +
                   std::to_string(schema_version()));
  {
    Db db(path("results.sqlite"));
    fill(db);
  }
  expect_error([&] { write_report(path("results.sqlite"), path("report"), "some"); },
               "unknown heuristics setting 'some'");
  {
    sqlite3* raw = nullptr;
    sqlite3_open(path("other.sqlite").c_str(), &raw);
    sqlite3_exec(raw, "CREATE TABLE t (x INTEGER)", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
  }
  expect_error([&] { write_report(path("other.sqlite"), path("report")); }, "not an nnmip experiment database");
}

}  // namespace

TEST(CommittedResults, ReportsReproduceByteForByteFromTheirDatabases) {
  // docs/results/<preset>/ holds a campaign's database (results.sqlite.xz) and the
  // report written from it at the repository's root, which names the database as
  // docs/results/<preset>/results.sqlite: the same path is made in a scratch folder.
  const fs::path root = fs::path(NNMIP_DOCS_DIR).parent_path();
  const fs::path scratch = fs::temp_directory_path() / ("nnmip_committed_" + std::to_string(::getpid()));
  struct Restore {  // the working directory, whatever happens below
    fs::path dir = fs::current_path();
    ~Restore() { fs::current_path(dir); }
  } restore;
  int checked = 0;
  for (const fs::directory_entry& preset : fs::directory_iterator(root / "docs" / "results")) {
    const fs::path archive = preset.path() / "results.sqlite.xz";
    if (!fs::exists(archive)) continue;
    const std::string relative = "docs/results/" + preset.path().filename().string();
    fs::create_directories(scratch / relative);
    ASSERT_EQ(
        std::system(
            ("xz -dc '" + archive.string() + "' > '" + (scratch / relative / "results.sqlite").string() + "'").c_str()),
        0);
    ASSERT_EQ(::chdir(scratch.c_str()), 0);
    write_report(relative + "/results.sqlite", (scratch / "report").string());
    std::ifstream committed(preset.path() / "report.md"), written(scratch / "report" / "report.md");
    std::stringstream a, b;
    a << committed.rdbuf();
    b << written.rdbuf();
    EXPECT_EQ(a.str(), b.str()) << relative << "/report.md differs from the report of its database";
    ++checked;
  }
  fs::remove_all(scratch);
  EXPECT_GE(checked, 1) << "no committed results under docs/results/";
}
