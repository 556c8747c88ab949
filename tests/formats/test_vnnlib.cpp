// VNN-LIB reader: the VNN-COMP files of the shared fixtures, hand-made edge
// cases of the accepted subset, errors with their positions, and satisfaction().
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "nnmip/formats/vnnlib.hpp"
#include "nnmip/util/error.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using nnmip::Conjunction;
using nnmip::Error;
using nnmip::OutputConstraint;
using nnmip::Property;
using nnmip::Vector;

namespace {

Vector vec(std::vector<double> values) {
  return Eigen::Map<const Vector>(values.data(), static_cast<long>(values.size()));
}

Property parse(const std::string& text) { return nnmip::parse_vnnlib(text, "t.vnnlib"); }

/// "(declare-const X_0 Real)" ... for n inputs and m outputs, one per line.
std::string declare(int inputs, int outputs) {
  std::string text;
  for (int i = 0; i < inputs; ++i) text += "(declare-const X_" + std::to_string(i) + " Real)\n";
  for (int j = 0; j < outputs; ++j) text += "(declare-const Y_" + std::to_string(j) + " Real)\n";
  return text;
}

/// The message of the Error that parsing `text` throws ("" when none).
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

/// Parsing `text` throws an Error that starts with `where` and mentions `what`.
void expect_error(const std::string& text, const std::string& where, const std::string& what) {
  const std::string message = error_of(text);
  EXPECT_EQ(message.rfind(where, 0), 0u) << "message: " << message << "\nexpected at: " << where;
  EXPECT_NE(message.find(what), std::string::npos) << "message: " << message << "\nexpected to mention: " << what;
}

void expect_box(const Property& property, std::size_t case_index, std::vector<double> lower,
                std::vector<double> upper) {
  ASSERT_LT(case_index, property.cases.size());
  EXPECT_EQ(property.cases[case_index].input.lower, vec(lower)) << "case " << case_index;
  EXPECT_EQ(property.cases[case_index].input.upper, vec(upper)) << "case " << case_index;
}

void expect_constraint(const OutputConstraint& constraint, std::vector<double> coefficients, double rhs,
                       const std::string& text) {
  EXPECT_EQ(constraint.coefficients, vec(coefficients)) << text;
  EXPECT_EQ(constraint.rhs, rhs) << text;
  EXPECT_EQ(constraint.text, text);
}

/// The one constraint of the property's only case and disjunct.
const OutputConstraint& only_constraint(const Property& property) {
  EXPECT_EQ(property.cases.size(), 1u);
  EXPECT_EQ(property.cases.at(0).disjuncts.size(), 1u);
  EXPECT_EQ(property.cases.at(0).disjuncts.at(0).constraints.size(), 1u);
  return property.cases.at(0).disjuncts.at(0).constraints.at(0);
}

// ---- files from VNN-COMP --------------------------------------------------

fs::path fixtures() { return fs::path(NNMIP_FIXTURES_DIR) / "vnnlib"; }

#define SKIP_WITHOUT_FIXTURES()      \
  if (!fs::is_directory(fixtures())) \
  GTEST_SKIP() << "no fixtures at " << fixtures() << " (they exist only in the shared checkout)"

TEST(VnnlibFixtures, AcasXuProperty3) {
  SKIP_WITHOUT_FIXTURES();
  const Property p = nnmip::read_vnnlib((fixtures() / "test_prop.vnnlib").string());
  EXPECT_EQ(p.inputs, 5);
  EXPECT_EQ(p.outputs, 5);
  ASSERT_EQ(p.cases.size(), 1u);
  expect_box(p, 0, {-0.30353115613746867, -0.009549296585513092, 0.4933803235848431, 0.3, 0.3},
             {-0.29855281193475053, 0.009549296585513092, 0.49999999998567607, 0.5, 0.5});
  ASSERT_EQ(p.cases[0].disjuncts.size(), 1u);
  const Conjunction& conjunction = p.cases[0].disjuncts[0];
  ASSERT_EQ(conjunction.constraints.size(), 4u);
  for (int k = 1; k <= 4; ++k) {
    std::vector<double> c(5, 0.0);
    c[0] = 1.0;
    c[static_cast<std::size_t>(k)] = -1.0;  // Y_0 - Y_k <= 0
    expect_constraint(conjunction.constraints[static_cast<std::size_t>(k - 1)], c, 0.0,
                      "(<= Y_0 Y_" + std::to_string(k) + ")");
  }
  EXPECT_EQ(conjunction.text, "(<= Y_0 Y_1) and (<= Y_0 Y_2) and (<= Y_0 Y_3) and (<= Y_0 Y_4)");
}

TEST(VnnlibFixtures, TestNano) {
  SKIP_WITHOUT_FIXTURES();
  const Property p = nnmip::read_vnnlib((fixtures() / "test_nano.vnnlib").string());
  EXPECT_EQ(p.inputs, 1);
  EXPECT_EQ(p.outputs, 1);
  expect_box(p, 0, {-1.0}, {1.0});
  expect_constraint(only_constraint(p), {1.0}, -1.0, "(<= Y_0 -1)");
}

TEST(VnnlibFixtures, TestTinyAndSmallOrOfOneAnd) {
  SKIP_WITHOUT_FIXTURES();
  for (const char* name : {"test_tiny.vnnlib", "test_small.vnnlib"}) {
    SCOPED_TRACE(name);
    const Property p = nnmip::read_vnnlib((fixtures() / name).string());
    EXPECT_EQ(p.inputs, 1);
    EXPECT_EQ(p.outputs, 1);
    expect_box(p, 0, {-1.0}, {1.0});
    expect_constraint(only_constraint(p), {-1.0}, -100.0, "(>= Y_0 100)");  // 100 - Y_0 <= 0
  }
}

// ---- the accepted subset ---------------------------------------------------

TEST(Vnnlib, OrOfAndsWithDifferentBoxesGivesTwoCases) {
  const Property p = parse(declare(1, 2) +
                           "(assert (or (and (>= X_0 0) (<= X_0 1) (<= Y_0 Y_1))\n"
                           "            (and (>= X_0 2) (<= X_0 3) (<= Y_1 Y_0))))\n");
  ASSERT_EQ(p.cases.size(), 2u);
  expect_box(p, 0, {0.0}, {1.0});
  expect_box(p, 1, {2.0}, {3.0});
  ASSERT_EQ(p.cases[0].disjuncts.size(), 1u);
  ASSERT_EQ(p.cases[1].disjuncts.size(), 1u);
  expect_constraint(p.cases[0].disjuncts[0].constraints.at(0), {1.0, -1.0}, 0.0, "(<= Y_0 Y_1)");
  expect_constraint(p.cases[1].disjuncts[0].constraints.at(0), {-1.0, 1.0}, 0.0, "(<= Y_1 Y_0)");
}

TEST(Vnnlib, OrOfAndsWithTheSameBoxGivesOneCase) {
  const Property p = parse(declare(1, 2) +
                           "(assert (or (and (>= X_0 0) (<= X_0 1) (<= Y_0 Y_1) (<= Y_0 5))\n"
                           "            (and (<= X_0 1) (>= X_0 0) (>= Y_0 Y_1))))\n");
  ASSERT_EQ(p.cases.size(), 1u);
  expect_box(p, 0, {0.0}, {1.0});
  ASSERT_EQ(p.cases[0].disjuncts.size(), 2u);
  EXPECT_EQ(p.cases[0].disjuncts[0].text, "(<= Y_0 Y_1) and (<= Y_0 5)");
  EXPECT_EQ(p.cases[0].disjuncts[1].text, "(>= Y_0 Y_1)");
  expect_constraint(p.cases[0].disjuncts[1].constraints.at(0), {-1.0, 1.0}, 0.0, "(>= Y_0 Y_1)");
}

TEST(Vnnlib, NegativeZeroBoundsShareTheCaseOfZero) {
  // (<= (- X_0) 0) gives X_0 >= 0 / -1 = -0: the same box as (>= X_0 0).
  const Property p = parse(declare(1, 1) +
                           "(assert (<= X_0 1))\n"
                           "(assert (or (and (<= (- X_0) 0) (<= Y_0 0)) (and (>= X_0 0) (>= Y_0 1))))\n");
  ASSERT_EQ(p.cases.size(), 1u);
  EXPECT_EQ(p.cases[0].disjuncts.size(), 2u);
}

TEST(Vnnlib, ConstantsOnEitherSide) {
  const Property p = parse(declare(2, 2) +
                           "(assert (>= 0.5 X_0))\n"        // X_0 <= 0.5
                           "(assert (<= -1 X_0))\n"         // X_0 >= -1
                           "(assert (>= (* 2 X_1) 3))\n"    // X_1 >= 1.5
                           "(assert (<= (* -4 X_1) -8))\n"  // X_1 >= 2
                           "(assert (>= 4 (- X_1)))\n"      // X_1 >= -4
                           "(assert (<= (+ X_1 1) 5))\n"    // X_1 <= 4
                           "(assert (<= (+ 1 Y_0) (+ Y_1 2.5)))\n");
  expect_box(p, 0, {-1.0, 2.0}, {0.5, 4.0});
  expect_constraint(only_constraint(p), {1.0, -1.0}, 1.5, "(<= (+ 1 Y_0) (+ Y_1 2.5))");
}

TEST(Vnnlib, CommentsEverywhere) {
  const Property p = parse(
      "; a property\n"
      "(declare-const X_0 Real);input\n"
      "(declare-const;odd place\n Y_0 Real) ; output\n"
      "(assert ; bounds\n"
      "  (and (>= X_0 -1);lower\n"
      "       (<= X_0 ; upper\n 1)))\n"
      "(assert (<=   Y_0\t\t  ; comment between the terms\n"
      "    2.5))   ; trailing\n"
      "; the end");
  expect_box(p, 0, {-1.0}, {1.0});
  expect_constraint(only_constraint(p), {1.0}, 2.5, "(<= Y_0 2.5)");
}

TEST(Vnnlib, NumberForms) {
  const std::vector<std::pair<std::string, double>> numbers = {
      {"123", 123.0},       {"-1.5", -1.5},
      {"1e-3", 1e-3},       {"2.5E+2", 250.0},
      {"-1.5e-3", -1.5e-3}, {".5", 0.5},
      {"-.25", -0.25},      {"5.", 5.0},
      {"0", 0.0},           {"-0.29855281193475053", -0.29855281193475053},
      {"1E2", 100.0},
  };
  for (const auto& [text, value] : numbers) {
    SCOPED_TRACE(text);
    const Property p =
        parse(declare(1, 1) + "(assert (>= X_0 -1000)) (assert (<= X_0 1000))\n(assert (<= Y_0 " + text + "))");
    EXPECT_EQ(only_constraint(p).rhs, value);
  }
}

TEST(Vnnlib, LinearTerms) {
  const std::string box = "(assert (>= X_0 0)) (assert (<= X_0 1))\n";
  // (- a b c) = a - b - c
  expect_constraint(only_constraint(parse(declare(1, 3) + box + "(assert (<= (- Y_0 Y_1 Y_2) 0))")), {1.0, -1.0, -1.0},
                    0.0, "(<= (- Y_0 Y_1 Y_2) 0)");
  // (- a) negates: 1 - (-Y_0) <= 0, i.e. Y_0 <= -1
  expect_constraint(only_constraint(parse(declare(1, 1) + box + "(assert (>= (- Y_0) 1))")), {1.0}, -1.0,
                    "(>= (- Y_0) 1)");
  // (* -2 Y_1) and (* Y_0 3), a number times a term on either side
  expect_constraint(only_constraint(parse(declare(1, 2) + box + "(assert (<= (* -2 Y_1) (* Y_0 3)))")), {-3.0, -2.0},
                    0.0, "(<= (* -2 Y_1) (* Y_0 3))");
  // a constant factor of a sum, several constant factors, terms that cancel: -Y_1 <= 3
  expect_constraint(
      only_constraint(parse(declare(1, 2) + box + "(assert (<= (* 2 (+ Y_0 1) 0.5) (+ Y_1 Y_0 (- Y_1) 4 Y_1)))")),
      {0.0, -1.0}, 3.0, "(<= (* 2 (+ Y_0 1) 0.5) (+ Y_1 Y_0 (- Y_1) 4 Y_1))");
}

TEST(Vnnlib, NestedAndOrGivesTheProduct) {
  // (A or B) and (C or (D and E)) = AC or ADE or BC or BDE
  const Property p = parse(declare(1, 1) +
                           "(assert (<= X_0 1)) (assert (>= X_0 0))\n"
                           "(assert (and (or (<= Y_0 1) (<= Y_0 2))\n"
                           "             (or (>= Y_0 3) (and (>= Y_0 4) (>= Y_0 5)))))\n");
  ASSERT_EQ(p.cases.size(), 1u);
  const auto& d = p.cases[0].disjuncts;
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].text, "(<= Y_0 1) and (>= Y_0 3)");
  EXPECT_EQ(d[1].text, "(<= Y_0 1) and (>= Y_0 4) and (>= Y_0 5)");
  EXPECT_EQ(d[2].text, "(<= Y_0 2) and (>= Y_0 3)");
  EXPECT_EQ(d[3].text, "(<= Y_0 2) and (>= Y_0 4) and (>= Y_0 5)");
}

TEST(Vnnlib, DisjunctionsOfSeveralAssertsMultiply) {
  const Property p = parse(declare(1, 1) +
                           "(assert (or (and (>= X_0 0) (<= X_0 1)) (and (>= X_0 1) (<= X_0 2))))\n"
                           "(assert (or (<= Y_0 0) (>= Y_0 1)))\n");
  ASSERT_EQ(p.cases.size(), 2u);
  expect_box(p, 0, {0.0}, {1.0});
  expect_box(p, 1, {1.0}, {2.0});
  for (const auto& c : p.cases) {
    ASSERT_EQ(c.disjuncts.size(), 2u);
    EXPECT_EQ(c.disjuncts[0].text, "(<= Y_0 0)");
    EXPECT_EQ(c.disjuncts[1].text, "(>= Y_0 1)");
  }
}

TEST(Vnnlib, ConstantConstraints) {
  const std::string box = "(assert (>= X_0 0)) (assert (<= X_0 1))\n";
  // A true constant is dropped from its conjunct.
  const Property t = parse(declare(1, 1) + box + "(assert (and (<= 1 2) (<= Y_0 3) (>= (- Y_0 Y_0) 0)))");
  expect_constraint(only_constraint(t), {1.0}, 3.0, "(<= Y_0 3)");
  // A false constant removes its conjunct.
  const Property f = parse(declare(1, 1) + box + "(assert (or (and (<= 2 1) (<= Y_0 3)) (<= Y_0 4)))");
  expect_constraint(only_constraint(f), {1.0}, 4.0, "(<= Y_0 4)");
  // A conjunct left without output constraints: any x of the box is a counterexample.
  const Property any = parse(declare(1, 2) + box + "(assert (or (<= 0 0) (<= 2 1)))");
  expect_constraint(only_constraint(any), {0.0, 0.0}, 0.0, "true");
  EXPECT_EQ(any.cases[0].disjuncts[0].text, "true");
}

TEST(Vnnlib, InputBoxesOnlyMeanTrue) {
  const Property p =
      parse(declare(2, 1) + "(assert (>= X_0 0)) (assert (<= X_0 1)) (assert (>= X_1 0)) (assert (<= X_1 1))");
  expect_box(p, 0, {0.0, 0.0}, {1.0, 1.0});
  expect_constraint(only_constraint(p), {0.0}, 0.0, "true");
}

TEST(Vnnlib, EmptyBoxesAreDropped) {
  const Property p = parse(declare(1, 1) +
                           "(assert (or (and (>= X_0 1) (<= X_0 0) (<= Y_0 1))\n"
                           "            (and (>= X_0 0) (<= X_0 0) (<= Y_0 2))))\n");  // a point is not empty
  ASSERT_EQ(p.cases.size(), 1u);
  expect_box(p, 0, {0.0}, {0.0});
  expect_constraint(only_constraint(p), {1.0}, 2.0, "(<= Y_0 2)");
  // The empty conjunct needs no bounds on the other inputs either.
  EXPECT_NO_THROW(parse(declare(2, 1) + "(assert (or (and (>= X_0 1) (<= X_0 0)) "
                                        "(and (>= X_0 0) (<= X_0 1) (>= X_1 0) (<= X_1 1))))"));
}

TEST(Vnnlib, SmtLibScriptCommandsAreIgnored) {
  const Property p =
      parse("(set-logic QF_LRA)\n(set-info :status sat)\n(set-option :produce-models true)\n" + declare(1, 1) +
            "(assert (>= X_0 0)) (assert (<= X_0 1)) (assert (<= Y_0 1))\n" + "(check-sat)\n(get-model)\n(exit)\n");
  expect_constraint(only_constraint(p), {1.0}, 1.0, "(<= Y_0 1)");
}

TEST(Vnnlib, DeclarationsMayFollowTheirUse) {
  const Property p = parse("(assert (>= X_0 0)) (assert (<= X_0 1)) (assert (<= Y_0 1))\n" + declare(1, 1));
  EXPECT_EQ(p.inputs, 1);
  EXPECT_EQ(p.outputs, 1);
}

// ---- errors ----------------------------------------------------------------

const std::string kBox = "(assert (>= X_0 0)) (assert (<= X_0 1))\n";

TEST(VnnlibErrors, UnbalancedParentheses) {
  expect_error(declare(1, 1) + "(assert (<= X_0 1)\n(assert (<= Y_0 1))\n", "t.vnnlib:3:1:", "never closed");
  expect_error(declare(1, 1) + "(assert (and (<= X_0 1)\n  (<= Y_0 1)\n", "t.vnnlib:3:9:", "never closed");
  expect_error(declare(1, 1) + kBox + "(assert (<= Y_0 1)))\n", "t.vnnlib:4:20:", "closes nothing");
}

TEST(VnnlibErrors, Declarations) {
  expect_error(declare(1, 1) + kBox + "(assert (<= Y_3 1))", "t.vnnlib:4:13:", "Y_3 is used but not declared");
  expect_error(declare(1, 1) + "(declare-const X_0 Real)\n",
               "t.vnnlib:3:16:", "X_0 is declared twice (first at line 1)");
  expect_error("(declare-const X_0 Real)\n(declare-const X_2 Real)\n(declare-const Y_0 Real)\n",
               "t.vnnlib:2:16:", "X_2 is declared but X_1 is not");
  expect_error("(declare-const X_0 Int)\n", "t.vnnlib:1:20:", "sort Int");
  expect_error("(declare-const Z_0 Real)\n", "t.vnnlib:1:16:", "declares 'Z_0'");
  expect_error("(declare-const X_01 Real)\n", "t.vnnlib:1:16:", "bad variable name 'X_01'");
  expect_error("(declare-const X_a Real)\n", "t.vnnlib:1:16:", "bad variable name 'X_a'");
  expect_error("(declare-const X_99999999999 Real)\n", "t.vnnlib:1:16:", "bad variable name");
  expect_error(declare(1, 1) + kBox + "(assert (<= x_0 1))", "t.vnnlib:4:13:", "unknown symbol 'x_0'");
  expect_error(declare(0, 1) + "(assert (<= Y_0 1))", "t.vnnlib:1:1:", "declares no input variable");
  expect_error(declare(1, 0) + kBox, "t.vnnlib:1:1:", "declares no output variable");
}

TEST(VnnlibErrors, NonLinearAndMixedConstraints) {
  expect_error(declare(1, 2) + kBox + "(assert (<= (* Y_0 Y_1) 1))",
               "t.vnnlib:5:20:", "non-linear term: Y_0 times Y_1");
  expect_error(declare(1, 2) + kBox + "(assert (<= (* (+ Y_0 1) (- Y_1 2)) 1))", "t.vnnlib:5:26:", "non-linear");
  expect_error(declare(1, 1) + kBox + "(assert (<= X_0 Y_0))", "t.vnnlib:4:9:", "mixes inputs (X_0) and outputs (Y_0)");
  expect_error(declare(2, 1) + kBox + "(assert (<= X_0 X_1))", "t.vnnlib:5:9:", "several inputs (X_0 and X_1)");
  expect_error(declare(1, 1) + kBox + "(assert (< Y_0 1))", "t.vnnlib:4:9:", "strict comparison");
  expect_error(declare(1, 1) + kBox + "(assert (= Y_0 1))", "t.vnnlib:4:9:", "unsupported operator '='");
  expect_error(declare(1, 1) + kBox + "(assert (<= (/ Y_0 2) 1))", "t.vnnlib:4:14:", "unknown operator '/'");
  expect_error(declare(1, 1) + kBox + "(assert (<= Y_0 1 2))", "t.vnnlib:4:9:", "compares two terms");
}

TEST(VnnlibErrors, UnboundedInput) {
  expect_error(declare(2, 1) + kBox + "(assert (<= X_1 1)) (assert (<= Y_0 1))",
               "t.vnnlib:2:16:", "input X_1 has no lower bound; add (assert (>= X_1 lo))");
  expect_error(declare(1, 1) + "(assert (>= X_0 0))", "t.vnnlib:1:16:", "input X_0 has no upper bound");
  // Bounded in one disjunct but not in the other: the error names the disjunct.
  expect_error(declare(1, 1) + "(assert (or (and (>= X_0 0) (<= X_0 1) (<= Y_0 1)) (and (>= X_0 0) (<= Y_0 2))))",
               "t.vnnlib:1:16:", "input X_0 has no upper bound in the disjunct (<= Y_0 2)");
}

TEST(VnnlibErrors, TooManyDisjuncts) {
  // 2^17 = 131072 conjuncts: the 17th assert (line 3 + 16 + 1) passes the cap.
  std::string text = declare(1, 1) + kBox;
  for (int k = 0; k < 17; ++k) text += "(assert (or (<= Y_0 1) (>= Y_0 2)))\n";
  expect_error(text, "t.vnnlib:20:1:", "more than 100000");
  // Within one assert, the assert is named.
  std::string nested = declare(1, 1) + kBox + "\n(assert (and\n";
  for (int k = 0; k < 17; ++k) nested += "  (or (<= Y_0 1) (>= Y_0 2))\n";
  expect_error(nested + "))", "t.vnnlib:5:1:", "split the property");
}

TEST(VnnlibErrors, UnknownCommandsAndShapes) {
  expect_error(declare(1, 1) + kBox + "(push 1)", "t.vnnlib:4:2:", "unknown command 'push'");
  expect_error(declare(1, 1) + kBox + "(declare-fun Y_1 () Real)", "t.vnnlib:4:2:", "unknown command 'declare-fun'");
  expect_error(declare(1, 1) + kBox + "assert", "t.vnnlib:4:1:", "expected a command");
  expect_error(declare(1, 1) + kBox + "(assert (<= Y_0 1) (<= Y_0 2))", "t.vnnlib:4:1:", "takes one formula");
  expect_error(declare(1, 1) + kBox + "(assert (or))", "t.vnnlib:4:9:", "needs at least one formula");
  expect_error(declare(1, 1) + kBox + "(assert Y_0)", "t.vnnlib:4:9:", "expected a formula");
  expect_error(declare(1, 1) + kBox + "(assert (<= (+) 1))", "t.vnnlib:4:13:", "needs at least one operand");
  expect_error(std::string(2000, '(') + std::string(2000, ')'), "t.vnnlib:1:1001:", "nest deeper");
}

TEST(VnnlibErrors, BadNumbers) {
  for (const char* number : {"1.2.3", "0x10", "1e", "1e+", "+5", "-.", "5x", "1,5"}) {
    SCOPED_TRACE(number);
    expect_error(declare(1, 1) + kBox + "(assert (<= Y_0 " + number + "))", "t.vnnlib:4:17:", "bad number");
  }
  for (const char* number : {"nan", "NaN", "inf", "-inf", "+Infinity"}) {
    SCOPED_TRACE(number);
    expect_error(declare(1, 1) + kBox + "(assert (<= Y_0 " + number + "))", "t.vnnlib:4:17:", "not a finite number");
  }
  expect_error(declare(1, 1) + kBox + "(assert (<= Y_0 1e400))", "t.vnnlib:4:17:", "out of the range of a double");
  expect_error(declare(1, 1) + kBox + "(assert (<= (* 1e300 1e300 Y_0) 1))", "t.vnnlib:4:9:", "overflow");
}

TEST(VnnlibErrors, NoCaseLeft) {
  expect_error(declare(1, 1) + "(assert (or (and (>= X_0 1) (<= X_0 0) (<= Y_0 1)) (<= 2 1)))",
               "t.vnnlib:1:1:", "has no case");
}

// ---- files and satisfaction -----------------------------------------------------

class VnnlibFile : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) const {
    const fs::path path = dir_.path() / name;
    std::ofstream(path) << text;
    return path.string();
  }
  nnmip::testing::TempDir dir_{"nnmip_test_vnnlib"};
};

TEST_F(VnnlibFile, ErrorsNameTheFile) {
  const std::string bad = write("bad.vnnlib", declare(1, 1) + kBox + "(assert (<= Y_0 Y_7))");
  try {
    nnmip::read_vnnlib(bad);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(bad + ":4:17: Y_7 is used but not declared", 0), 0u) << e.what();
  }
  const std::string missing = (dir_.path() / "missing.vnnlib").string();
  try {
    nnmip::read_vnnlib(missing);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(missing + ": cannot open"), std::string::npos) << e.what();
  }
  EXPECT_THROW(nnmip::read_vnnlib(dir_.path().string()), Error);
}

TEST_F(VnnlibFile, AbsurdlyLargeFilesAreRefused) {
  const std::string huge = write("huge.vnnlib", "");
  fs::resize_file(huge, std::uintmax_t{300} << 20);  // sparse: costs no disk
  try {
    nnmip::read_vnnlib(huge);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("larger than 256 MiB"), std::string::npos) << e.what();
  }
}

TEST_F(VnnlibFile, DashReadsStandardInput) {
  const std::string path = write("in.vnnlib", declare(1, 1) + kBox + "(assert (<= Y_0 1))");
  ASSERT_NE(std::freopen(path.c_str(), "r", stdin), nullptr);
  const Property p = nnmip::read_vnnlib("-");
  expect_constraint(only_constraint(p), {1.0}, 1.0, "(<= Y_0 1)");
}

TEST(VnnlibSatisfaction, OfParsedProperties) {
  // ACAS Xu property 3's form: a counterexample makes Y_0 minimal.
  const Property acas = parse(declare(1, 3) + kBox + "(assert (<= Y_0 Y_1)) (assert (<= Y_0 Y_2))");
  const auto& disjuncts = acas.cases.at(0).disjuncts;
  EXPECT_DOUBLE_EQ(nnmip::satisfaction(disjuncts, vec({0.0, 1.0, 2.0})), 1.0);   // min(1, 2)
  EXPECT_DOUBLE_EQ(nnmip::satisfaction(disjuncts, vec({1.5, 1.0, 2.0})), -0.5);  // Y_1 is smaller
  // Two disjuncts: the better one counts.
  const Property two = parse(declare(1, 1) + kBox + "(assert (or (<= Y_0 -1) (>= Y_0 3)))");
  EXPECT_DOUBLE_EQ(nnmip::satisfaction(two.cases.at(0).disjuncts, vec({0.0})), -1.0);  // max(-1, -3)
  EXPECT_DOUBLE_EQ(nnmip::satisfaction(two.cases.at(0).disjuncts, vec({4.0})), 1.0);   // max(-5, 1)
  // The always-true conjunction is satisfied (by 0) everywhere.
  const Property any = parse(declare(1, 2) + kBox);
  EXPECT_EQ(nnmip::satisfaction(any.cases.at(0).disjuncts, vec({-7.0, 9.0})), 0.0);
}

TEST(VnnlibWriter, WrittenPropertiesReadBackTheSame) {
  // Several cases with different boxes, conjunctions of several constraints,
  // awkward numbers: parse_vnnlib(to_vnnlib(p)) has the same cases and values.
  Property p;
  p.inputs = 2;
  p.outputs = 3;
  for (int c = 0; c < 3; ++c) {
    nnmip::PropertyCase one;
    one.input.lower = vec({-0.1 * (c + 1), 1.0 / 3.0});
    one.input.upper = vec({0.7 + c, 1e-17 + 1.0});
    for (int d = 0; d <= c; ++d) {
      Conjunction conjunction;
      for (int k = 0; k <= d; ++k)
        conjunction.constraints.push_back(
            OutputConstraint{vec({1.0 - k, -2.5e-3 * d, k == 1 ? 1.0 : 0.1}), 0.3 - k, ""});
      one.disjuncts.push_back(conjunction);
    }
    p.cases.push_back(one);
  }
  const Property back = parse(nnmip::to_vnnlib(p, "a comment\non two lines"));
  ASSERT_EQ(back.inputs, 2);
  ASSERT_EQ(back.outputs, 3);
  ASSERT_EQ(back.cases.size(), p.cases.size());
  for (size_t c = 0; c < p.cases.size(); ++c) {
    EXPECT_EQ(back.cases[c].input.lower, p.cases[c].input.lower);
    EXPECT_EQ(back.cases[c].input.upper, p.cases[c].input.upper);
    ASSERT_EQ(back.cases[c].disjuncts.size(), p.cases[c].disjuncts.size());
    for (size_t d = 0; d < p.cases[c].disjuncts.size(); ++d) {
      const auto& want = p.cases[c].disjuncts[d].constraints;
      const auto& got = back.cases[c].disjuncts[d].constraints;
      ASSERT_EQ(got.size(), want.size());
      for (size_t k = 0; k < want.size(); ++k) {
        EXPECT_EQ(got[k].coefficients, want[k].coefficients);
        EXPECT_EQ(got[k].rhs, want[k].rhs);
      }
    }
  }
}

}  // namespace
