#pragma once
// One entry point for network files: the format follows the file name's
// extension (.nnet: NNet, anything else: ONNX; see onnx_io.hpp and nnet_io.hpp).
#include <string>

#include "nnmip/network/network.hpp"

namespace nnmip {

bool is_nnet_path(const std::string& path);

/// Reads the network at `path` in the format its extension names.
Network read_network(const std::string& path);
/// Writes `network` in the format `path`'s extension names; `note` goes into
/// ONNX's doc_string (NNet has no place for it).
void write_network(const Network& network, const std::string& path, const std::string& note = "");

}  // namespace nnmip
