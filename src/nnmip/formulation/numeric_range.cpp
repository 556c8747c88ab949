#include "nnmip/formulation/numeric_range.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

std::string magnitude(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

// Bounds are widened by a relative 1e-9 against rounding: a bias of exactly 1e6 stays in range.
bool in_range(double value) { return std::abs(value) <= kMaxModelMagnitude * (1.0 + 1e-6); }

/// What a column or row of the network MILP is, in the user's words, from its
/// name (network_encoding.cpp, input_domain.cpp: prefix_layer_neuron, layers 1-based).
std::string described(const std::string& name) {
  unsigned layer = 0, neuron = 0;
  char prefix[16] = {};
  if (std::sscanf(name.c_str(), "%15[a-z]_%u_%u", prefix, &layer, &neuron) == 3 ||
      (std::sscanf(name.c_str(), "relu_%15[a-z]_%u_%u", prefix, &layer, &neuron) == 3))
    return "neuron " + std::to_string(neuron) + " of layer " + std::to_string(layer) + " (" + name + ")";
  if (std::sscanf(name.c_str(), "x_%u", &neuron) == 1) return "input " + std::to_string(neuron);
  if (std::sscanf(name.c_str(), "y_%u", &neuron) == 1 || std::sscanf(name.c_str(), "output_%u", &neuron) == 1)
    return "output " + std::to_string(neuron);
  return name;
}

[[noreturn]] void out_of_range(const std::string& what, const std::string& name, double value) {
  const bool input = name.rfind("x_", 0) == 0;
  const std::string fix =
      input ? "rescale the inputs (a smaller box, and the first layer's weights up by the same factor)"
            : "rescale the network (divide the weights and bias of this neuron's layer, or of an earlier layer, by a "
              "constant)";
  throw Error(what + " of " + described(name) + " is " + magnitude(value) + ", beyond the " +
              magnitude(kMaxModelMagnitude) +
              " within which the MILP solver's absolute tolerances (1e-7) give reliable answers: " + fix +
              " (a ReLU network is positively homogeneous: dividing the weights and bias of a layer by s "
              "divides everything after it by s)");
}

double largest(const Column& c) {
  return std::max(std::isfinite(c.lower) ? std::abs(c.lower) : 0.0, std::isfinite(c.upper) ? std::abs(c.upper) : 0.0);
}

}  // namespace

void check_numeric_range(const MilpModel& model) {
  const std::vector<Column>& columns = model.columns();
  for (const Column& c : columns)
    for (double v : {c.lower, c.upper})
      if (!std::isinf(v) && !in_range(v)) out_of_range("a bound", c.name, v);
  for (const Row& row : model.rows()) {
    for (double v : {row.lower, row.upper})
      if (!std::isinf(v) && !in_range(v)) out_of_range("a right-hand side", row.name, v);
    for (size_t k = 0; k < row.indices.size(); ++k) {
      const double a = row.values[k];
      if (!in_range(a)) out_of_range("a coefficient", row.name, a);
      const double term = std::abs(a) * largest(columns[row.indices[k]]);
      if (!in_range(term)) out_of_range("a term |w| * |input|", row.name, term);
    }
  }
}

}  // namespace nnmip
