#pragma once
// Reading and writing networks in the NNet format (Reluplex / ACAS Xu; also the
// NeuralVerification.jl variant whose header gives the layer count on its own line).
//
// A .nnet file stores normalised layers: the network evaluates
//   x' = (clip(x, mins, maxes) - means[0..n-1]) / ranges[0..n-1]
//   y  = ranges[n] * layers(x') + means[n]
// read_nnet folds both affine maps into the first and last layers, so the
// Network computes y from raw inputs as the file's evaluator does on [mins, maxes]
// (up to the rounding of the folded weights); the clip becomes
// NetworkInterface::input_range_{lower,upper}.
// In the NeuralVerification.jl variant the five lines after the sizes (flag,
// mins, maxes, means, ranges; "0" in its files) are skipped as its reader skips
// them: no normalisation, no input range.
// write_nnet writes the layers with zero means and unit ranges (the input range,
// when the network has one, as mins/maxes; else -/+1e30, which clips nothing),
// values as the shortest decimals that read back exactly, so
// read_nnet(write_nnet(N)) has N's weights bit for bit. See docs/formats.md.
#include <string>

#include "nnmip/network/network.hpp"

namespace nnmip {

/// Throws nnmip::Error "<path>:<line>: ..." for unreadable or malformed files.
Network read_nnet(const std::string& path);
void write_nnet(const Network& network, const std::string& path);

}  // namespace nnmip
