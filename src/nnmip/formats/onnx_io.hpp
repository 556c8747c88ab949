#pragma once
// Reading and writing fully connected ReLU networks in ONNX.
//
// read_onnx accepts the graphs common exporters write for such networks:
//   PyTorch          Flatten, Gemm (transB 0 or 1, optional bias C), Relu
//   Keras / tf2onnx  MatMul (x W, W is inputs x outputs), Add, Relu, symbolic batch dim
//   MATLAB           Sub of a constant image mean, Flatten, MatMul, Add, Relu
//   nnet2onnx        MatMul (W x on a 1-D input, W is outputs x inputs), Add, Relu
// plus Mul/Div by constants, Identity, Dropout, Reshape, Flatten, Squeeze,
// Unsqueeze, Transpose and Constant nodes. Everything between two Relus is
// affine and is composed into one layer (e.g. W2 (W1 (x - c) + b1) + b2 becomes
// (W2 W1) x + (W2 b1 + b2 - W2 W1 c)). The part after the last Relu becomes the
// linear output layer; a graph ending in a Relu gets an identity output layer
// (weights I, bias 0), which computes the same function.
// Weights are read as doubles from float32 or float64 tensors.
#include <string>

#include "nnmip/network/network.hpp"

namespace nnmip {

/// Reads the network in the ONNX file `path`. Throws nnmip::Error, prefixed with
/// the path, for unreadable or invalid files and unsupported graphs (naming the node).
Network read_onnx(const std::string& path);

/// Writes `network` as an ONNX model (opset 13): input "input" of shape [N, n]
/// (N symbolic), one Gemm (transB = 1, weights "layerL.weight" outputs x inputs,
/// bias "layerL.bias") per layer with a Relu after each hidden one, output
/// "output" of shape [N, m]. Tensors are float64, so read_onnx gives back the
/// exact same weights. `producer_note` goes into doc_string and metadata "note".
void write_onnx(const Network& network, const std::string& path, const std::string& producer_note = "");

}  // namespace nnmip
