#include "nnmip/formats/affine_tensor.hpp"

#include "nnmip/formats/onnx_limits.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip::onnx_detail {

namespace {

using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMatrixMap = Eigen::Map<const RowMajorMatrix>;

/// Charges a rows x cols matrix (named `what`) to the reader's element budget.
void charge_matrix(long rows, long cols, const std::string& what) {
  charge_elements(checked_mul(rows, cols, what),
                  what + " (" + std::to_string(rows) + " x " + std::to_string(cols) + ")");
}

/// A rows x cols zero matrix, charged to the budget first.
Matrix charged_zero(long rows, long cols, const std::string& what) {
  charge_matrix(rows, cols, what);
  return Matrix::Zero(rows, cols);
}

/// Rows `rows` of (linear, offset): out element e = in element rows[e].
AffineTensor gather(const AffineTensor& x, const IndexMap& rows, const Shape& shape) {
  AffineTensor out;
  out.shape = shape;
  out.inputs = x.inputs;
  out.segment = x.segment;
  out.linear = charged_zero(static_cast<long>(rows.size()), x.inputs, "the gathered data tensor");
  out.offset.resize(static_cast<long>(rows.size()));
  for (long e = 0; e < static_cast<long>(rows.size()); ++e) {
    if (x.identity)
      out.linear(e, rows[e]) = 1.0;
    else
      out.linear.row(e) = x.linear.row(rows[e]);
    out.offset(e) = x.offset(rows[e]);
  }
  return out;
}

double apply(ElementOp op, double a, double b) {
  switch (op) {
    case ElementOp::Add: return a + b;
    case ElementOp::Sub: return a - b;
    case ElementOp::Mul: return a * b;
    default: return a / b;
  }
}

// data (op) constant, or constant (op) data when !data_first.
AffineTensor elementwise_data(ElementOp op, AffineTensor x, const Tensor& k, bool data_first) {
  if (op == ElementOp::Div && !data_first) throw Error("dividing a constant by the data tensor is not affine");
  const Shape shape = broadcast_shape(x.shape, k.shape);
  const IndexMap k_index = broadcast_index_map(shape, k.shape);
  // x + k and x - k on a tensor that does not grow keep linear = I; only the offset moves.
  if (x.identity && shape == x.shape && data_first && (op == ElementOp::Add || op == ElementOp::Sub)) {
    for (long e = 0; e < x.offset.size(); ++e) x.offset(e) = apply(op, x.offset(e), k.values[k_index[e]]);
    return x;
  }
  AffineTensor out;
  if (shape == x.shape) {  // x does not grow: start from a copy
    out = std::move(x);
    if (out.identity) out.linear = out.dense_linear();
    out.identity = false;
  } else {
    out = gather(x, broadcast_index_map(shape, x.shape), shape);
  }
  for (long e = 0; e < out.offset.size(); ++e) {
    const double c = k.values[k_index[e]];
    switch (op) {
      case ElementOp::Add: out.offset(e) += c; break;
      case ElementOp::Sub:  // x - c, or c - x = -x + c
        if (data_first)
          out.offset(e) -= c;
        else {
          out.linear.row(e) *= -1.0;
          out.offset(e) = c - out.offset(e);
        }
        break;
      case ElementOp::Mul:
        out.linear.row(e) *= c;
        out.offset(e) *= c;
        break;
      case ElementOp::Div:
        out.linear.row(e) /= c;
        out.offset(e) /= c;
        break;
    }
  }
  return out;
}

// The operands of a matmul, 1-D ones promoted: a is [...batch_a, m, k], b is [...batch_b, k, n].
struct MatmulShapes {
  Shape batch, batch_a, batch_b, out;
  long m = 0, k = 0, n = 0;
};

MatmulShapes matmul_shapes(Shape a, Shape b) {
  if (a.empty() || b.empty()) throw Error("MatMul of a scalar");
  const bool a_vector = a.size() == 1, b_vector = b.size() == 1;
  if (a_vector) a.insert(a.begin(), 1);  // [k] -> [1, k]
  if (b_vector) b.push_back(1);          // [k] -> [k, 1]
  MatmulShapes s;
  s.m = a[a.size() - 2];
  s.k = a.back();
  s.n = b.back();
  if (b[b.size() - 2] != s.k)
    throw Error("MatMul operands do not chain: " + shape_string(a) + " times " + shape_string(b) + " (" +
                std::to_string(s.k) + " columns against " + std::to_string(b[b.size() - 2]) + " rows)");
  s.batch_a.assign(a.begin(), a.end() - 2);
  s.batch_b.assign(b.begin(), b.end() - 2);
  s.batch = broadcast_shape(s.batch_a, s.batch_b);
  s.out = s.batch;
  if (!a_vector) s.out.push_back(s.m);
  if (!b_vector) s.out.push_back(s.n);
  return s;
}

// data x [.., m, k] times constant w [.., k, n]: out(i, :) = w^T x(i, :) for each row i.
AffineTensor matmul_data_constant(const AffineTensor& x, const Tensor& w, const MatmulShapes& s) {
  const IndexMap bx = broadcast_index_map(s.batch, s.batch_a), bw = broadcast_index_map(s.batch, s.batch_b);
  AffineTensor out;
  out.shape = s.out;
  out.inputs = x.inputs;
  out.segment = x.segment;
  out.linear = charged_zero(element_count(s.out), x.inputs, "the MatMul result");
  out.offset.resize(element_count(s.out));
  for (long b = 0; b < static_cast<long>(bx.size()); ++b) {
    const ConstMatrixMap wb(w.values.data() + bw[b] * s.k * s.n, s.k, s.n);
    for (long i = 0; i < s.m; ++i) {
      const long in_row = (bx[b] * s.m + i) * s.k, out_row = (b * s.m + i) * s.n;
      // The k entries x(b, i, :) are consecutive rows in row-major order.
      if (x.identity)
        out.linear.block(out_row, in_row, s.n, s.k) = wb.transpose();
      else
        out.linear.middleRows(out_row, s.n).noalias() = wb.transpose() * x.linear.middleRows(in_row, s.k);
      out.offset.segment(out_row, s.n).noalias() = wb.transpose() * x.offset.segment(in_row, s.k);
    }
  }
  return out;
}

// constant w [.., m, k] times data x [.., k, n]: out(:, j) = w x(:, j) for each column j.
AffineTensor matmul_constant_data(const Tensor& w, const AffineTensor& x, const MatmulShapes& s) {
  const IndexMap bw = broadcast_index_map(s.batch, s.batch_a), bx = broadcast_index_map(s.batch, s.batch_b);
  AffineTensor out;
  out.shape = s.out;
  out.inputs = x.inputs;
  out.segment = x.segment;
  out.linear = charged_zero(element_count(s.out), x.inputs, "the MatMul result");
  out.offset.resize(element_count(s.out));
  for (long b = 0; b < static_cast<long>(bx.size()); ++b) {
    const ConstMatrixMap wb(w.values.data() + bw[b] * s.m * s.k, s.m, s.k);
    for (long j = 0; j < s.n; ++j) {
      // x(b, t, j) for t = 0..k-1 sits at row (bx[b] k + t) n + j.
      std::vector<long> rows(s.k);
      for (long t = 0; t < s.k; ++t) rows[t] = (bx[b] * s.k + t) * s.n + j;
      for (long i = 0; i < s.m; ++i) {
        const long out_row = (b * s.m + i) * s.n + j;
        double offset = 0.0;
        for (long t = 0; t < s.k; ++t) offset += wb(i, t) * x.offset(rows[t]);
        out.offset(out_row) = offset;
        // With linear = I, row rows[t] of x is the unit vector e_{rows[t]}.
        if (x.identity)
          for (long t = 0; t < s.k; ++t) out.linear(out_row, rows[t]) = wb(i, t);
      }
      if (!x.identity) {
        charge_matrix(s.k + s.m, x.inputs, "a MatMul column");
        Matrix column_linear(s.k, x.inputs);
        for (long t = 0; t < s.k; ++t) column_linear.row(t) = x.linear.row(rows[t]);
        const Matrix product = wb * column_linear;
        for (long i = 0; i < s.m; ++i) out.linear.row((b * s.m + i) * s.n + j) = product.row(i);
      }
    }
  }
  return out;
}

Tensor matmul_constants(const Tensor& a, const Tensor& c, const MatmulShapes& s) {
  const IndexMap ba = broadcast_index_map(s.batch, s.batch_a), bc = broadcast_index_map(s.batch, s.batch_b);
  charge_elements(element_count(s.out), "the constant MatMul result " + shape_string(s.out));
  Tensor out{s.out, std::vector<double>(element_count(s.out))};
  for (long b = 0; b < static_cast<long>(ba.size()); ++b) {
    const ConstMatrixMap ab(a.values.data() + ba[b] * s.m * s.k, s.m, s.k);
    const ConstMatrixMap cb(c.values.data() + bc[b] * s.k * s.n, s.k, s.n);
    Eigen::Map<RowMajorMatrix>(out.values.data() + b * s.m * s.n, s.m, s.n) = ab * cb;
  }
  return out;
}

}  // namespace

AffineTensor AffineTensor::input(const Shape& shape, int segment) {
  AffineTensor z;
  z.shape = shape;
  z.inputs = element_count(shape);
  charge_elements(z.inputs, "the input tensor " + shape_string(shape));
  z.offset = Vector::Zero(z.inputs);
  z.identity = true;
  z.segment = segment;
  return z;
}

Matrix AffineTensor::dense_linear() const {
  // The identity of a segment input is only materialized here (a Relu right
  // after the input or after another Relu): n x n values from an n-value shape.
  charge_matrix(identity ? inputs : linear.rows(), inputs, "the dense weight matrix of tensor " + shape_string(shape));
  return identity ? Matrix(Matrix::Identity(inputs, inputs)) : linear;
}

const Shape& shape_of(const Value& v) {
  return std::visit([](const auto& t) -> const Shape& { return t.shape; }, v);
}

Value reshaped(Value v, const Shape& shape) {
  if (element_count(shape) != element_count(shape_of(v)))
    throw Error("cannot reshape " + shape_string(shape_of(v)) + " to " + shape_string(shape));
  std::visit([&](auto& t) { t.shape = shape; }, v);
  return v;
}

Value transposed(const Value& v, const std::vector<std::int64_t>& perm) {
  const Shape shape = transposed_shape(shape_of(v), perm);
  const IndexMap map = transpose_index_map(shape_of(v), perm);
  if (const auto* x = std::get_if<AffineTensor>(&v)) return gather(*x, map, shape);
  const Tensor& t = std::get<Tensor>(v);
  charge_elements(static_cast<long>(map.size()), "the transposed constant " + shape_string(shape));
  Tensor out{shape, std::vector<double>(map.size())};
  for (std::size_t e = 0; e < map.size(); ++e) out.values[e] = t.values[map[e]];
  return out;
}

Value matmul(const Value& a, const Value& b) {
  const MatmulShapes s = matmul_shapes(shape_of(a), shape_of(b));
  const auto* xa = std::get_if<AffineTensor>(&a);
  const auto* xb = std::get_if<AffineTensor>(&b);
  if (xa && xb) throw Error("MatMul of two data tensors is not affine");
  if (xa) return matmul_data_constant(*xa, std::get<Tensor>(b), s);
  if (xb) return matmul_constant_data(std::get<Tensor>(a), *xb, s);
  return matmul_constants(std::get<Tensor>(a), std::get<Tensor>(b), s);
}

Value elementwise(ElementOp op, Value a, Value b) {
  auto* xa = std::get_if<AffineTensor>(&a);
  auto* xb = std::get_if<AffineTensor>(&b);
  if (xa && xb) throw Error("both operands are data tensors (a skip connection?); nnmip reads plain chains");
  if (xa) return elementwise_data(op, std::move(*xa), std::get<Tensor>(b), true);
  if (xb) return elementwise_data(op, std::move(*xb), std::get<Tensor>(a), false);
  const Tensor &ta = std::get<Tensor>(a), &tb = std::get<Tensor>(b);
  const Shape shape = broadcast_shape(ta.shape, tb.shape);
  const IndexMap ia = broadcast_index_map(shape, ta.shape), ib = broadcast_index_map(shape, tb.shape);
  charge_elements(static_cast<long>(ia.size()), "the constant " + shape_string(shape));
  Tensor out{shape, std::vector<double>(ia.size())};
  for (std::size_t e = 0; e < ia.size(); ++e) out.values[e] = apply(op, ta.values[ia[e]], tb.values[ib[e]]);
  return out;
}

}  // namespace nnmip::onnx_detail
