#include "nnmip/formats/onnx_tensor.hpp"

#include <onnx/onnx_pb.h>

#include <bit>
#include <cmath>
#include <cstring>

#include "nnmip/formats/onnx_limits.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip::onnx_detail {

long element_count(const Shape& shape) {
  long count = 1;
  for (std::int64_t d : shape)
    if (!multiply_counts(count, static_cast<long>(d), count))
      throw Error("shape " + shape_string(shape) + " has more than 2^62 elements; its dimensions are corrupt");
  return count;
}

std::string shape_string(const Shape& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

namespace {

// Decodes `count` little-endian values of type T from raw_data.
template <typename T>
std::vector<double> decode_raw(const std::string& raw, long count) {
  std::vector<double> values(count);
  for (long i = 0; i < count; ++i) {
    unsigned char bytes[sizeof(T)];
    std::memcpy(bytes, raw.data() + i * sizeof(T), sizeof(T));
    if constexpr (std::endian::native == std::endian::big)
      for (std::size_t b = 0; b < sizeof(T) / 2; ++b) std::swap(bytes[b], bytes[sizeof(T) - 1 - b]);
    T value;
    std::memcpy(&value, bytes, sizeof(T));
    values[i] = static_cast<double>(value);
  }
  return values;
}

template <typename Field>
std::vector<double> copy_field(const Field& field) {
  return std::vector<double>(field.begin(), field.end());
}

}  // namespace

Tensor read_tensor(const onnx::TensorProto& proto) {
  const std::string what = "tensor '" + proto.name() + "'";
  if (proto.data_location() == onnx::TensorProto_DataLocation_EXTERNAL)
    throw Error(what + " keeps its data in an external file, which nnmip does not read");
  Tensor tensor;
  for (std::int64_t d : proto.dims()) {
    if (d < 0) throw Error(what + " has a negative dimension");
    tensor.shape.push_back(d);
  }
  long count = 0;
  try {
    count = element_count(tensor.shape);
  } catch (const Error& e) {
    throw Error(what + ": " + e.what());
  }
  const bool raw = proto.has_raw_data();
  // Bytes per element in raw_data, and how many values the typed field holds.
  std::size_t elem_size = 0;
  long stored = 0;
  switch (proto.data_type()) {
    case onnx::TensorProto_DataType_FLOAT: elem_size = 4, stored = proto.float_data_size(); break;
    case onnx::TensorProto_DataType_DOUBLE: elem_size = 8, stored = proto.double_data_size(); break;
    case onnx::TensorProto_DataType_INT32: elem_size = 4, stored = proto.int32_data_size(); break;
    case onnx::TensorProto_DataType_INT64: elem_size = 8, stored = proto.int64_data_size(); break;
    default:
      throw Error(what + " has data type " + onnx::TensorProto_DataType_Name(proto.data_type()) +
                  "; nnmip reads FLOAT, DOUBLE, INT32 and INT64 tensors");
  }
  // The element count the dims declare must match the values stored, before
  // anything of that size is allocated: the stored bytes are what justify it.
  if (raw) {
    const std::size_t bytes = proto.raw_data().size();
    if (bytes % elem_size != 0 || static_cast<long>(bytes / elem_size) != count)
      throw Error(what + " of shape " + shape_string(tensor.shape) + " needs " + std::to_string(count) + " x " +
                  std::to_string(elem_size) + " bytes of raw_data but has " + std::to_string(bytes));
  } else if (stored != count) {
    throw Error(what + " of shape " + shape_string(tensor.shape) + " needs " + std::to_string(count) +
                " values but has " + std::to_string(stored));
  }
  charge_elements(count, what);
  if (raw) {
    switch (proto.data_type()) {
      case onnx::TensorProto_DataType_FLOAT: tensor.values = decode_raw<float>(proto.raw_data(), count); break;
      case onnx::TensorProto_DataType_DOUBLE: tensor.values = decode_raw<double>(proto.raw_data(), count); break;
      case onnx::TensorProto_DataType_INT32: tensor.values = decode_raw<std::int32_t>(proto.raw_data(), count); break;
      default: tensor.values = decode_raw<std::int64_t>(proto.raw_data(), count); break;
    }
  } else {
    switch (proto.data_type()) {
      case onnx::TensorProto_DataType_FLOAT: tensor.values = copy_field(proto.float_data()); break;
      case onnx::TensorProto_DataType_DOUBLE: tensor.values = copy_field(proto.double_data()); break;
      case onnx::TensorProto_DataType_INT32: tensor.values = copy_field(proto.int32_data()); break;
      default: tensor.values = copy_field(proto.int64_data()); break;
    }
  }
  for (double v : tensor.values)
    if (!std::isfinite(v)) throw Error(what + " holds NaN or infinite values");
  return tensor;
}

Shape broadcast_shape(const Shape& a, const Shape& b) {
  const std::size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (std::size_t i = 0; i < rank; ++i) {
    // Right-aligned: dimension i of the output is dimension i - (rank - size) of each input.
    const std::int64_t da = i + a.size() >= rank ? a[i + a.size() - rank] : 1;
    const std::int64_t db = i + b.size() >= rank ? b[i + b.size() - rank] : 1;
    if (da != db && da != 1 && db != 1)
      throw Error("shapes " + shape_string(a) + " and " + shape_string(b) + " do not broadcast");
    out[i] = da == 1 ? db : da;
  }
  return out;
}

IndexMap broadcast_index_map(const Shape& out, const Shape& in) {
  const std::size_t rank = out.size();
  // Row-major strides of `in`, aligned to the right of `out`; 0 where `in` stretches.
  std::vector<long> stride(rank, 0);
  long s = 1;
  for (std::size_t k = 0; k < in.size(); ++k) {
    const std::size_t i_in = in.size() - 1 - k, i_out = rank - 1 - k;
    stride[i_out] = in[i_in] == 1 ? 0 : s;
    s *= static_cast<long>(in[i_in]);
  }
  charge_elements(element_count(out), "the broadcast to " + shape_string(out));
  IndexMap map(element_count(out));
  std::vector<std::int64_t> index(rank, 0);
  for (long e = 0; e < static_cast<long>(map.size()); ++e) {
    long source = 0;
    for (std::size_t i = 0; i < rank; ++i) source += index[i] * stride[i];
    map[e] = source;
    for (std::size_t i = rank; i-- > 0;) {  // next row-major index
      if (++index[i] < out[i]) break;
      index[i] = 0;
    }
  }
  return map;
}

Shape transposed_shape(const Shape& in, const std::vector<std::int64_t>& perm) {
  std::vector<bool> seen(in.size(), false);
  if (perm.size() != in.size()) throw Error("transpose perm does not match rank " + std::to_string(in.size()));
  Shape out(in.size());
  for (std::size_t i = 0; i < perm.size(); ++i) {
    if (perm[i] < 0 || perm[i] >= static_cast<std::int64_t>(in.size()) || seen[perm[i]])
      throw Error("transpose perm is not a permutation of the axes");
    seen[perm[i]] = true;
    out[i] = in[perm[i]];
  }
  return out;
}

IndexMap transpose_index_map(const Shape& in, const std::vector<std::int64_t>& perm) {
  const Shape out = transposed_shape(in, perm);
  const std::size_t rank = in.size();
  std::vector<long> in_stride(rank, 1);
  for (std::size_t i = rank; i-- > 1;) in_stride[i - 1] = in_stride[i] * static_cast<long>(in[i]);
  charge_elements(element_count(out), "the transpose to " + shape_string(out));
  IndexMap map(element_count(out));
  std::vector<std::int64_t> index(rank, 0);  // index into `out`
  for (long e = 0; e < static_cast<long>(map.size()); ++e) {
    long source = 0;
    for (std::size_t i = 0; i < rank; ++i) source += index[i] * in_stride[perm[i]];
    map[e] = source;
    for (std::size_t i = rank; i-- > 0;) {
      if (++index[i] < out[i]) break;
      index[i] = 0;
    }
  }
  return map;
}

}  // namespace nnmip::onnx_detail
