// The VNN-LIB reader: commands, the disjunctive normal form and the cases.
//
//   script  = { command }
//   command = "(declare-const" variable "Real)"
//           | "(assert" formula ")"
//           | "(set-logic" ...")" | "(set-info" ...")" | "(set-option" ...")"
//           | "(check-sat)" | "(get-model)" | "(exit)"      ignored (SMT-LIB scripts)
//   formula = comparison | "(and" formula {formula} ")" | "(or" formula {formula} ")"
// (variables, terms and comparisons: vnnlib_linear.hpp; s-expressions:
// vnnlib_syntax.hpp). Declarations may come after the asserts that use them.
//
// Semantics: the asserts are conjoined. Each formula becomes a disjunctive
// normal form (a list of conjuncts, each a list of comparisons): a comparison
// is one conjunct of itself (a true constant: one empty conjunct; a false one:
// no conjunct), "or" concatenates its operands' lists, "and" takes their
// product. The asserts with a single conjunct hold in every conjunct of the
// file's normal form; those with several multiply it out, and the product may
// hold at most kMaxVnnlibDisjuncts conjuncts.
//
// Each conjunct of the file's normal form gives an input box (the intersection
// of its input bounds, starting from the whole space) and an output conjunction
// (its output constraints). A conjunct with an empty box is dropped; one without
// output constraints says every x of its box is a counterexample, and gets the
// always-true constraint 0^T y <= 0 with the text "true". Conjuncts with equal
// boxes (exact equality of the bounds) share one PropertyCase, in the order
// their boxes first appear.
#include "nnmip/formats/vnnlib.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <optional>

#include "nnmip/formats/vnnlib_linear.hpp"
#include "nnmip/formats/vnnlib_syntax.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

using namespace vnnlib_detail;

// VNN-COMP's largest properties are some megabytes; a text beyond this is not a
// property nnmip could solve, and its parse would take gigabytes.
constexpr std::size_t kMaxVnnlibBytes = std::size_t{256} << 20;

// SMT-LIB commands that do not change which inputs are counterexamples: nnmip
// always answers the check-sat question, so files written for SMT solvers read.
constexpr std::array<const char*, 6> kIgnoredCommands = {"set-logic", "set-info",  "set-option",
                                                         "check-sat", "get-model", "exit"};

const char* const kFormulaAdvice = "formulas are (<= a b), (>= a b), (and F ...) and (or F ...)";

/// Indices into Script::comparisons, all of which must hold.
using Conjunct = std::vector<int>;
/// A disjunction of conjuncts; empty: false; one empty conjunct: true.
using NormalForm = std::vector<Conjunct>;

/// What the commands of a file say.
struct Script {
  std::string source;
  std::map<Variable, SourcePosition> declarations;
  VariableUses uses;
  std::vector<Comparison> comparisons;  // input bounds and output constraints (constants are decided)
  Conjunct common;                      // the asserts with a single conjunct
  NormalForm alternatives{Conjunct{}};  // the product of the asserts with several
};

// ---- the normal form -----------------------------------------------------

[[noreturn]] void fail_too_many_disjuncts(const Script& script, SourcePosition assert_position, long count) {
  fail(script.source, assert_position,
       "this assert brings the disjunctive normal form to " + std::to_string(count) + " conjuncts, more than " +
           std::to_string(kMaxVnnlibDisjuncts) + "; split the property into several files (one per disjunct of an or)");
}

/// The conjunction of two normal forms: every pair of conjuncts.
NormalForm conjoin(const NormalForm& a, const NormalForm& b, const Script& script, SourcePosition assert_position) {
  const long count = static_cast<long>(a.size()) * static_cast<long>(b.size());
  if (count > kMaxVnnlibDisjuncts) fail_too_many_disjuncts(script, assert_position, count);
  NormalForm product;
  product.reserve(static_cast<std::size_t>(count));
  for (const Conjunct& left : a) {
    for (const Conjunct& right : b) {
      Conjunct both = left;
      both.insert(both.end(), right.begin(), right.end());
      product.push_back(std::move(both));
    }
  }
  return product;
}

NormalForm comparison_normal_form(const SExpr& formula, Script& script) {
  Comparison comparison = translate_comparison(formula, script.source, script.uses);
  switch (comparison.kind) {
    case Comparison::Kind::constant_true: return {Conjunct{}};
    case Comparison::Kind::constant_false: return {};
    default: break;
  }
  script.comparisons.push_back(std::move(comparison));
  return {Conjunct{static_cast<int>(script.comparisons.size()) - 1}};
}

[[noreturn]] void fail_unsupported_formula(const SExpr& formula, const std::string& source) {
  if (!formula.is_list || formula.items.empty() || formula.items[0].is_list)
    fail(source, formula.position, "expected a formula, found " + render(formula) + "; " + kFormulaAdvice);
  const SExpr& head = formula.items[0];
  if (head.symbol == "<" || head.symbol == ">")
    fail(source, formula.position,
         "strict comparison (" + head.symbol +
             " ...): nnmip reads <= and >= only (a MILP cannot keep a strict inequality)");
  fail(source, formula.position, "unsupported operator '" + head.symbol + "' in a formula; " + kFormulaAdvice);
}

NormalForm normal_form(const SExpr& formula, Script& script, SourcePosition assert_position) {
  const bool has_head = formula.is_list && !formula.items.empty() && !formula.items[0].is_list;
  const std::string op = has_head ? formula.items[0].symbol : "";
  if (op == "<=" || op == ">=") return comparison_normal_form(formula, script);
  if (op != "and" && op != "or") fail_unsupported_formula(formula, script.source);
  if (formula.items.size() < 2) fail(script.source, formula.position, "(" + op + ") needs at least one formula");
  NormalForm result = op == "and" ? NormalForm{Conjunct{}} : NormalForm{};
  for (std::size_t i = 1; i < formula.items.size(); ++i) {
    NormalForm operand = normal_form(formula.items[i], script, assert_position);
    if (op == "and") {
      result = conjoin(result, operand, script, assert_position);
      continue;
    }
    const long count = static_cast<long>(result.size() + operand.size());
    if (count > kMaxVnnlibDisjuncts) fail_too_many_disjuncts(script, assert_position, count);
    std::move(operand.begin(), operand.end(), std::back_inserter(result));
  }
  return result;
}

// ---- commands --------------------------------------------------------------

void declare(const SExpr& command, Script& script) {
  if (command.items.size() != 3)
    fail(script.source, command.position,
         "expected (declare-const X_i Real) or (declare-const Y_j Real), found " + render(command));
  const SExpr& name = command.items[1];
  const std::optional<Variable> variable = parse_variable(name, script.source);
  if (!variable)
    fail(script.source, name.position,
         "declares '" + render(name) + "': nnmip reads VNN-LIB variables X_<i> (inputs) and Y_<j> (outputs)");
  const SExpr& sort = command.items[2];
  if (sort.is_list || sort.symbol != "Real")
    fail(script.source, sort.position,
         variable_name(*variable) + " is declared with sort " + render(sort) + "; VNN-LIB variables are Real");
  const auto [previous, inserted] = script.declarations.try_emplace(*variable, name.position);
  if (!inserted)
    fail(script.source, name.position,
         variable_name(*variable) + " is declared twice (first at line " + std::to_string(previous->second.line) +
             "); remove one declaration");
}

void assert_formula(const SExpr& command, Script& script) {
  if (command.items.size() != 2)
    fail(script.source, command.position,
         "(assert F) takes one formula; this one has " + std::to_string(command.items.size() - 1) +
             " (use (and F G ...))");
  NormalForm form = normal_form(command.items[1], script, command.position);
  if (form.size() == 1) {
    script.common.insert(script.common.end(), form[0].begin(), form[0].end());
  } else {
    script.alternatives = conjoin(script.alternatives, form, script, command.position);
  }
}

bool is_ignored_command(const std::string& name) {
  return std::find(kIgnoredCommands.begin(), kIgnoredCommands.end(), name) != kIgnoredCommands.end();
}

void run_command(const SExpr& command, Script& script) {
  if (!command.is_list)
    fail(script.source, command.position,
         "expected a command such as (declare-const X_0 Real) or (assert ...), found '" + command.symbol + "'");
  if (command.items.empty() || command.items[0].is_list)
    fail(script.source, command.position, "expected a command name after '(', found " + render(command));
  const std::string& name = command.items[0].symbol;
  if (name == "declare-const") return declare(command, script);
  if (name == "assert") return assert_formula(command, script);
  if (is_ignored_command(name)) return;
  fail(script.source, command.items[0].position,
       "unknown command '" + name +
           "'; nnmip reads the VNN-LIB commands declare-const and assert "
           "(and ignores set-logic, set-info, set-option, check-sat, get-model and exit)");
}

// ---- declarations ------------------------------------------------------------

/// n when X_0..X_{n-1} (or the Y_j) are declared; throws for a gap or for none.
int count_declared(const Script& script, VariableKind kind) {
  const std::string prefix = kind == VariableKind::input ? "X_" : "Y_";
  int count = 0;
  for (const auto& [variable, position] : script.declarations) {
    if (variable.kind != kind) continue;
    if (variable.index != count)
      fail(script.source, position,
           variable_name(variable) + " is declared but " + prefix + std::to_string(count) +
               " is not: variables are numbered from 0 without gaps; add (declare-const " + prefix +
               std::to_string(count) + " Real)");
    ++count;
  }
  if (count == 0)
    fail(script.source, SourcePosition{},
         std::string("declares no ") + (kind == VariableKind::input ? "input" : "output") +
             " variable; add (declare-const " + prefix + "0 Real)");
  return count;
}

void check_uses_declared(const Script& script) {
  const std::pair<const Variable, SourcePosition>* first_undeclared = nullptr;
  for (const auto& use : script.uses) {
    if (script.declarations.count(use.first)) continue;
    const auto at = [](SourcePosition p) { return std::make_pair(p.line, p.column); };
    if (!first_undeclared || at(use.second) < at(first_undeclared->second)) first_undeclared = &use;
  }
  if (first_undeclared) {
    const std::string name = variable_name(first_undeclared->first);
    fail(script.source, first_undeclared->second,
         name + " is used but not declared; add (declare-const " + name + " Real)");
  }
}

// ---- cases -------------------------------------------------------------------

/// A conjunct's input box and output constraints.
struct ConjunctMeaning {
  Box box;
  std::vector<int> output_constraints;  // indices into Script::comparisons
};

void apply(const Conjunct& conjunct, const Script& script, ConjunctMeaning& meaning) {
  for (int index : conjunct) {
    const Comparison& c = script.comparisons[static_cast<std::size_t>(index)];
    if (c.kind == Comparison::Kind::input_lower) {
      meaning.box.lower(c.input) = std::max(meaning.box.lower(c.input), c.bound);
    } else if (c.kind == Comparison::Kind::input_upper) {
      meaning.box.upper(c.input) = std::min(meaning.box.upper(c.input), c.bound);
    } else {
      meaning.output_constraints.push_back(index);
    }
  }
}

bool is_empty(const Box& box) { return (box.lower.array() > box.upper.array()).any(); }

OutputConstraint output_constraint(const Comparison& comparison, int outputs) {
  OutputConstraint constraint;
  constraint.coefficients = Vector::Zero(outputs);
  for (const auto& [j, coefficient] : comparison.output_coefficients) constraint.coefficients(j) = coefficient;
  constraint.rhs = comparison.rhs;
  constraint.text = comparison.text;
  return constraint;
}

Conjunction output_conjunction(const std::vector<int>& output_constraints, const Script& script, int outputs) {
  Conjunction conjunction;
  for (int index : output_constraints) {
    conjunction.constraints.push_back(output_constraint(script.comparisons[static_cast<std::size_t>(index)], outputs));
    conjunction.text += (conjunction.text.empty() ? "" : " and ") + conjunction.constraints.back().text;
  }
  if (conjunction.constraints.empty()) {
    // No output constraint: every x of the box is a counterexample.
    conjunction.constraints.push_back(OutputConstraint{Vector::Zero(outputs), 0.0, "true"});
    conjunction.text = "true";
  }
  return conjunction;
}

void check_bounded(const Box& box, const Script& script, const std::string& where) {
  for (int i = 0; i < box.lower.size(); ++i) {
    const bool lower = std::isfinite(box.lower(i));
    if (lower && std::isfinite(box.upper(i))) continue;
    const std::string name = variable_name({VariableKind::input, i});
    const std::string op = lower ? "<=" : ">=";
    fail(script.source, script.declarations.at({VariableKind::input, i}),
         "input " + name + " has no " + (lower ? "upper" : "lower") + " bound" + where + "; add (assert (" + op + " " +
             name + (lower ? " hi" : " lo") + ")) with a finite number: nnmip searches the inputs in a box");
  }
}

Property build_property(const Script& script, int inputs, int outputs) {
  Property property;
  property.inputs = inputs;
  property.outputs = outputs;
  ConjunctMeaning common;
  common.box.lower = Vector::Constant(inputs, -std::numeric_limits<double>::infinity());
  common.box.upper = Vector::Constant(inputs, std::numeric_limits<double>::infinity());
  apply(script.common, script, common);
  std::map<std::vector<double>, std::size_t> case_of_box;  // lower, then upper
  for (const Conjunct& alternative : script.alternatives) {
    ConjunctMeaning meaning = common;
    apply(alternative, script, meaning);
    if (is_empty(meaning.box)) continue;
    Conjunction conjunction = output_conjunction(meaning.output_constraints, script, outputs);
    check_bounded(meaning.box, script, script.alternatives.size() > 1 ? " in the disjunct " + conjunction.text : "");
    std::vector<double> key(meaning.box.lower.begin(), meaning.box.lower.end());
    key.insert(key.end(), meaning.box.upper.begin(), meaning.box.upper.end());
    const auto [entry, is_new] = case_of_box.try_emplace(std::move(key), property.cases.size());
    if (is_new) property.cases.push_back(PropertyCase{meaning.box, {}});
    property.cases[entry->second].disjuncts.push_back(std::move(conjunction));
  }
  if (property.cases.empty())
    fail(script.source, SourcePosition{},
         "the property has no case: every conjunct of its disjunctive normal form has an empty input box or a "
         "constant-false constraint, so no input can be a counterexample (the property holds trivially)");
  return property;
}

// ---- files -------------------------------------------------------------------

std::string too_large_message() {
  return "larger than " + std::to_string(kMaxVnnlibBytes >> 20) +
         " MiB, far beyond any VNN-LIB property nnmip can solve; is it the right file?";
}

std::string read_limited(std::istream& in, const std::string& name) {
  std::string text;
  std::array<char, 1 << 16> chunk;
  while (in) {
    in.read(chunk.data(), chunk.size());
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxVnnlibBytes) throw Error(name + ": " + too_large_message());
  }
  if (in.bad()) throw Error(name + ": read error: " + std::strerror(errno));
  return text;
}

}  // namespace

Property parse_vnnlib(const std::string& text, const std::string& source) {
  Script script;
  script.source = source;
  SExprReader reader(text, source);
  while (const std::optional<SExpr> command = reader.next()) run_command(*command, script);
  check_uses_declared(script);
  const int inputs = count_declared(script, VariableKind::input);
  const int outputs = count_declared(script, VariableKind::output);
  return build_property(script, inputs, outputs);
}

Property read_vnnlib(const std::string& path) {
  if (path == "-") return parse_vnnlib(read_limited(std::cin, "<stdin>"), "<stdin>");
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw Error(path + ": is a directory, not a VNN-LIB file");
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size > kMaxVnnlibBytes) throw Error(path + ": " + too_large_message());
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Error(path + ": cannot open the VNN-LIB file: " + std::strerror(errno));
  return parse_vnnlib(read_limited(file, path), path);
}

}  // namespace nnmip
