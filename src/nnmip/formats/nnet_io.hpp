#pragma once
// Reading and writing networks in the NNet format (Reluplex / ACAS Xu; also the
// NeuralVerification.jl variant whose header gives the layer count on its own line).
//
// A .nnet file stores normalised layers: the network evaluates
//   x' = (clip(x, mins, maxes) - means[0..n-1]) / ranges[0..n-1]
//   y  = ranges[n] * layers(x') + means[n]
// read_nnet folds both affine maps into the first and last layers, so the
// Network computes y from raw inputs exactly as the file's evaluator does on
// [mins, maxes]; the clip becomes NetworkInterface::input_range_{lower,upper}.
// write_nnet writes the layers with zero means and unit ranges (the input range,
// when the network has one, as mins/maxes; else a large symmetric range), so
// read_nnet(write_nnet(N)) computes N.
#include <string>

#include "nnmip/network/network.hpp"

namespace nnmip {

/// Throws nnmip::Error "<path>:<line>: ..." for unreadable or malformed files.
Network read_nnet(const std::string& path);
void write_nnet(const Network& network, const std::string& path);

}  // namespace nnmip
