#pragma once
// Reading and writing fully connected ReLU networks in ONNX.
//
// read_onnx accepts the graphs common exporters write for such networks:
//   PyTorch          Flatten, or x.view(x.size(0), -1) (Shape, Gather, Unsqueeze,
//                    Concat, Reshape), Gemm (transB 0 or 1, optional bias C), Relu
//   Keras / tf2onnx  MatMul (x W, W is inputs x outputs), Add, Relu, symbolic batch dim
//   MATLAB           Sub of a constant image mean, Flatten, MatMul, Add, Relu
//   nnet2onnx        MatMul (W x on a 1-D input, W is outputs x inputs), Add, Relu
// plus Mul/Div by constants, Identity, Dropout, Cast, Reshape, Flatten, Squeeze,
// Unsqueeze, Transpose, Constant and ConstantOfShape nodes. Everything between two
// Relus is affine and is composed into one layer (e.g. W2 (W1 (x - c) + b1) + b2
// becomes (W2 W1) x + (W2 b1 + b2 - W2 W1 c)). The part after the last Relu becomes
// the linear output layer; a graph ending in a Relu gets an identity output layer
// (weights I, bias 0), which computes the same function.
// Shape computations (Shape, Gather, Slice, Concat, ...) are evaluated with the
// batch size as the symbol N, so a Reshape to [N, -1] is a flatten; arithmetic on N
// is refused (onnx_shape_values.hpp).
// A Softmax or LogSoftmax as the last op is dropped: it keeps the argmax and the
// sign of every output difference, so the network outputs the logits instead, and
// interface().dropped_softmax says so. A Softmax anywhere else is an error.
// Weights are read as doubles from float32 or float64 tensors. The network's
// interface() records the input and output names and declared shapes (-1 for a
// symbolic dimension) and whether the weights were float32.
#include <string>

#include "nnmip/network/network.hpp"

namespace nnmip {

/// Reads the network in the ONNX file `path`. Throws nnmip::Error, prefixed with
/// the path, for unreadable or invalid files and unsupported graphs (naming the node).
Network read_onnx(const std::string& path);

/// Writes `network` as an ONNX model (opset 13) that takes and gives tensors the
/// way network.interface() says the source did: the input and output names and
/// shapes (default "input" [N, n] and "output" [N, m], N symbolic), a Flatten in
/// front of the first Gemm when the input is an image such as [N, 1, 28, 28], a
/// Reshape at the end when the declared output shape is not [N, m]. One Gemm
/// (transB = 1, weights "layerL.weight" outputs x inputs, bias "layerL.bias") per
/// layer with a Relu after each hidden one. Tensors are float32 when
/// interface().float32 (float32 rounds: see float32_rounding_change), else float64,
/// so that read_onnx gives back the exact same weights. A dropped Softmax is not
/// written back: the model outputs logits, and its doc_string and metadata
/// "outputs" say so. `producer_note` goes into doc_string and metadata "note".
void write_onnx(const Network& network, const std::string& path, const std::string& producer_note = "");

/// The largest relative change |float(w) - w| / |w| over the nonzero weights and
/// biases when they are stored as float32 (0 when all are float32 values;
/// infinity when one exceeds the float32 range).
double float32_rounding_change(const Network& network);

}  // namespace nnmip
