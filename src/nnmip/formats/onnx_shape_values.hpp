#pragma once
// Internal to the ONNX reader: the small integer tensors exporters compute from
// tensor shapes. PyTorch writes x.view(x.size(0), -1) as
//     Shape(x) -> Gather(indices 0) -> Unsqueeze -> Concat(., [-1]) -> Reshape(x, .)
// The reader follows one sample through the graph, but the batch size N of a
// symbolic input dimension is unknown: such a "shape value" holds known integers
// and the symbol N. Gather, Slice, Concat and the reshapes move entries around
// without computing with them, so they are evaluated exactly; the Reshape target
// [N, -1] then reads "keep the batch axis, flatten the rest". Arithmetic on N
// (N * 2, ...) is not evaluated: the reader refuses it, naming the node.
#include <cstdint>
#include <string>
#include <vector>

#include "nnmip/formats/onnx_tensor.hpp"

namespace nnmip::onnx_detail {

/// The entry of a shape value that stands for the batch size N.
constexpr std::int64_t kBatchSize = INT64_MIN;

/// Where the batch axis of a data tensor is, when it is not an axis index >= 0:
/// the tensor has no symbolic dimension, or the batch was merged with other
/// dimensions (Shape of such a tensor cannot be stated with N).
constexpr std::int64_t kNoBatchAxis = -1;
constexpr std::int64_t kMergedBatchAxis = -2;

/// An integer tensor whose entries are known or N (kBatchSize); row-major.
struct ShapeValue {
  Shape shape;
  std::vector<std::int64_t> values;

  bool has_batch_size() const;
  /// The values of a shape value without N, as a constant tensor.
  Tensor to_tensor() const;
};

std::string value_string(const ShapeValue& value);  // "[N, -1]"

/// An integer read from a constant tensor (stored as double): must be a whole
/// number that fits the index arithmetic (|v| <= 2^62); else nnmip::Error naming `what`.
std::int64_t to_integer(double value, const std::string& what);

/// A constant tensor of integers as a shape value; throws nnmip::Error naming `what`
/// when a value is not an integer.
ShapeValue shape_value_of_constant(const Tensor& tensor, const std::string& what);

/// Shape(x) for a data tensor of (per-sample) shape `shape` whose batch axis is
/// `batch_axis`: the dimensions, with N at the batch axis. Throws when the batch
/// axis is kMergedBatchAxis.
ShapeValue shape_of_tensor(const Shape& shape, std::int64_t batch_axis);

/// The entries `indices` (negative: from the end) of a 1-D value; the result has
/// the shape of `indices` (a scalar index gives a scalar).
ShapeValue gather(const ShapeValue& data, const ShapeValue& indices);

/// data[start:end:step] of a 1-D value, ONNX Slice rules (negative positions
/// count from the end, positions are clamped).
ShapeValue slice(const ShapeValue& data, std::int64_t start, std::int64_t end, std::int64_t step);

/// The 1-D values one after the other.
ShapeValue concat(const std::vector<ShapeValue>& parts);

/// A Reshape target applied to a data tensor of per-sample shape `in` with batch
/// axis `in_batch_axis`: 0 copies a dimension of `in` (unless allow_zero), -1 is
/// inferred, N marks the batch axis (size 1 per sample). A -1 that absorbs the
/// batch axis and comes out as 1 (Keras' [-1, 784]) is the batch axis too.
struct ReshapeResult {
  Shape shape;
  std::int64_t batch_axis = kNoBatchAxis;
};
ReshapeResult resolve_reshape(const Shape& in, std::int64_t in_batch_axis, const std::vector<std::int64_t>& target,
                              bool allow_zero);

}  // namespace nnmip::onnx_detail
