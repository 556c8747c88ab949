#pragma once
// What commands read besides networks: input points (JSON arrays), input
// domains ("lo:hi" or a JSON box file), with "-" for standard input.
#include <optional>
#include <string>
#include <vector>

#include "nnmip/bounds/interval_bounds.hpp"
#include "nnmip/network/network.hpp"

namespace nnmip::cli {

/// The whole of a file, or of standard input for "-".
std::string read_text(const std::string& path);

/// One point ([1, 2.5]) or several ([[1, 2.5], [0, 3]]) from a JSON file.
std::vector<Vector> read_input_points(const std::string& path);
/// The same from JSON text; `path` names it in errors.
std::vector<Vector> input_points_from_text(const std::string& text, const std::string& path);
/// Exactly one point.
Vector read_input_point(const std::string& path);

/// An input domain for n inputs from `spec`, which is either
///   "lo:hi"   the same interval for every input (e.g. 0:1, -0.9:0.9, -1e3:1e3), or
///   a file    JSON {"lower": [...], "upper": [...]} with n finite numbers each.
/// `option` names the flag in errors.
Box parse_domain(const std::string& spec, int n, const std::string& option);

/// A linear objective over m outputs from `spec`: a sum of terms [coefficient[*]]y<k>
/// with + and - between them ("y3 - y0", "2*y1 + 0.5 y2", "-y0"), or a JSON array
/// of m numbers ("[0, 1, -1]"), or a file holding one.
Vector parse_objective(const std::string& spec, int m);

/// The domain clipped like the network clips its inputs (a .nnet network's
/// input range, NetworkInterface): each end clamped to [lo, hi]. The network
/// gives the same outputs on a box and on its clipped image, so the answers are
/// the same. `note` receives a line when something changed.
Box restrict_to_input_range(const Box& domain, const Network& network, std::string& note);

}  // namespace nnmip::cli
