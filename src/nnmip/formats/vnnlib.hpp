#pragma once
// Reading VNN-LIB properties (the subset VNN-COMP uses), see property.hpp for
// what a Property means.
//
// Accepted (docs/vnnlib.md has the grammar and the semantics in full):
//   ; comments to the end of the line, anywhere
//   (declare-const X_i Real)   inputs, i = 0..n-1 (each declared once, no gaps)
//   (declare-const Y_j Real)   outputs, j = 0..m-1 (declarations may follow their use)
//   (assert F) with F one of
//     (<= a b)  (>= a b)        a, b linear terms: numbers (123, -1.5, .5, 1e-3, 2.5E+2),
//                               X_i, Y_j, (+ a ...), (- a) , (- a b ...), (* number a), (* a number)
//     (and F ...)  (or F ...)   nested freely
//   (set-logic ...) (set-info ...) (set-option ...) (check-sat) (get-model) (exit)
//                               ignored: SMT-LIB script commands that do not change
//                               the property (nnmip always answers the check-sat question)
// The asserts are conjoined and brought into disjunctive normal form. In each
// conjunct of the normal form, constraints on one input variable (X_i <= 0.5,
// 2 >= X_i, (* -2 X_i) <= 1, ...) form the input box, and constraints over
// outputs only form the output conjunction. Conjuncts with the same box (exact
// equality of the bounds) become one PropertyCase, in order of first appearance.
// A conjunct without output constraints (any x of its box is a counterexample)
// gets the one always-true constraint 0^T y <= 0 with the text "true".
//
// Errors (nnmip::Error, "<path>:<line>:<column>: ...") for: syntax (unbalanced
// parentheses, at the "(" never closed), bad numbers (NaN, inf, hex, overflow),
// undeclared, twice declared, misnamed or non-Real variables, gaps in the
// numbering, unknown commands and operators, strict comparisons, non-linear
// terms, constraints mixing inputs and outputs or over several inputs, an input
// without a finite lower and upper bound in some case (at its declaration), a
// normal form with more than kMaxVnnlibDisjuncts conjuncts (at the assert that
// passes the cap). Constant constraints (no variable) are decided on the spot:
// true ones are dropped, a false one removes its conjunct. A conjunct whose box
// is empty can never be satisfied and is dropped. A property left with no case
// is an error.
#include <string>

#include "nnmip/property/property.hpp"

namespace nnmip {

inline constexpr long kMaxVnnlibDisjuncts = 100000;

/// Reads the VNN-LIB file at `path` ("-" = standard input, named "<stdin>" in
/// errors); refuses texts over 256 MiB.
Property read_vnnlib(const std::string& path);
/// Parses VNN-LIB text; `source` names it in errors.
Property parse_vnnlib(const std::string& text, const std::string& source);

/// The property as VNN-LIB text in VNN-COMP's layout: declarations, then one
/// assert (or (and <box> <conjunction>) ...) over every case and disjunct,
/// numbers written so that they read back as the same doubles. `comment` lines
/// go on top. parse_vnnlib(to_vnnlib(p)) gives p back (texts aside).
std::string to_vnnlib(const Property& property, const std::string& comment = "");

}  // namespace nnmip
