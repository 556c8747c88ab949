#include "cli_inputs.hpp"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "nnmip/util/error.hpp"
#include "validators.hpp"

namespace nnmip::cli {

namespace {

nlohmann::json parse_json_text(const std::string& text, const std::string& path, const char* expected) {
  try {
    return nlohmann::json::parse(text);  // the whole text: trailing garbage is an error
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + ": not valid JSON (" + e.what() + "); expected " + expected);
  }
}

Vector numbers_of(const nlohmann::json& j, const std::string& where) {
  if (!j.is_array() || j.empty()) throw Error(where + ": expected a non-empty JSON array of numbers");
  Vector x(static_cast<long>(j.size()));
  for (size_t k = 0; k < j.size(); ++k) {
    if (!j[k].is_number()) throw Error(where + ": entry " + std::to_string(k) + " is not a number");
    x(static_cast<long>(k)) = j[k].get<double>();
  }
  return x;
}

}  // namespace

std::string read_text(const std::string& path) {
  if (path == "-") {
    std::ostringstream all;
    all << std::cin.rdbuf();
    return all.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error(path + " is a folder; give a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open " + path + ": check that the file exists and is readable");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<Vector> read_input_points(const std::string& path) { return input_points_from_text(read_text(path), path); }

std::vector<Vector> input_points_from_text(const std::string& text, const std::string& path) {
  const nlohmann::json j = parse_json_text(text, path, "an array of numbers, or an array of such arrays");
  if (j.is_array() && !j.empty() && j[0].is_array()) {
    std::vector<Vector> points;
    for (size_t i = 0; i < j.size(); ++i) points.push_back(numbers_of(j[i], path + ": point " + std::to_string(i)));
    return points;
  }
  return {numbers_of(j, path)};
}

Vector read_input_point(const std::string& path) {
  const std::vector<Vector> points = read_input_points(path);
  if (points.size() != 1)
    throw Error(path + ": expected one point (an array of numbers), found " + std::to_string(points.size()));
  return points[0];
}

Box parse_domain(const std::string& spec, int n, const std::string& option) {
  Box box;
  const auto colon = spec.find(':');
  const std::optional<double> lo = colon == std::string::npos ? std::nullopt : whole_number(spec.substr(0, colon));
  const std::optional<double> hi = colon == std::string::npos ? std::nullopt : whole_number(spec.substr(colon + 1));
  if (lo && hi) {
    box = Box{Vector::Constant(n, *lo), Vector::Constant(n, *hi)};
  } else {
    std::error_code ec;
    if (!std::filesystem::exists(spec, ec) && spec != "-")
      throw Error(option +
                  " must be lo:hi (e.g. 0:1 or -0.9:0.9) or a JSON file {\"lower\": [...], \"upper\": "
                  "[...]} (got '" +
                  spec + "', which is neither)");
    const nlohmann::json j = parse_json_text(read_text(spec), spec, "{\"lower\": [...], \"upper\": [...]}");
    if (!j.is_object() || !j.contains("lower") || !j.contains("upper"))
      throw Error(spec + ": expected {\"lower\": [...], \"upper\": [...]} with one number per input");
    box.lower = numbers_of(j["lower"], spec + ": lower");
    box.upper = numbers_of(j["upper"], spec + ": upper");
    if (box.lower.size() != n || box.upper.size() != n)
      throw Error(spec + ": lower has " + std::to_string(box.lower.size()) + " and upper " +
                  std::to_string(box.upper.size()) + " entries, but the network takes " + std::to_string(n) +
                  " inputs");
  }
  for (int k = 0; k < n; ++k) {
    if (!std::isfinite(box.lower(k)) || !std::isfinite(box.upper(k)))
      throw Error(option + " " + spec + ": input " + std::to_string(k) +
                  " has a bound that is not finite; "
                  "give finite bounds");
    if (box.lower(k) > box.upper(k))
      throw Error(option + " " + spec + ": input " + std::to_string(k) + " has lower " + std::to_string(box.lower(k)) +
                  " > upper " + std::to_string(box.upper(k)));
  }
  return box;
}

namespace {

/// "y3 - 2*y0 + 0.5 y1" -> coefficients; throws with the position of what does not fit.
Vector parse_linear_outputs(const std::string& spec, int m) {
  Vector c = Vector::Zero(m);
  size_t i = 0;
  const auto skip_spaces = [&] {
    while (i < spec.size() && std::isspace(static_cast<unsigned char>(spec[i]))) ++i;
  };
  const auto fail = [&](const std::string& what) -> Error {
    return Error("--objective '" + spec + "': " + what + " at character " + std::to_string(i + 1) +
                 "; write a sum like \"y3 - y0\" or \"2*y1 + 0.5*y2\", or a JSON array of " + std::to_string(m) +
                 " numbers");
  };
  bool first = true;
  skip_spaces();
  while (i < spec.size()) {
    double sign = 1.0;
    if (spec[i] == '+' || spec[i] == '-') {
      sign = spec[i] == '-' ? -1.0 : 1.0;
      ++i;
      skip_spaces();
    } else if (!first) {
      throw fail("expected + or -");
    }
    double coefficient = 1.0;
    if (i < spec.size() && (std::isdigit(static_cast<unsigned char>(spec[i])) || spec[i] == '.')) {
      size_t used = 0;
      try {
        coefficient = std::stod(spec.substr(i), &used);
      } catch (const std::exception&) {
        throw fail("a bad number");
      }
      i += used;
      skip_spaces();
      if (i < spec.size() && spec[i] == '*') ++i;
      skip_spaces();
    }
    if (i >= spec.size() || (spec[i] != 'y' && spec[i] != 'Y')) throw fail("expected an output y<k>");
    ++i;
    if (i < spec.size() && spec[i] == '_') ++i;
    const size_t digits = i;
    while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) ++i;
    if (i == digits) throw fail("expected the output's number after y");
    const long k = std::stol(spec.substr(digits, i - digits));
    if (k >= m)
      throw fail("y" + std::to_string(k) + " is out of range (the network has " + std::to_string(m) + " outputs)");
    if (!std::isfinite(coefficient)) throw fail("a coefficient that is not finite");
    c(k) += sign * coefficient;
    first = false;
    skip_spaces();
  }
  if (first) throw fail("nothing");
  return c;
}

}  // namespace

Vector parse_objective(const std::string& spec, int m) {
  const bool json_text = !spec.empty() && spec.front() == '[';
  std::error_code ec;
  if (!json_text && !std::filesystem::is_regular_file(spec, ec)) return parse_linear_outputs(spec, m);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json_text ? spec : read_text(spec));
  } catch (const nlohmann::json::exception& e) {
    throw Error("--objective " + spec + ": not valid JSON (" + e.what() + "); expected an array of " +
                std::to_string(m) + " numbers");
  }
  const Vector c = numbers_of(j, "--objective " + spec);
  if (c.size() != m)
    throw Error("--objective " + spec + " has " + std::to_string(c.size()) + " coefficients but the network has " +
                std::to_string(m) + " outputs");
  if (!c.allFinite()) throw Error("--objective " + spec + ": every coefficient must be finite");
  return c;
}

Box restrict_to_input_range(const Box& domain, const Network& network, std::string& note) {
  const NetworkInterface& face = network.interface();
  if (!face.input_range_lower || !face.input_range_upper) return domain;
  // The image of the box under the clip x -> min(max(x, lo), hi), coordinate by coordinate.
  const Vector& lo = *face.input_range_lower;
  const Vector& hi = *face.input_range_upper;
  const Box clipped{domain.lower.cwiseMax(lo).cwiseMin(hi), domain.upper.cwiseMax(lo).cwiseMin(hi)};
  int changed = 0;
  for (int k = 0; k < clipped.lower.size(); ++k)
    changed += clipped.lower(k) != domain.lower(k) || clipped.upper(k) != domain.upper(k);
  if (changed > 0)
    note = "note: the network clips its inputs to its input range; the domain of " + std::to_string(changed) +
           " inputs is clipped the same way (the answers are the same)";
  return clipped;
}

}  // namespace nnmip::cli
