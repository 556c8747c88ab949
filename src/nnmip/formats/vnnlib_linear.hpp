#pragma once
// Internal to the VNN-LIB reader: numbers, variables, linear terms and the
// comparisons between them.
//
//   number     = ["-"] ( digits ["." {digit}] | "." digits ) [("e"|"E") ["+"|"-"] digits]
//                (finite doubles only: NaN, inf, hex floats and "+5" are errors)
//   variable   = "X_" index | "Y_" index     (index: decimal, no leading zeros)
//   term       = number | variable
//              | "(+" term {term} ")"        sum
//              | "(-" term ")"               negation
//              | "(-" term term {term} ")"   a - b - c ...
//              | "(*" term {term} ")"        product; at most one factor may
//                                            hold a variable (else: non-linear)
//   comparison = "(<=" term term ")" | "(>=" term term ")"
//
// A comparison a <= b becomes (a - b) <= 0: coefficients per variable (zeros
// dropped) and a constant, and then one of
//   - a constant constraint (no variable left): true or false on the spot,
//   - an input bound: one X_i with coefficient k, k X_i <= rhs, so
//     X_i <= rhs / k for k > 0 and X_i >= rhs / k for k < 0,
//   - an output constraint c^T y <= rhs over Y variables only.
// Inputs and outputs mixed, or several inputs in one comparison, are errors:
// nnmip's input sets are boxes.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nnmip/formats/vnnlib_syntax.hpp"

namespace nnmip::vnnlib_detail {

enum class VariableKind { input, output };

struct Variable {
  VariableKind kind = VariableKind::input;
  int index = 0;
  auto operator<=>(const Variable&) const = default;
};

/// "X_3", "Y_0".
std::string variable_name(Variable variable);

/// Where each variable was first used, for "used but not declared" errors.
using VariableUses = std::map<Variable, SourcePosition>;

/// The variable a symbol names, or nothing when it is not "X_..." / "Y_..." at
/// all; throws for malformed ones ("X_01", "X_a", an index beyond int).
std::optional<Variable> parse_variable(const SExpr& symbol, const std::string& source);

/// One comparison, normalised and classified (see the top of this file).
struct Comparison {
  enum class Kind { constant_true, constant_false, input_lower, input_upper, output };
  Kind kind = Kind::constant_true;
  int input = 0;                                            // input_lower / input_upper: X_input
  double bound = 0.0;                                       // input_lower / input_upper: the bound on X_input
  std::vector<std::pair<int, double>> output_coefficients;  // output: (j, c_j), c_j != 0
  double rhs = 0.0;                                         // output: c^T y <= rhs
  std::string text;                                         // as written, whitespace collapsed: "(<= Y_0 Y_1)"
  SourcePosition position;
};

/// `expr` is a list whose head is "<=" or ">="; records the variables it uses.
Comparison translate_comparison(const SExpr& expr, const std::string& source, VariableUses& uses);

}  // namespace nnmip::vnnlib_detail
