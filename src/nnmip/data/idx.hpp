#pragma once
// IDX files (the MNIST / Fashion-MNIST format), plain or gzip-compressed.
// Gzip is detected by its magic bytes (1f 8b), not by the file name.
#include <cstdint>
#include <string>
#include <vector>

#include "nnmip/data/dataset.hpp"

namespace nnmip {

struct IdxImages {
  int count = 0;
  int rows = 0;
  int cols = 0;
  std::vector<std::uint8_t> pixels;  // count * rows * cols bytes, image after image, row-major
};

/// Reads an idx3-ubyte image file (magic 0x00000803). Throws nnmip::Error naming
/// the file on a wrong magic number, bad dimensions, or a file shorter or longer
/// than its dimensions say.
IdxImages read_idx_images(const std::string& path);

/// Reads an idx1-ubyte label file (magic 0x00000801), same checks.
std::vector<std::uint8_t> read_idx_labels(const std::string& path);

/// Images (scaled to [0,1], one per column) and labels (checked to be in 0..9)
/// from a pair of IDX files; throws if the counts differ.
Dataset read_idx_dataset(const std::string& images_path, const std::string& labels_path);

/// The four standard files in `folder`: {train,t10k}-{images-idx3,labels-idx1}-ubyte,
/// each optionally with ".gz" (also accepted: the "train-images.idx3-ubyte" spelling).
/// If one is missing, throws nnmip::Error listing what is missing, followed by `how_to_fix`.
DatasetSplit read_idx_folder(const std::string& folder, const std::string& how_to_fix);

}  // namespace nnmip
