// to_vnnlib (vnnlib.hpp): a Property as VNN-LIB text.
#include <charconv>
#include <sstream>

#include "nnmip/formats/vnnlib.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

/// The shortest decimal that reads back as the same double.
std::string number(double v) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  if (ec != std::errc()) throw Error("cannot write the number " + std::to_string(v) + " in VNN-LIB");
  return std::string(buffer, end);
}

/// c^T y <= rhs as (<= (+ (* c_0 Y_0) ...) rhs).
std::string constraint_text(const OutputConstraint& c) {
  std::string sum;
  int terms = 0;
  for (int j = 0; j < c.coefficients.size(); ++j) {
    const double a = c.coefficients(j);
    if (a == 0.0) continue;
    sum += " " + (a == 1.0 ? "Y_" + std::to_string(j) : "(* " + number(a) + " Y_" + std::to_string(j) + ")");
    ++terms;
  }
  if (terms == 0) sum = " 0";
  return "(<= " + (terms > 1 ? "(+" + sum + ")" : sum.substr(1)) + " " + number(c.rhs) + ")";
}

}  // namespace

std::string to_vnnlib(const Property& property, const std::string& comment) {
  std::ostringstream out;
  std::istringstream lines(comment);
  for (std::string line; std::getline(lines, line);) out << "; " << line << '\n';
  for (int i = 0; i < property.inputs; ++i) out << "(declare-const X_" << i << " Real)\n";
  for (int j = 0; j < property.outputs; ++j) out << "(declare-const Y_" << j << " Real)\n";
  out << "(assert (or\n";
  for (const PropertyCase& c : property.cases) {
    if (c.input.lower.size() != property.inputs || c.input.upper.size() != property.inputs)
      throw Error("a case's input box has " + std::to_string(c.input.lower.size()) + " entries, the property " +
                  std::to_string(property.inputs) + " inputs");
    std::string box;
    for (int i = 0; i < property.inputs; ++i)
      box += " (>= X_" + std::to_string(i) + " " + number(c.input.lower(i)) + ") (<= X_" + std::to_string(i) + " " +
             number(c.input.upper(i)) + ")";
    for (const Conjunction& d : c.disjuncts) {
      out << "  (and" << box;
      for (const OutputConstraint& constraint : d.constraints) out << ' ' << constraint_text(constraint);
      out << ")\n";
    }
  }
  out << "))\n";
  return out.str();
}

}  // namespace nnmip
