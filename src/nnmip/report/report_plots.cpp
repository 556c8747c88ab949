// Figures 1-3 of the report: one CSV per panel, one gnuplot script per figure
// (multiplot, log-log, identity line, timeouts on the border), rendered to PNG
// and SVG when gnuplot is installed.
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "nnmip/report/report_internal.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"

namespace fs = std::filesystem;

namespace nnmip::report {
namespace {

struct Panel {
  std::string csv;    // relative to out_dir
  std::string title;  // without n
  bool with_finetune = false;
  std::vector<const VerificationPair*> points;
};

struct Figure {
  std::string name;         // file stem: plots/<name>.gp, csv/<name>_*.csv
  std::string heading;      // markdown heading
  std::string title;        // gnuplot multiplot title
  std::string description;  // markdown paragraph
  std::vector<std::string> column_titles;
  int rows = 0, columns = 0;
  std::vector<double> row_rates;
  std::vector<Panel> panels;  // row-major: rows = rates
  std::vector<std::string> group_names;
  std::function<int(const VerificationPair&)> group;
};

const std::vector<std::string> kColours = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#7f7f7f"};

struct Point {
  double x, y;
  bool timeout;
};

Point point_of(const VerificationPair& p, bool with_finetune) {
  Point q;
  q.x = p.dense_s ? std::max(kMinPlotTime, *p.dense_s) : p.dense_limit_s;
  q.y = p.pruned_s ? std::max(kMinPlotTime, p.pruned_time(with_finetune)) : p.surrogate_limit_s;
  q.timeout = !p.dense_s || !p.pruned_s;
  return q;
}

std::string number(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

std::string optional_number(const std::optional<double>& value) { return value ? number(*value) : ""; }

/// CSV fields must not break the format (gnuplot reads them unquoted).
std::string clean(std::string text) {
  for (char& c : text)
    if (c == ',' || c == '"' || c == '\n' || c == '\r') c = ' ';
  return text;
}

/// Text inside a double-quoted gnuplot string (enhanced mode: no sub/superscripts).
std::string gp_text(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\n' || c == '\r') c = ' ';
    if (c == '_' || c == '^' || c == '@' || c == '&' || c == '{' || c == '}' || c == '~') out += "\\\\";
    out += c;
  }
  return out;
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

/// Runs gnuplot on `script` (from out_dir) with its images and log going to a
/// private temporary folder, then moves them into plots/ with
/// write_file_atomically: a killed or failing gnuplot never leaves a partial
/// image over a good one. Returns gnuplot's exit code (non-zero also when no
/// PNG came out); the log is moved in every case.
int render(const fs::path& out_dir, const std::string& name, const std::string& script) {
  std::string folder = (fs::temp_directory_path() / "nnmip-plots-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr)
    throw Error("cannot render " + script + ": cannot create a temporary folder in " +
                fs::temp_directory_path().string() + ": " + std::strerror(errno));
  const fs::path rendered(folder);
  const std::string command = "cd " + shell_quote(out_dir.string()) + " && gnuplot -e " +
                              shell_quote("plot_dir='" + folder + "'") + " " + shell_quote(script) + " > " +
                              shell_quote((rendered / (name + ".log")).string()) + " 2>&1";
  const int status = std::system(command.c_str());
  int code = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
  std::error_code ec;
  const fs::path png = rendered / (name + ".png");
  if (code == 0 && (!fs::exists(png, ec) || fs::file_size(png, ec) == 0)) code = -1;
  try {
    for (const std::string& suffix : {std::string(".log"), std::string(".png"), std::string(".svg")}) {
      if (suffix != ".log" && code != 0) continue;
      if (fs::exists(rendered / (name + suffix), ec))
        write_file_atomically((out_dir / "plots" / (name + suffix)).string(), file_bytes(rendered / (name + suffix)));
    }
  } catch (...) {
    fs::remove_all(rendered, ec);
    throw;
  }
  fs::remove_all(rendered, ec);
  return code;
}

struct PanelCounts {
  int n = 0, below = 0, above = 0;
};

/// Positions where more than one point of the panel is drawn, with their counts.
std::map<std::pair<double, double>, int> coinciding(const Panel& panel) {
  std::map<std::pair<double, double>, int> at;
  for (const auto* p : panel.points) {
    const Point q = point_of(*p, panel.with_finetune);
    ++at[{q.x, q.y}];
  }
  for (auto it = at.begin(); it != at.end();) it = it->second > 1 ? std::next(it) : at.erase(it);
  return at;
}

PanelCounts counts_of(const Panel& panel) {
  PanelCounts c;
  for (const auto* p : panel.points) {
    ++c.n;
    if (p->faster(panel.with_finetune)) ++c.below;
    if (p->slower(panel.with_finetune)) ++c.above;
  }
  return c;
}

std::string panel_csv(const Figure& figure, const Panel& panel) {
  std::ostringstream csv;
  csv << "problem_key,variant,dataset,structure,criterion,finetuned,rate,dense_s,"
      << (panel.with_finetune ? "pruned_plus_finetune_s" : "pruned_s")
      << ",finetune_s,dense_timeout,pruned_timeout,x,y,group,timeout,dense_status\n";
  for (const auto* p : panel.points) {
    const Point q = point_of(*p, panel.with_finetune);
    std::optional<double> pruned;
    if (p->pruned_s) pruned = p->pruned_time(panel.with_finetune);
    csv << clean(p->problem_key) << "," << clean(p->variant) << "," << clean(p->dataset) << "," << clean(p->structure)
        << "," << clean(p->criterion) << "," << p->finetuned << "," << format_rate(p->rate) << ","
        << optional_number(p->dense_s) << "," << optional_number(pruned) << "," << number(p->finetune_time_s) << ","
        << !p->dense_s << "," << !p->pruned_s << "," << number(q.x) << "," << number(q.y) << "," << figure.group(*p)
        << "," << q.timeout << "," << clean(p->dense_status) << "\n";
  }
  return csv.str();
}

std::string gnuplot_script(const Figure& figure) {
  // Axes shared by every panel: from min(0.01, smallest time) to 1.5 x the time limit
  // (further if a time counting finetuning lies beyond it).
  double low = kMinPlotTime, high = 0;
  std::set<double> limits;
  for (const auto& panel : figure.panels)
    for (const auto* p : panel.points) {
      const Point q = point_of(*p, panel.with_finetune);
      low = std::min({low, q.x, q.y});
      high = std::max({high, 1.2 * q.x, 1.2 * q.y, 1.5 * p->dense_limit_s, 1.5 * p->surrogate_limit_s});
      limits.insert(p->dense_limit_s);
      limits.insert(p->surrogate_limit_s);
    }
  if (high <= low) high = 10 * low;
  const int legend_px = 30, title_px = 40;
  const int width = std::max(330 * figure.columns + 40, 8 * static_cast<int>(figure.title.size()) + 40),
            height = 300 * figure.rows + title_px + legend_px + 20;

  std::ostringstream gp;
  gp << "# " << figure.title << "\n"
     << "# Written by `nnmip experiment report`. Run from the report directory:\n"
     << "#   gnuplot plots/" << figure.name << ".gp\n"
     << "# Data: csv/" << figure.name << "_*.csv (x = column 13: dense runtime, y = column 14: pruned\n"
     << "# runtime, both clamped to >= " << kMinPlotTime << " s, timeouts at the time limit; column 15: colour\n"
     << "# group; column 16: 1 when either run timed out).\n"
     << "set datafile separator \",\"\n"
     << "set logscale xy\n"
     << "set xrange [" << number(low) << ":" << number(high) << "]\n"
     << "set yrange [" << number(low) << ":" << number(high) << "]\n"
     << "set format x \"10^{%L}\"\nset format y \"10^{%L}\"\n"
     << "set xlabel \"dense runtime (s)\" offset 0,0.5\n"
     << "set ylabel \"pruned runtime (s)\" offset 1,0\n"
     << "set size ratio 1\n"
     << "set grid lc rgb \"#e0e0e0\"\n";
  int arrow = 1;
  for (double limit : limits) {
    gp << "set arrow " << arrow++ << " from first " << number(limit) << ", graph 0 to first " << number(limit)
       << ", graph 1 nohead dt 3 lc rgb \"#999999\"  # time limit\n";
    gp << "set arrow " << arrow++ << " from graph 0, first " << number(limit) << " to graph 1, first " << number(limit)
       << " nohead dt 3 lc rgb \"#999999\"\n";
  }
  gp << "if (!exists(\"plot_dir\")) plot_dir = \"plots\"  # nnmip renders elsewhere, then moves the images here\n"
     << "do for [fmt in \"pngcairo svg\"] {\n"
     << "  if (fmt eq \"pngcairo\") {\n"
     << "    set terminal pngcairo enhanced size " << width << "," << height << " font \"sans,9\"\n"
     << "    set output plot_dir.\"/" << figure.name << ".png\"\n"
     << "  } else {\n"
     << "    set terminal svg enhanced size " << width << "," << height << " font \"sans,9\" background rgb \"white\"\n"
     << "    set output plot_dir.\"/" << figure.name << ".svg\"\n"
     << "  }\n"
     << "  set multiplot layout " << figure.rows << "," << figure.columns << " title \"" << gp_text(figure.title)
     << "\" font \",12\" margins 0.07, 0.98, " << number(static_cast<double>(legend_px + 45) / height) << ", "
     << number(1.0 - static_cast<double>(title_px + 30) / height) << " spacing 0.07, " << number(90.0 / height) << "\n";
  for (size_t i = 0; i < figure.panels.size(); ++i) {
    const Panel& panel = figure.panels[i];
    const PanelCounts c = counts_of(panel);
    // The shares below / above the line go into the title, where no point can be.
    gp << "  # panel " << panel.csv << "\n"
       << "  set title \"" << gp_text(panel.title) << " (n=" << c.n << ")";
    if (c.n > 0)
      gp << "\\nbelow " << format_percent(c.below, c.n) << "%, above " << format_percent(c.above, c.n) << "%";
    gp << "\" font \",8\"\n  unset label\n";
    if (c.n == 0) gp << "  set label 1 \"not in this database\" at graph 0.5, graph 0.5 center front\n";
    // Points drawn at one position (often timeouts at the limit, or times clamped to 0.01 s) carry their count.
    int label = 2;
    for (const auto& [at, count] : coinciding(panel))
      gp << "  set label " << label++ << " \"x" << count << "\" at first " << number(at.first) << ", first "
         << number(at.second) << " offset char 0.6,0.6 left front font \",7\"\n";
    std::vector<std::string> elements = {"x with lines dt 2 lc rgb \"#555555\" notitle"};
    gp << "  unset key\n";
    // The one legend: a row of labels with their point in the strip below the
    // panels (the layout keeps it free), drawn with the first panel.
    if (i == 0) {
      std::set<int> present;  // entries only for the groups of this figure
      for (const auto& other : figure.panels)
        for (const auto* p : other.points) present.insert(figure.group(*p));
      std::vector<std::pair<std::string, std::string>> entries;  // title, point style
      for (int g : present)
        entries.push_back({figure.group_names[static_cast<size_t>(g)],
                           "pt 7 lc rgb \"" + kColours[static_cast<size_t>(g) % kColours.size()] + "\""});
      entries.push_back({"timeout (on the border)", "pt 8 lc rgb \"black\""});
      double chars = 0;
      for (const auto& e : entries) chars += static_cast<double>(e.first.size()) + 6;
      double x = 0.5 - 0.5 * chars * 6.0 / width;  // about 6 px per character at font size 8
      int label = 900;
      for (const auto& [title, style] : entries) {
        gp << "  set label " << label++ << " \"" << gp_text(title) << "\" at screen " << number(x) << ", screen "
           << number(12.0 / height) << " left point " << style << " ps 0.8 offset char 1,0 font \",8\"\n";
        x += (static_cast<double>(title.size()) + 6) * 6.0 / width;
      }
    }
    std::set<int> groups;
    for (const auto* p : panel.points) groups.insert(figure.group(*p));
    for (int g : groups) {
      const std::string colour = kColours[static_cast<size_t>(g) % kColours.size()];
      const std::string file = "\"" + panel.csv + "\" skip 1 using (($16 == ";
      elements.push_back(file + "0 && $15 == " + std::to_string(g) +
                         ") ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb \"" + colour + "\" notitle");
      elements.push_back(file + "1 && $15 == " + std::to_string(g) +
                         ") ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb \"" + colour + "\" notitle");
    }
    gp << "  plot ";
    for (size_t e = 0; e < elements.size(); ++e) gp << (e ? ", \\\n       " : "") << elements[e];
    gp << "\n";
  }
  gp << "  unset multiplot\n  set output\n}\n";
  return gp.str();
}

std::string panel_table(const Figure& figure) {
  std::ostringstream md;
  md << "| rate |";
  for (const auto& t : figure.column_titles) md << " " << t << " |";
  md << "\n|---|";
  for (size_t i = 0; i < figure.column_titles.size(); ++i) md << "---|";
  md << "\n";
  for (int r = 0; r < figure.rows; ++r) {
    md << "| " << format_rate(figure.row_rates[static_cast<size_t>(r)]) << " |";
    for (int c = 0; c < figure.columns; ++c) {
      const PanelCounts k = counts_of(figure.panels[static_cast<size_t>(r * figure.columns + c)]);
      if (k.n == 0)
        md << " - |";
      else
        md << " below " << format_percent(k.below, k.n) << " / above " << format_percent(k.above, k.n) << " (n=" << k.n
           << ") |";
    }
    md << "\n";
  }
  return md.str();
}

/// Leaves out the columns without a point in any row (e.g. random pruning in a
/// preset without it), saying so in the description: no empty panels.
void drop_empty_columns(Figure& figure) {
  std::vector<int> kept;
  std::string dropped;
  for (int c = 0; c < figure.columns; ++c) {
    bool any = false;
    for (int r = 0; r < figure.rows; ++r)
      any |= !figure.panels[static_cast<size_t>(r * figure.columns + c)].points.empty();
    if (any)
      kept.push_back(c);
    else
      dropped += (dropped.empty() ? "" : ", ") + figure.column_titles[static_cast<size_t>(c)];
  }
  if (dropped.empty() || kept.empty()) return;
  std::vector<Panel> panels;
  std::vector<std::string> titles;
  for (int c : kept) titles.push_back(figure.column_titles[static_cast<size_t>(c)]);
  for (int r = 0; r < figure.rows; ++r)
    for (int c : kept) panels.push_back(std::move(figure.panels[static_cast<size_t>(r * figure.columns + c)]));
  figure.panels = std::move(panels);
  figure.column_titles = std::move(titles);
  figure.columns = static_cast<int>(kept.size());
  figure.description += " Not in this database, so not drawn: " + dropped + ".";
}

int structure_criterion_group(const VerificationPair& p) {
  const int s = p.structure == "unstructured" ? 0 : p.structure == "structured" ? 1 : -1;
  const int c = p.criterion == "magnitude" ? 0 : p.criterion == "random" ? 1 : -1;
  return (s < 0 || c < 0) ? 4 : 2 * s + c;
}

}  // namespace

PlotOutput write_plots(const VerificationData& data, const fs::path& out_dir) {
  PlotOutput output;
  std::vector<Figure> figures;
  std::ostringstream md;
  md << "### Figures\n\n";

  struct DatasetFigure {
    std::string dataset, name, label, number;
  };
  for (const DatasetFigure& d : {DatasetFigure{"mnist", "fig1_mnist", "MNIST", "1"},
                                 DatasetFigure{"fashion-mnist", "fig2_fashion_mnist", "Fashion-MNIST", "2"}}) {
    const bool any = std::any_of(data.pairs.begin(), data.pairs.end(),
                                 [&](const VerificationPair& p) { return p.dataset == d.dataset; });
    if (!any) {
      md << "#### Figure " << d.number << " analogue: " << d.label << "\n\nNo runs on " << d.label << ".\n\n";
      continue;
    }
    Figure f;
    f.name = d.name;
    f.heading = "Figure " + d.number + " analogue: " + d.label;
    f.title =
        "Figure " + d.number + " analogue: " + d.label + ", dense vs pruned runtime to the first adversarial input";
    f.description =
        "One panel per rate (rows) and finetuning (columns: NF, F, F counting finetune time); all structures and "
        "criteria, coloured by structure and criterion. Below the identity line: the surrogate was faster.";
    f.column_titles = {"NF", "F", "F + finetune time"};
    f.rows = static_cast<int>(data.rates.size());
    f.row_rates = data.rates;
    f.columns = 3;
    f.group_names = {"unstructured MP", "unstructured RP", "structured MP", "structured RP", "other"};
    f.group = structure_criterion_group;
    for (double rate : data.rates) {
      for (int column = 0; column < 3; ++column) {
        Panel panel;
        const bool finetuned = column > 0;
        panel.with_finetune = column == 2;
        const std::string kind = column == 0 ? "NF" : column == 1 ? "F" : "F_with_finetune_time";
        panel.csv = "csv/" + f.name + "_rate" + format_rate(rate) + "_" + kind + ".csv";
        panel.title = "rate " + format_rate(rate) + ", " + f.column_titles[static_cast<size_t>(column)];
        for (const auto& p : data.pairs)
          if (p.dataset == d.dataset && p.rate == rate && p.finetuned == finetuned) panel.points.push_back(&p);
        f.panels.push_back(std::move(panel));
      }
    }
    drop_empty_columns(f);
    figures.push_back(std::move(f));
  }
  {
    Figure f;
    f.name = "fig3_structure_criterion";
    f.heading = "Figure 3 analogue: unstructured vs structured, MP vs RP";
    f.title = "Figure 3 analogue: pruning structure and criterion (all datasets, finetune time not counted)";
    f.description =
        "One panel per rate (rows) and structure x criterion (columns); both datasets pooled, NF and F "
        "coloured (finetune time not counted). Compare the columns to see which pruning gives the better "
        "surrogate.";
    f.column_titles = {"unstructured MP", "unstructured RP", "structured MP", "structured RP"};
    f.rows = static_cast<int>(data.rates.size());
    f.row_rates = data.rates;
    f.columns = 4;
    f.group_names = {"NF", "F"};
    f.group = [](const VerificationPair& p) { return p.finetuned ? 1 : 0; };
    for (double rate : data.rates)
      for (int column = 0; column < 4; ++column) {
        Panel panel;
        const std::string stem = column < 2 ? "unstructured" : "structured";
        const std::string criterion = column % 2 == 0 ? "MP" : "RP";
        panel.csv = "csv/" + f.name + "_rate" + format_rate(rate) + "_" + stem + "_" + criterion + ".csv";
        panel.title = "rate " + format_rate(rate) + ", " + f.column_titles[static_cast<size_t>(column)];
        for (const auto& p : data.pairs)
          if (p.rate == rate && structure_criterion_group(p) == column) panel.points.push_back(&p);
        f.panels.push_back(std::move(panel));
      }
    drop_empty_columns(f);
    figures.push_back(std::move(f));
  }

  const bool have_gnuplot = std::system("command -v gnuplot > /dev/null 2>&1") == 0;
  if (!have_gnuplot)
    output.warnings.push_back(
        "gnuplot is not installed: the plots were not rendered (install the Debian package gnuplot-nox, "
        "then run `gnuplot plots/<figure>.gp` in the report directory)");

  for (const Figure& f : figures) {
    for (const Panel& panel : f.panels) {
      write_file_atomically(out_dir / panel.csv, panel_csv(f, panel));
      output.files.push_back(panel.csv);
    }
    const std::string script = "plots/" + f.name + ".gp";
    write_file_atomically(out_dir / script, gnuplot_script(f));
    output.files.push_back(script);

    bool rendered = false;
    if (have_gnuplot) {
      const std::string log = "plots/" + f.name + ".log";
      const int code = render(out_dir, f.name, script);
      output.files.push_back(log);
      if (code != 0) {
        output.warnings.push_back("gnuplot failed on " + script + " (exit code " + std::to_string(code) + "): see " +
                                  log);
      } else {
        rendered = true;
        output.files.push_back("plots/" + f.name + ".png");
        output.files.push_back("plots/" + f.name + ".svg");
      }
    }

    md << "#### " << f.heading << "\n\n"
       << f.description << " Timeouts are drawn on the border (at the time "
       << "limit, open triangles).\n\n"
       << "![" << f.heading << "](plots/" << f.name << ".png)\n\n"
       << "SVG: [plots/" << f.name << ".svg](plots/" << f.name << ".svg); script: `" << script << "`; data: `csv/"
       << f.name << "_*.csv`" << (rendered ? "" : " (not rendered: see the warnings under Files)") << ".\n\n"
       << "Points below / above the identity line per panel (% of n; the rest are ties on the line):\n\n"
       << panel_table(f) << "\n";
  }
  output.markdown = md.str();
  return output;
}

}  // namespace nnmip::report
