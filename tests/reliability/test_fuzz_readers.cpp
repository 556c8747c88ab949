// A deterministic fuzz smoke of the readers (slow-ish: a few seconds): a few
// hundred files mutated from fixed seeds - bit flips, truncations, inserted
// bytes, integer fields set to extreme values - from the good ONNX fixture and
// from a tiny IDX set written here, read in-process. The property: a valid
// network / dataset or an nnmip::Error, never another exception or a crash, and
// never "out of memory" (the readers bound what a small file may allocate, so
// running out would mean a bound is missing).
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>
#include <sys/resource.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "nnmip/data/idx.hpp"
#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/util/error.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_bytes(const fs::path& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

Bytes gzip(const Bytes& bytes) {
  uLongf size = compressBound(bytes.size()) + 32;
  Bytes out(size);
  z_stream s{};
  deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  s.next_in = const_cast<Bytes::value_type*>(bytes.data());
  s.avail_in = static_cast<uInt>(bytes.size());
  s.next_out = out.data();
  s.avail_out = static_cast<uInt>(out.size());
  deflate(&s, Z_FINISH);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

// Values that break size arithmetic: 0, 1, signed and unsigned extremes, 2^k and 2^k + 1.
std::uint64_t extreme_value(std::mt19937_64& rng) {
  static const std::uint64_t values[] = {0,
                                         1,
                                         2,
                                         255,
                                         20000,
                                         1u << 28,
                                         (1ull << 31) - 1,
                                         1ull << 31,
                                         0xffffffffull,
                                         1ull << 32,
                                         (1ull << 62) + 1,
                                         1ull << 62,
                                         ~0ull,
                                         ~0ull - 1};
  return values[rng() % std::size(values)];
}

// One random byte-level mutation: flip bits, truncate, insert bytes, or
// overwrite a field with an extreme value (big-endian 32-bit for IDX headers,
// a protobuf varint for ONNX).
Bytes mutate(Bytes bytes, std::mt19937_64& rng, bool varint_fields) {
  if (bytes.empty()) return bytes;
  const auto at = [&] { return static_cast<std::size_t>(rng() % bytes.size()); };
  switch (rng() % 4) {
    case 0:
      for (int flips = 1 + static_cast<int>(rng() % 8); flips-- > 0;) bytes[at()] ^= std::uint8_t(1u << (rng() % 8));
      break;
    case 1: bytes.resize(at()); break;
    case 2: {
      const std::size_t pos = at();
      for (int n = 1 + static_cast<int>(rng() % 16); n-- > 0;) bytes.insert(bytes.begin() + pos, std::uint8_t(rng()));
      break;
    }
    default: {
      std::uint64_t value = extreme_value(rng);
      Bytes field;
      if (varint_fields) {
        do {
          field.push_back(std::uint8_t((value & 0x7f) | (value > 0x7f ? 0x80 : 0)));
          value >>= 7;
        } while (value);
      } else {
        for (int b = 3; b >= 0; --b) field.push_back(std::uint8_t(value >> (8 * b)));
      }
      const std::size_t pos = at();
      for (std::size_t i = 0; i < field.size() && pos + i < bytes.size(); ++i) bytes[pos + i] = field[i];
    }
  }
  return bytes;
}

// Structured ONNX mutations: a dimension of the input, of an initializer, or an
// integer attribute set to an extreme value; parsing and re-serializing keeps
// the rest of the model valid, so the reader gets past the protobuf layer.
Bytes mutate_model(const onnx::ModelProto& good, std::mt19937_64& rng) {
  onnx::ModelProto model = good;
  auto* graph = model.mutable_graph();
  const auto value = static_cast<std::int64_t>(extreme_value(rng));
  switch (rng() % 3) {
    case 0: {
      auto* shape = graph->mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape();
      if (shape->dim_size() > 0) shape->mutable_dim(static_cast<int>(rng() % shape->dim_size()))->set_dim_value(value);
      break;
    }
    case 1: {
      if (graph->initializer_size() == 0) break;
      auto* init = graph->mutable_initializer(static_cast<int>(rng() % graph->initializer_size()));
      if (init->dims_size() > 0) init->set_dims(static_cast<int>(rng() % init->dims_size()), value);
      if (rng() % 2) init->add_dims(value);
      break;
    }
    default: {
      auto* node = graph->mutable_node(static_cast<int>(rng() % graph->node_size()));
      auto* attribute = node->add_attribute();
      const char* names[] = {"transA", "transB", "axis", "perm", "axes"};
      attribute->set_name(names[rng() % 5]);
      attribute->set_i(value);
      attribute->add_ints(value);
      attribute->add_ints(static_cast<std::int64_t>(rng() % 3));
    }
  }
  std::string text;
  model.SerializeToString(&text);
  return Bytes(text.begin(), text.end());
}

// Caps this process's address space at 2 GB, so that a GB-scale allocation
// fails (bad_alloc) instead of succeeding by overcommit. Not under
// AddressSanitizer, whose shadow memory needs a huge address space: there
// ASAN_OPTIONS=max_allocation_size_mb does the same job.
void cap_memory() {
#if !defined(__SANITIZE_ADDRESS__)
  rlimit limit{};
  getrlimit(RLIMIT_AS, &limit);
  limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, rlim_t{2} << 30);
  setrlimit(RLIMIT_AS, &limit);
#endif
}

struct Outcomes {
  int valid = 0;
  int errors = 0;
};

// Runs `read`, which must succeed or throw nnmip::Error (not "out of memory").
template <typename Read>
void expect_valid_or_error(const std::string& what, Read read, Outcomes& outcomes) {
  try {
    read();
    ++outcomes.valid;
  } catch (const nnmip::Error& e) {
    ++outcomes.errors;
    EXPECT_EQ(std::string(e.what()).find("out of memory"), std::string::npos) << what << ": " << e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << ": not an nnmip::Error but " << typeid(e).name() << ": " << e.what();
  }
}

Bytes idx(std::uint32_t magic, const std::vector<std::uint32_t>& dims, const Bytes& payload) {
  Bytes bytes;
  auto put = [&](std::uint32_t v) {
    for (int b = 3; b >= 0; --b) bytes.push_back(std::uint8_t(v >> (8 * b)));
  };
  put(magic);
  for (auto d : dims) put(d);
  bytes.insert(bytes.end(), payload.begin(), payload.end());
  return bytes;
}

}  // namespace

TEST(FuzzReaders, MutatedOnnxFilesGiveANetworkOrAnError) {
  cap_memory();
  const nnmip::testing::TempDir dir("nnmip_fuzz_onnx");
  const Bytes good = read_bytes(fs::path(NNMIP_TEST_FIXTURES_DIR) / "reliability" / "malformed-onnx" / "good.onnx");
  ASSERT_FALSE(good.empty());
  onnx::ModelProto model;
  ASSERT_TRUE(model.ParseFromArray(good.data(), static_cast<int>(good.size())));
  const fs::path file = dir.path() / "mutant.onnx";
  std::mt19937_64 rng(20240611);
  Outcomes outcomes;
  for (int i = 0; i < 400; ++i) {
    const Bytes mutant = i % 2 ? mutate(good, rng, true) : mutate_model(model, rng);
    write_bytes(file, mutant);
    expect_valid_or_error(
        "ONNX mutant " + std::to_string(i),
        [&] {
          const nnmip::Network network = nnmip::read_onnx(file.string());
          EXPECT_GT(network.input_size(), 0);
        },
        outcomes);
  }
  // The mutations reach both outcomes (a fuzzer whose mutants all fail to parse tests little).
  EXPECT_GT(outcomes.valid, 20);
  EXPECT_GT(outcomes.errors, 100);
}

TEST(FuzzReaders, MutatedIdxFilesGiveADatasetOrAnError) {
  cap_memory();
  const nnmip::testing::TempDir dir("nnmip_fuzz_idx");
  Bytes pixels(5 * 4 * 4), labels(5);
  for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = std::uint8_t(i * 7);
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = std::uint8_t(i % 10);
  const Bytes images_file = idx(0x803, {5, 4, 4}, pixels), labels_file = idx(0x801, {5}, labels);
  const fs::path images = dir.path() / "images", label_path = dir.path() / "labels";
  std::mt19937_64 rng(7);
  Outcomes outcomes;
  for (int i = 0; i < 400; ++i) {
    // Mutate the images or the labels file, plain or gzip (the mutation applies
    // to the IDX bytes, or to the compressed bytes).
    const bool mutate_images = i % 2 == 0, compressed = i % 4 >= 2, mutate_compressed = i % 8 >= 4;
    Bytes target = mutate_images ? images_file : labels_file;
    if (compressed && mutate_compressed)
      target = mutate(gzip(target), rng, false);
    else if (compressed)
      target = gzip(mutate(target, rng, false));
    else
      target = mutate(target, rng, false);
    write_bytes(images, mutate_images ? target : images_file);
    write_bytes(label_path, mutate_images ? labels_file : target);
    expect_valid_or_error(
        "IDX mutant " + std::to_string(i),
        [&] {
          const nnmip::Dataset data = nnmip::read_idx_dataset(images.string(), label_path.string());
          EXPECT_GT(data.count(), 0);
          EXPECT_EQ(data.images.cols(), data.count());
          EXPECT_EQ(data.images.rows(), data.side * data.side);
          for (int label : data.labels) EXPECT_TRUE(label >= 0 && label <= 9);
        },
        outcomes);
  }
  EXPECT_GT(outcomes.valid, 20);
  EXPECT_GT(outcomes.errors, 100);
}
