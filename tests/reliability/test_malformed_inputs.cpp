// The tester's malformed ONNX files and IDX folders (tests/fixtures/reliability)
// through the CLI, under a memory cap: each one gives its expected exit code and
// an error naming the file and what is wrong - never a signal, an internal error
// or a gigabyte allocation. Every fixture must have an expectation here, so a new
// reproducer without one fails the suite.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kReliability = fs::path(NNMIP_TEST_FIXTURES_DIR) / "reliability";

// What a run must give: exit code and a fragment of the output (the message
// says what is wrong; the test separately checks that it names the file).
struct Expected {
  int exit_code;
  std::string fragment;
};

std::set<std::string> entries(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

template <typename Map>
void expect_same_names(const std::set<std::string>& found, const Map& expected, const fs::path& folder) {
  for (const auto& name : found)
    EXPECT_TRUE(expected.count(name)) << folder / name << " has no expectation in this test: add one";
  for (const auto& [name, e] : expected)
    EXPECT_TRUE(found.count(name)) << "expectation for " << name << " but no such fixture in " << folder;
}

void expect_run(const std::string& arguments, const Expected& e, const std::string& file_named) {
  const auto run = nnmip::testing::run_cli(arguments, nnmip::testing::memory_cap_prefix());
  ASSERT_NE(run.exit_code, -1) << "killed by a signal: " << arguments << "\n" << run.output;
  EXPECT_EQ(run.exit_code, e.exit_code) << arguments << "\n" << run.output;
  EXPECT_NE(run.output.find(e.fragment), std::string::npos) << arguments << "\n" << run.output;
  EXPECT_NE(run.output.find(file_named), std::string::npos) << "does not name " << file_named << "\n" << run.output;
  EXPECT_EQ(run.output.find("internal error"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("out of memory"), std::string::npos) << run.output;
}

const std::map<std::string, Expected> kOnnx = {
    {"bias_len_mismatch.onnx", {1, "do not broadcast"}},
    {"bitflip_len.onnx", {1, "does not parse"}},
    {"bitflip_mid.onnx", {0, "2 hidden layers"}},  // the flip lands in a weight: still a network
    {"const_value_float_nan.onnx", {1, "NaN or infinite"}},
    {"conv.onnx", {1, "unsupported op Conv"}},
    {"custom_domain.onnx", {1, "unsupported op com.microsoft.Relu"}},
    {"cycle.onnx", {1, "input 'r' is missing"}},
    {"dangling_input.onnx", {1, "input 'nobias' is missing"}},
    {"deep_200.onnx", {0, "200 hidden layers"}},
    {"deep_nesting.onnx", {1, "0 data inputs"}},
    {"denormal_weight.onnx", {0, "2 hidden layers"}},
    {"div_by_zero_const.onnx", {1, "NaN or infinite"}},
    {"empty.onnx", {1, "the file is empty"}},
    {"external.onnx", {1, "external file"}},
    {"flatten_axis_99.onnx", {1, "axis 99 is out of range"}},
    {"float16.onnx", {1, "data type FLOAT16"}},
    {"float_count_mismatch.onnx", {1, "needs 15 values but has 14"}},
    {"gemm_1d_operand.onnx", {1, "Gemm takes 2-D operands"}},
    {"gemm_alpha_inf.onnx", {1, "NaN or infinite"}},
    {"good.onnx", {0, "3 inputs, 2 hidden layers, 2 outputs"}},
    {"graph_is_string.onnx", {1, "does not parse"}},
    {"huge_bias_dims_wrap.onnx", {1, "tensor 'b1': shape [4611686018427387904, 4, 5] has more than 2^62 elements"}},
    {"huge_init_dims_nowrap.onnx", {1, "tensor 'w1' of shape [1099511627776, 3] needs"}},
    {"huge_init_dims_wrap.onnx", {1, "tensor 'w1': shape [4611686018427387904, 4] has more than 2^62 elements"}},
    {"huge_input_dim_2e9.onnx", {1, "the input tensor [1, 2000000000] needs 2000000000 values"}},
    {"huge_input_dim_2p62.onnx", {1, "the input tensor [2147483648, 2147483648] needs"}},
    {"huge_input_dim_5e8.onnx", {1, "the input tensor [1, 500000000] needs"}},
    {"huge_input_relu_first_1e5.onnx", {1, "(Relu): the dense weight matrix of tensor [1, 100000] (100000 x 100000)"}},
    {"huge_weight_1e300.onnx", {0, "2 hidden layers"}},  // finite; the solvers handle the magnitude
    {"idx_as_onnx.onnx", {1, "does not parse"}},
    {"inf_bias.onnx", {1, "tensor 'layer2.bias' holds NaN or infinite values"}},
    {"input_dim0.onnx", {1, "has a dimension of size 0"}},
    {"input_dim_mismatch.onnx", {1, "do not chain"}},
    {"input_no_shape.onnx", {1, "has no tensor shape"}},
    {"json.onnx", {1, "does not parse"}},
    {"matmul_two_data.onnx", {1, "MatMul of two data tensors"}},
    {"maxpool.onnx", {1, "unsupported op MaxPool"}},
    {"nan_float_data.onnx", {1, "tensor 'w2' holds NaN"}},
    {"nan_weight.onnx", {1, "tensor 'layer1.weight' holds NaN"}},
    {"neg_init_dim.onnx", {1, "negative dimension"}},
    {"neginf_out_weight.onnx", {1, "tensor 'layer3.weight' holds NaN or infinite"}},
    {"no_inputs.onnx", {1, "0 data inputs"}},
    {"no_nodes.onnx", {1, "no graph nodes"}},
    {"no_outputs.onnx", {1, "0 outputs"}},
    {"output_constant.onnx", {1, "does not depend on the input"}},
    {"output_is_input.onnx", {0, "0 hidden layers"}},  // y = x: one identity layer
    {"output_not_computed.onnx", {1, "computed by no node"}},
    {"random.onnx", {1, "does not parse"}},
    {"raw_len_mismatch.onnx", {1, "needs 15 x 8 bytes of raw_data but has 100"}},
    {"relu_first_20000.onnx", {1, "(Relu): the dense weight matrix of tensor [1, 20000] (20000 x 20000)"}},
    {"relu_first_40000.onnx", {1, "(Relu): the dense weight matrix of tensor [1, 40000] (40000 x 40000)"}},
    {"reshape_from_1e300_const.onnx", {1, "(Reshape): shape ('big') holds 1.0000000000000001e+300, not an integer"}},
    {"reshape_from_nan_const.onnx", {1, "(Reshape): shape ('nanc') holds"}},
    {"reshape_huge.onnx", {1, "(Reshape): the Reshape target [4611686018427387904, 4] has more than 2^62"}},
    {"selfloop.onnx", {1, "input 'x' is missing"}},
    {"shape_mismatch.onnx", {1, "do not chain"}},
    {"sigmoid.onnx", {1, "unsupported op Sigmoid"}},
    {"single_output.onnx", {0, "1 hidden layers, 1 outputs"}},
    {"skip_connection.onnx", {1, "no skip connections"}},
    {"tanh.onnx", {1, "unsupported op Tanh"}},
    {"text.onnx", {1, "does not parse"}},
    {"transpose_bad_perm.onnx", {1, "not a permutation"}},
    {"trunc_10.onnx", {1, "does not parse"}},
    {"trunc_half.onnx", {1, "does not parse"}},
    {"trunc_minus1.onnx", {1, "does not parse"}},
    {"two_inputs.onnx", {1, "2 data inputs"}},
    {"two_outputs.onnx", {1, "2 outputs"}},
    {"unsqueeze_dup_axes.onnx", {1, "node 0 'Unsqueeze_u' (Unsqueeze): axis 0 is listed twice"}},
    {"wrap_count_add_broadcast.onnx", {1, "tensor 'bb': shape [4611686018427387905, 4] has more than 2^62"}},
    {"wrap_count_transpose_node.onnx", {1, "tensor 'w1': shape [4611686018427387905, 4] has more than 2^62"}},
    {"wrap_count_transpose_oob.onnx", {1, "tensor 'w1': shape [4611686018427387905, 4] has more than 2^62"}},
    {"zero_width.onnx", {1, "empty weight matrix"}},
    {"zero_width_hidden_only.onnx", {1, "do not chain"}},
    {"zeros.onnx", {1, "does not parse"}},
};

// The file each IDX folder gets wrong (named in the message; empty: the folder
// itself is named), and what is said.
struct ExpectedIdx {
  std::string file;
  std::string fragment;
};

const std::map<std::string, ExpectedIdx> kIdx = {
    {"bad_magic", {"train-images-idx3-ubyte", "has magic number 0x00000804, expected 0x00000803"}},
    {"count0", {"train-images-idx3-ubyte", "holds 0 images"}},
    {"count0_train_only", {"train-images-idx3-ubyte", "holds 0 images"}},
    {"count_minus1", {"train-images-idx3-ubyte", "is longer than its header says (199 x 8 x 8"}},
    {"count_plus1", {"train-images-idx3-ubyte", "is truncated: its header says 201 x 8 x 8"}},
    {"empty_images", {"train-images-idx3-ubyte", "shorter than its 16-byte header"}},
    // git keeps no empty folder, so the folder standing in for a file is made by the test.
    {"file_is_dir", {"train-images-idx3-ubyte", "exists but is not a regular file"}},
    {"gzip_bomb_count",
     {"train-images-idx3-ubyte.gz",
      "its header says 10000000 x 28 x 28 (7840000000 data bytes) but it holds only 50000000"}},
    {"gzip_corrupt", {"train-images-idx3-ubyte.gz", "corrupt gzip IDX file"}},
    {"gzip_trailing_garbage", {"train-images-idx3-ubyte.gz", "bytes after its compressed data"}},
    {"gzip_truncated", {"train-images-idx3-ubyte.gz", "is truncated"}},
    {"huge_count_4GB",
     {"train-images-idx3-ubyte", "its header says 5000000 x 28 x 28 (3920000000 data bytes) but it holds only 12800"}},
    {"huge_count_7_8GB",
     {"train-images-idx3-ubyte", "its header says 10000000 x 28 x 28 (7840000000 data bytes) but it holds only 12800"}},
    {"huge_dim_max", {"train-images-idx3-ubyte", "more than 2^33 bytes of data"}},
    {"huge_dim_over", {"train-images-idx3-ubyte", "implausible dimension 4294967295"}},
    {"huge_labels",
     {"train-labels-idx1-ubyte", "its header says 268435456 (268435456 data bytes) but it holds only 200"}},
    {"label_count_mismatch", {"train-labels-idx1-ubyte", "has 200 images but label file"}},
    {"label_gt9", {"train-labels-idx1-ubyte", "has label 12 at index 12"}},
    {"labels_header_on_images", {"train-images-idx3-ubyte", "has empty images (0x0)"}},
    {"magic_ascii", {"train-images-idx3-ubyte", "has magic number 0x47494638"}},
    {"missing_file", {"", "missing train-labels-idx1-ubyte[.gz]"}},
    {"nonsquare", {"train-images-idx3-ubyte", "non-square images (8x7)"}},
    {"rows0", {"train-images-idx3-ubyte", "has empty images (0x8)"}},
    {"side_mismatch_train_test", {"", "8-pixel train images but 7-pixel test images"}},
    {"swapped", {"train-images-idx3-ubyte", "has magic number 0x00000801"}},
    {"trailing_bytes", {"train-images-idx3-ubyte", "is longer than its header says (200 x 8 x 8"}},
    {"trunc_3bytes", {"train-images-idx3-ubyte", "shorter than its 16-byte header"}},
    {"trunc_header", {"train-images-idx3-ubyte", "shorter than its 16-byte header"}},
    {"trunc_payload", {"train-images-idx3-ubyte", "holds only 12700"}},
};

}  // namespace

TEST(MalformedInputs, EveryOnnxFixtureGivesItsExpectedResult) {
  const fs::path folder = kReliability / "malformed-onnx";
  const auto found = entries(folder);
  expect_same_names(found, kOnnx, folder);
  for (const auto& name : found) {
    const auto it = kOnnx.find(name);
    if (it == kOnnx.end()) continue;
    const std::string path = (folder / name).string();
    SCOPED_TRACE(name);
    expect_run("info --net " + path, it->second, path);
  }
}

TEST(MalformedInputs, EveryIdxFolderIsAClearErrorNamingTheFile) {
  const nnmip::testing::TempDir temp("nnmip_malformed_idx");
  const fs::path& dir = temp.path();
  const fs::path folder = kReliability / "malformed-idx";
  const auto found = entries(folder);
  expect_same_names(found, kIdx, folder);
  // eval reads both splits of --data-dir; the fixtures hold 8x8 images.
  const std::string net = (dir / "net64.onnx").string();
  const auto made =
      nnmip::testing::run_cli("random-net --inputs 64 --layers 1 --width 8 --outputs 10 --quiet --out " + net);
  ASSERT_EQ(made.exit_code, 0) << made.output;
  for (const auto& name : found) {
    const auto it = kIdx.find(name);
    if (it == kIdx.end()) continue;
    SCOPED_TRACE(name);
    fs::path data = folder / name;
    if (name == "file_is_dir") {
      data = dir / name;
      fs::copy(folder / name, data);
      fs::create_directory(data / "train-images-idx3-ubyte");
    }
    const fs::path named = it->second.file.empty() ? data : data / it->second.file;
    expect_run("eval --net " + net + " --dataset mnist --input-size 8 --data-dir " + data.string(),
               {1, it->second.fragment}, named.string());
  }
}
