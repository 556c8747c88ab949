#include "nnmip/formats/onnx_limits.hpp"

#include <utility>

#include "nnmip/util/error.hpp"

namespace nnmip::onnx_detail {

namespace {

constexpr long kMaxCount = 1L << 62;

thread_local ElementBudget* current_budget = nullptr;

std::string megabytes(long elements) {
  return std::to_string(elements / (1L << 17)) + " MB";  // 8-byte elements
}

}  // namespace

bool multiply_counts(long a, long b, long& product) {
  return a >= 0 && b >= 0 && !__builtin_mul_overflow(a, b, &product) && product <= kMaxCount;
}

long checked_mul(long a, long b, const std::string& what) {
  long product = 0;
  if (!multiply_counts(a, b, product))
    throw Error(what + " has more than 2^62 elements (" + std::to_string(a) + " x " + std::to_string(b) +
                " overflows); its dimensions are corrupt");
  return product;
}

ElementBudget::ElementBudget(long limit, std::string reason)
    : remaining_(limit), limit_(limit), reason_(std::move(reason)), previous_(current_budget) {
  current_budget = this;
}

ElementBudget::~ElementBudget() { current_budget = previous_; }

void charge_elements(long elements, const std::string& what) {
  ElementBudget* budget = current_budget;
  if (!budget) return;
  if (elements > budget->remaining_)
    throw Error(what + " needs " + std::to_string(elements) + " values (" + megabytes(elements) +
                "), more than the reader allows for this file (" + std::to_string(budget->limit_) + " values in all, " +
                budget->reason_ +
                "); the declared sizes (input shape, tensor dims, Reshape targets) are not backed by "
                "weights in the file: check them");
  budget->remaining_ -= elements;
}

}  // namespace nnmip::onnx_detail
