#include "nnmip/formats/network_file.hpp"

#include <algorithm>
#include <cctype>

#include "nnmip/formats/nnet_io.hpp"
#include "nnmip/formats/onnx_io.hpp"

namespace nnmip {

bool is_nnet_path(const std::string& path) {
  if (path.size() < 5) return false;
  std::string extension = path.substr(path.size() - 5);
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".nnet";
}

Network read_network(const std::string& path) { return is_nnet_path(path) ? read_nnet(path) : read_onnx(path); }

void write_network(const Network& network, const std::string& path, const std::string& note) {
  if (is_nnet_path(path))
    write_nnet(network, path);
  else
    write_onnx(network, path, note);
}

}  // namespace nnmip
