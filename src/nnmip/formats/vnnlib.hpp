#pragma once
// Reading VNN-LIB properties (the subset VNN-COMP uses), see property.hpp for
// what a Property means.
//
// Accepted:
//   ; comments to the end of the line
//   (declare-const X_i Real)   inputs, i = 0..n-1 (each declared once, no gaps)
//   (declare-const Y_j Real)   outputs, j = 0..m-1
//   (assert F) with F one of
//     (<= a b)  (>= a b)        a, b linear terms: numbers (123, -1.5, 1e-3, 2.5E+2),
//                               X_i, Y_j, (+ a ...), (- a) , (- a b ...), (* number a), (* a number)
//     (and F ...)  (or F ...)
// The asserts are conjoined and brought into disjunctive normal form. In each
// conjunct of the normal form, constraints on one input variable (X_i <= 0.5,
// 2 >= X_i, ...) form the input box, and constraints over outputs only form the
// output conjunction. Conjuncts with the same box become one PropertyCase.
//
// Errors (nnmip::Error, "<path>:<line>:<column>: ...") for: syntax, undeclared
// or misnamed variables, non-linear terms, constraints mixing inputs and outputs
// or over several inputs, an input without a finite lower and upper bound in
// some case, a normal form with more than kMaxVnnlibDisjuncts conjuncts.
// Constant constraints (no variable) are decided on the spot: true ones are
// dropped, a false one removes its conjunct. A conjunct whose box is empty can
// never be satisfied and is dropped. A property left with no case is an error.
#include <string>

#include "nnmip/property/property.hpp"

namespace nnmip {

inline constexpr long kMaxVnnlibDisjuncts = 100000;

/// Reads the VNN-LIB file at `path` ("-" = standard input).
Property read_vnnlib(const std::string& path);
/// Parses VNN-LIB text; `source` names it in errors.
Property parse_vnnlib(const std::string& text, const std::string& source);

}  // namespace nnmip
