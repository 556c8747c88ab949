#include "nnmip/formats/vnnlib_linear.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace nnmip::vnnlib_detail {

namespace {

const char* const kNumberAdvice = "write finite decimal numbers such as 12, -0.5, .25, 1.5e-3 (no hex, NaN or inf)";
const char* const kTermAdvice = "terms are numbers, X_i, Y_j, (+ a b ...), (- a), (- a b ...) and (* number a)";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Does the symbol start like a number (so that it must be one)?
bool looks_numeric(const std::string& s) {
  const std::size_t first = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  return first < s.size() && (is_digit(s[first]) || s[first] == '.') && !(first == 1 && s.size() == 1);
}

bool names_non_finite(std::string s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.erase(0, 1);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s == "nan" || s == "inf" || s == "infinity";
}

/// The number grammar at the top of vnnlib_linear.hpp.
bool is_decimal_number(const std::string& s) {
  std::size_t i = s[0] == '-' ? 1 : 0;
  std::size_t mantissa_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++mantissa_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++mantissa_digits;
  }
  if (mantissa_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == s.size();
}

/// The value of a number symbol, or nothing when the symbol is no number.
std::optional<double> parse_number(const SExpr& symbol, const std::string& source) {
  const std::string& s = symbol.symbol;
  if (names_non_finite(s)) fail(source, symbol.position, "'" + s + "' is not a finite number; " + kNumberAdvice);
  if (!looks_numeric(s)) return std::nullopt;
  if (!is_decimal_number(s)) fail(source, symbol.position, "bad number '" + s + "'; " + kNumberAdvice);
  double value = 0.0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (error == std::errc::result_out_of_range)
    fail(source, symbol.position, "the number '" + s + "' is out of the range of a double");
  if (error != std::errc() || end != s.data() + s.size())
    fail(source, symbol.position, "bad number '" + s + "'; " + kNumberAdvice);
  return value;
}

/// sum_v coefficients[v] * v + constant.
struct LinearTerm {
  std::map<Variable, double> coefficients;
  double constant = 0.0;

  bool is_constant() const { return coefficients.empty(); }
};

/// target += scale * term, dropping coefficients that cancel to zero.
void add_scaled(LinearTerm& target, const LinearTerm& term, double scale) {
  for (const auto& [variable, coefficient] : term.coefficients) {
    const double sum = (target.coefficients[variable] += scale * coefficient);
    if (sum == 0.0) target.coefficients.erase(variable);
  }
  target.constant += scale * term.constant;
}

LinearTerm scaled(const LinearTerm& term, double scale) {
  LinearTerm result;
  add_scaled(result, term, scale);
  return result;
}

LinearTerm translate_term(const SExpr& expr, const std::string& source, VariableUses& uses);

LinearTerm translate_symbol(const SExpr& symbol, const std::string& source, VariableUses& uses) {
  LinearTerm term;
  if (const std::optional<double> number = parse_number(symbol, source)) {
    term.constant = *number;
    return term;
  }
  const std::optional<Variable> variable = parse_variable(symbol, source);
  if (!variable)
    fail(source, symbol.position,
         "unknown symbol '" + symbol.symbol + "' in a term: variables are X_<i> (inputs) and Y_<j> (outputs); " +
             kTermAdvice);
  uses.try_emplace(*variable, symbol.position);
  term.coefficients[*variable] = 1.0;
  return term;
}

/// (* f1 f2 ...): every factor but at most one must be constant.
LinearTerm translate_product(const SExpr& expr, const std::string& source, VariableUses& uses) {
  LinearTerm product;
  product.constant = 1.0;
  const SExpr* variable_factor = nullptr;
  for (std::size_t i = 1; i < expr.items.size(); ++i) {
    const LinearTerm factor = translate_term(expr.items[i], source, uses);
    if (factor.is_constant()) {
      product = scaled(product, factor.constant);
    } else if (product.is_constant()) {
      product = scaled(factor, product.constant);
      variable_factor = &expr.items[i];
    } else {
      fail(source, expr.items[i].position,
           "non-linear term: " + render(*variable_factor) + " times " + render(expr.items[i]) +
               "; a product may have at most one factor with variables (nnmip encodes linear constraints)");
    }
  }
  return product;
}

LinearTerm translate_operation(const SExpr& expr, const std::string& source, VariableUses& uses) {
  if (expr.items.empty() || expr.items[0].is_list)
    fail(source, expr.position, "expected an operator after '(' in the term " + render(expr) + "; " + kTermAdvice);
  const std::string& op = expr.items[0].symbol;
  const std::size_t operands = expr.items.size() - 1;
  if (op != "+" && op != "-" && op != "*")
    fail(source, expr.items[0].position, "unknown operator '" + op + "' in a term; " + kTermAdvice);
  if (operands == 0) fail(source, expr.position, "(" + op + ") needs at least one operand");
  if (op == "*") return translate_product(expr, source, uses);
  LinearTerm result;
  for (std::size_t i = 1; i < expr.items.size(); ++i) {
    // (- a) negates; (- a b c) = a - b - c; (+ ...) adds.
    const bool subtract = op == "-" && (i > 1 || operands == 1);
    add_scaled(result, translate_term(expr.items[i], source, uses), subtract ? -1.0 : 1.0);
  }
  return result;
}

LinearTerm translate_term(const SExpr& expr, const std::string& source, VariableUses& uses) {
  return expr.is_list ? translate_operation(expr, source, uses) : translate_symbol(expr, source, uses);
}

bool all_finite(const LinearTerm& term) {
  if (!std::isfinite(term.constant)) return false;
  return std::all_of(term.coefficients.begin(), term.coefficients.end(),
                     [](const auto& entry) { return std::isfinite(entry.second); });
}

/// Names the variables of a term of one kind: "X_0 and X_1".
std::string names_of(const LinearTerm& term, VariableKind kind) {
  std::string names;
  for (const auto& [variable, coefficient] : term.coefficients) {
    if (variable.kind != kind) continue;
    names += (names.empty() ? "" : " and ") + variable_name(variable);
  }
  return names;
}

/// Sorts `difference <= 0` into one of the kinds of Comparison.
void classify(const LinearTerm& difference, Comparison& comparison, const std::string& source) {
  const auto inputs = std::count_if(difference.coefficients.begin(), difference.coefficients.end(),
                                    [](const auto& entry) { return entry.first.kind == VariableKind::input; });
  const auto outputs = static_cast<long>(difference.coefficients.size()) - inputs;
  const double rhs = -difference.constant;
  if (inputs > 0 && outputs > 0)
    fail(source, comparison.position,
         comparison.text + " mixes inputs (" + names_of(difference, VariableKind::input) + ") and outputs (" +
             names_of(difference, VariableKind::output) +
             "); nnmip reads bounds on one X_i and constraints over the Y_j only: write them as separate comparisons");
  if (inputs > 1)
    fail(source, comparison.position,
         comparison.text + " constrains several inputs (" + names_of(difference, VariableKind::input) +
             "); nnmip's input sets are boxes: bound each X_i on its own");
  if (inputs == 1) {
    const auto& [variable, k] = *difference.coefficients.begin();
    comparison.input = variable.index;
    comparison.kind = k > 0 ? Comparison::Kind::input_upper : Comparison::Kind::input_lower;
    comparison.bound = rhs / k + 0.0;  // + 0.0 turns -0 into 0
    if (!std::isfinite(comparison.bound))
      fail(source, comparison.position,
           comparison.text + " gives " + variable_name(variable) +
               " a bound (rhs / coefficient) beyond the range of a double");
    return;
  }
  if (outputs == 0) {
    comparison.kind = 0.0 <= rhs ? Comparison::Kind::constant_true : Comparison::Kind::constant_false;
    return;
  }
  comparison.kind = Comparison::Kind::output;
  comparison.rhs = rhs;
  for (const auto& [variable, coefficient] : difference.coefficients)
    comparison.output_coefficients.emplace_back(variable.index, coefficient);
}

}  // namespace

std::string variable_name(Variable variable) {
  return (variable.kind == VariableKind::input ? "X_" : "Y_") + std::to_string(variable.index);
}

std::optional<Variable> parse_variable(const SExpr& symbol, const std::string& source) {
  const std::string& s = symbol.symbol;
  if (symbol.is_list || s.size() < 2 || (s[0] != 'X' && s[0] != 'Y') || s[1] != '_') return std::nullopt;
  Variable variable;
  variable.kind = s[0] == 'X' ? VariableKind::input : VariableKind::output;
  const char* first = s.data() + 2;
  const char* last = s.data() + s.size();
  const auto [end, error] = std::from_chars(first, last, variable.index);
  const bool plain_decimal = first != last && is_digit(*first) && (*first != '0' || last - first == 1);
  if (!plain_decimal || error != std::errc() || end != last)
    fail(source, symbol.position,
         "bad variable name '" + s + "': write " + s.substr(0, 2) +
             "<index> with a decimal index without leading zeros (X_0, X_12, Y_3) that fits an int");
  return variable;
}

Comparison translate_comparison(const SExpr& expr, const std::string& source, VariableUses& uses) {
  Comparison comparison;
  comparison.position = expr.position;
  comparison.text = render(expr);
  const std::string& op = expr.items[0].symbol;
  if (expr.items.size() != 3)
    fail(source, expr.position,
         "(" + op + " a b) compares two terms; " + comparison.text + " has " + std::to_string(expr.items.size() - 1));
  const LinearTerm a = translate_term(expr.items[1], source, uses);
  const LinearTerm b = translate_term(expr.items[2], source, uses);
  // a <= b  <=>  a - b <= 0;  a >= b  <=>  b - a <= 0.
  LinearTerm difference = op == "<=" ? a : b;
  add_scaled(difference, op == "<=" ? b : a, -1.0);
  if (!all_finite(difference)) fail(source, expr.position, "the numbers of " + comparison.text + " overflow a double");
  classify(difference, comparison, source);
  return comparison;
}

}  // namespace nnmip::vnnlib_detail
