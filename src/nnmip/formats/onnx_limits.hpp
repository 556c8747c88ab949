#pragma once
// Internal to the ONNX reader: the limits that keep a small or corrupt file from
// making the reader allocate (or loop over) more than the file justifies.
//
// Two kinds of sizes come from a file: those backed by stored values (an
// initializer's element count is checked against its bytes) and those that are
// only declared (the input shape, Reshape targets, broadcasting, the identity
// matrices the reader materializes for a Relu that follows the input directly).
// A 113-byte graph "input [1, 20000] -> Relu" declares a 20000 x 20000 dense
// layer. So every allocation the reader makes is charged, in elements, to one
// budget per read_onnx call, derived from the file size (see read_onnx), and
// every element count is a checked product.
#include <cstdint>
#include <string>

namespace nnmip::onnx_detail {

/// product = a * b for non-negative counts; false when it does not fit in
/// 62 bits (far beyond any memory, and safe to add to).
bool multiply_counts(long a, long b, long& product);
/// a * b for non-negative counts; throws nnmip::Error naming `what` when the
/// product does not fit in 62 bits (far beyond any memory, and safe to add to).
long checked_mul(long a, long b, const std::string& what);

/// The number of elements (doubles or indices) the reader may allocate, in
/// total, while it reads one file. Constructing one makes it the budget of the
/// calling thread until it is destroyed: the allocations happen many calls deep
/// in the tensor ops, and a per-thread budget keeps those signatures about
/// tensors while reads on other threads stay independent.
class ElementBudget {
 public:
  ElementBudget(long limit, std::string reason);
  ~ElementBudget();
  ElementBudget(const ElementBudget&) = delete;
  ElementBudget& operator=(const ElementBudget&) = delete;

 private:
  friend void charge_elements(long elements, const std::string& what);
  long remaining_;
  long limit_;
  std::string reason_;  // how the limit was derived, for the error message
  ElementBudget* previous_;
};

/// Charges `elements` to the calling thread's budget before `what` is allocated;
/// throws nnmip::Error naming `what` when the budget is exceeded. Without a
/// budget (code outside read_onnx) it does nothing.
void charge_elements(long elements, const std::string& what);

}  // namespace nnmip::onnx_detail
