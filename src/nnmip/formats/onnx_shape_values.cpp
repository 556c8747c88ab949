#include "nnmip/formats/onnx_shape_values.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "nnmip/formats/onnx_limits.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip::onnx_detail {

std::int64_t to_integer(double value, const std::string& what) {
  if (!(std::abs(value) <= 0x1p62) || value != std::trunc(value)) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);
    throw Error(what + " holds " + text + ", not an integer in [-2^62, 2^62]");
  }
  return static_cast<std::int64_t>(value);
}

bool ShapeValue::has_batch_size() const { return std::find(values.begin(), values.end(), kBatchSize) != values.end(); }

Tensor ShapeValue::to_tensor() const {
  if (has_batch_size()) throw Error("internal error: the shape value " + value_string(*this) + " holds N");
  return Tensor{shape, std::vector<double>(values.begin(), values.end())};
}

std::string value_string(const ShapeValue& value) {
  std::string s = "[";
  for (std::size_t i = 0; i < value.values.size(); ++i)
    s += (i ? ", " : "") + (value.values[i] == kBatchSize ? std::string("N") : std::to_string(value.values[i]));
  return s + "]";
}

ShapeValue shape_value_of_constant(const Tensor& tensor, const std::string& what) {
  ShapeValue value{tensor.shape, {}};
  for (double v : tensor.values) value.values.push_back(to_integer(v, what));
  return value;
}

ShapeValue shape_of_tensor(const Shape& shape, std::int64_t batch_axis) {
  if (batch_axis == kMergedBatchAxis)
    throw Error(
        "the shape of a tensor whose batch dimension was merged with others (by a Reshape, Flatten or "
        "MatMul) is not a whole multiple of N that nnmip can state; take the shape before that op");
  ShapeValue value{{static_cast<std::int64_t>(shape.size())}, shape};
  if (batch_axis >= 0) value.values.at(batch_axis) = kBatchSize;
  return value;
}

namespace {

void require_vector(const ShapeValue& value, const std::string& op) {
  if (value.shape.size() != 1)
    throw Error(op + " of the rank-" + std::to_string(value.shape.size()) + " value " + value_string(value) +
                "; nnmip evaluates " + op + " on 1-D shape tensors only");
}

}  // namespace

ShapeValue gather(const ShapeValue& data, const ShapeValue& indices) {
  require_vector(data, "Gather");
  const auto size = static_cast<std::int64_t>(data.values.size());
  ShapeValue out{indices.shape, {}};
  for (std::int64_t index : indices.values) {
    if (index == kBatchSize || index < -size || index >= size)
      throw Error("Gather index " + value_string(ShapeValue{{}, {index}}) + " is out of range for " +
                  value_string(data));
    out.values.push_back(data.values[index < 0 ? index + size : index]);
  }
  return out;
}

ShapeValue slice(const ShapeValue& data, std::int64_t start, std::int64_t end, std::int64_t step) {
  require_vector(data, "Slice");
  if (step == 0) throw Error("Slice with step 0");
  const auto size = static_cast<std::int64_t>(data.values.size());
  // Negative positions count from the end; then clamp to [0, size] going forward
  // and to [-1, size - 1] going backward (ONNX Slice).
  const auto position = [&](std::int64_t p) {
    if (p < 0) p = p < -size ? -1 : p + size;
    return step > 0 ? std::clamp<std::int64_t>(p, 0, size) : std::clamp<std::int64_t>(p, -1, size - 1);
  };
  ShapeValue out{{0}, {}};
  for (std::int64_t i = position(start), stop = position(end); step > 0 ? i < stop : i > stop; i += step)
    out.values.push_back(data.values[i]);
  out.shape[0] = static_cast<std::int64_t>(out.values.size());
  return out;
}

ShapeValue concat(const std::vector<ShapeValue>& parts) {
  ShapeValue out{{0}, {}};
  for (const ShapeValue& part : parts) {
    require_vector(part, "Concat");
    out.values.insert(out.values.end(), part.values.begin(), part.values.end());
  }
  out.shape[0] = static_cast<std::int64_t>(out.values.size());
  return out;
}

ReshapeResult resolve_reshape(const Shape& in, std::int64_t in_batch_axis, const std::vector<std::int64_t>& target,
                              bool allow_zero) {
  ReshapeResult result;
  const std::string target_text = value_string(ShapeValue{{static_cast<std::int64_t>(target.size())}, target});
  long known = 1;
  int infer = -1;
  for (std::size_t i = 0; i < target.size(); ++i) {
    std::int64_t d = target[i];
    const bool copies = d == 0 && !allow_zero;
    if (copies && i >= in.size())
      throw Error("Reshape copies dimension " + std::to_string(i) + " of a rank-" + std::to_string(in.size()) +
                  " tensor");
    if (d == kBatchSize || (copies && static_cast<std::int64_t>(i) == in_batch_axis)) {
      if (result.batch_axis >= 0) throw Error("the Reshape target " + target_text + " holds the batch size twice");
      result.batch_axis = static_cast<std::int64_t>(i);
      d = 1;  // one sample
    } else if (copies) {
      d = in[i];
    }
    if (d == -1) {
      if (infer >= 0) throw Error("Reshape has two -1 dimensions");
      infer = static_cast<int>(i);
    } else if (d < 0) {
      throw Error("Reshape to a negative dimension in " + target_text);
    } else {
      known = checked_mul(known, static_cast<long>(d), "the Reshape target " + target_text);
    }
    result.shape.push_back(d);
  }
  if (infer >= 0) {
    if (known == 0 || element_count(in) % known != 0)
      throw Error("cannot reshape " + shape_string(in) + " to " + target_text);
    result.shape[infer] = element_count(in) / known;
    // [-1, 784] on a batch of 784-vectors: the -1 is the batch.
    if (in_batch_axis >= 0 && result.batch_axis < 0 && result.shape[infer] == 1) result.batch_axis = infer;
  }
  if (in_batch_axis != kNoBatchAxis && result.batch_axis < 0) result.batch_axis = kMergedBatchAxis;
  return result;
}

}  // namespace nnmip::onnx_detail
