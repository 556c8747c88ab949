#include "nnmip/data/idx.hpp"

#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "nnmip/util/error.hpp"

namespace nnmip {
namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;
constexpr std::uint32_t kLabelsMagic = 0x00000801;

// Sequential reader over a plain or gzip file (detected by magic bytes 1f 8b).
class ByteReader {
 public:
  explicit ByteReader(const std::string& path) : path_(path) {
    std::FILE* probe = std::fopen(path.c_str(), "rb");
    if (!probe) {
      throw Error("cannot open IDX file " + path + ": check that it exists and is readable");
    }
    unsigned char magic[2] = {0, 0};
    const std::size_t got = std::fread(magic, 1, 2, probe);
    gzip_ = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (gzip_) {
      std::fclose(probe);
      gz_ = gzopen(path.c_str(), "rb");
      if (!gz_) throw Error("cannot open gzip IDX file " + path);
      gzbuffer(gz_, 1 << 20);
    } else {
      std::rewind(probe);
      file_ = probe;
    }
  }
  ~ByteReader() {
    if (gz_) gzclose(gz_);
    if (file_) std::fclose(file_);
  }
  ByteReader(const ByteReader&) = delete;
  ByteReader& operator=(const ByteReader&) = delete;

  /// Reads up to n bytes; returns how many were read (fewer only at the end).
  std::size_t read(void* buffer, std::size_t n) {
    auto* out = static_cast<unsigned char*>(buffer);
    std::size_t total = 0;
    while (total < n) {
      const std::size_t want = std::min<std::size_t>(n - total, std::size_t{1} << 26);
      std::size_t got = 0;
      if (gzip_) {
        const int r = gzread(gz_, out + total, static_cast<unsigned>(want));
        if (r < 0) {
          int code = 0;
          const char* message = gzerror(gz_, &code);
          throw Error("corrupt gzip IDX file " + path_ + ": " + (message ? message : "read error") +
                      "; download it again");
        }
        got = static_cast<std::size_t>(r);
      } else {
        got = std::fread(out + total, 1, want, file_);
        if (got < want && std::ferror(file_)) throw Error("read error in IDX file " + path_);
      }
      total += got;
      if (got < want) break;
    }
    return total;
  }

 private:
  std::string path_;
  bool gzip_ = false;
  gzFile gz_ = nullptr;
  std::FILE* file_ = nullptr;
};

std::uint32_t big_endian(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

std::string hex(std::uint32_t value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%08x", value);
  return buffer;
}

// Reads the header (magic + ndims dimensions) and then exactly the payload the
// dimensions announce; checks there is nothing after it.
std::vector<std::uint8_t> read_idx(const std::string& path, std::uint32_t magic, int ndims,
                                   std::vector<int>& dims) {
  ByteReader reader(path);
  const char* kind = magic == kImagesMagic ? "image file (idx3-ubyte)" : "label file (idx1-ubyte)";
  const std::size_t header_size = 4 + 4 * static_cast<std::size_t>(ndims);
  unsigned char header[16];
  auto truncated_header = [&] {
    return Error("IDX " + std::string(kind) + " " + path + " is truncated: shorter than its " +
                 std::to_string(header_size) + "-byte header; download it again");
  };
  // The magic number first, so that a wrong kind of file is reported as such.
  if (reader.read(header, 4) != 4) throw truncated_header();
  const std::uint32_t found = big_endian(header);
  if (found != magic) {
    throw Error("IDX file " + path + " has magic number " + hex(found) + ", expected " + hex(magic) +
                " for an " + kind + "; check that it is an IDX file and that images and labels "
                "files are not swapped");
  }
  if (reader.read(header + 4, header_size - 4) != header_size - 4) throw truncated_header();
  dims.assign(ndims, 0);
  std::size_t payload = 1;
  for (int i = 0; i < ndims; ++i) {
    const std::uint32_t d = big_endian(header + 4 + 4 * i);
    if (d > (1u << 28)) {
      throw Error("IDX file " + path + " has an implausible dimension " + std::to_string(d) +
                  "; the file is corrupt, download it again");
    }
    dims[i] = static_cast<int>(d);
    payload *= d;
  }
  if (ndims == 3 && (dims[1] == 0 || dims[2] == 0)) {
    throw Error("IDX image file " + path + " has empty images (" + std::to_string(dims[1]) + "x" +
                std::to_string(dims[2]) + "); the file is corrupt");
  }
  if (payload > (std::size_t{1} << 33)) {
    throw Error("IDX file " + path + " announces " + std::to_string(payload) +
                " bytes of data, more than nnmip accepts; the file is corrupt");
  }
  std::vector<std::uint8_t> data(payload);
  const std::size_t got = reader.read(data.data(), payload);
  std::string shape;
  for (int i = 0; i < ndims; ++i) shape += (i ? " x " : "") + std::to_string(dims[i]);
  if (got != payload) {
    throw Error("IDX file " + path + " is truncated: its header says " + shape + " (" +
                std::to_string(payload) + " data bytes) but it holds only " + std::to_string(got) +
                "; download it again");
  }
  unsigned char extra;
  if (reader.read(&extra, 1) != 0) {
    throw Error("IDX file " + path + " is longer than its header says (" + shape + " = " +
                std::to_string(payload) + " data bytes); the file is corrupt, download it again");
  }
  return data;
}

}  // namespace

IdxImages read_idx_images(const std::string& path) {
  std::vector<int> dims;
  IdxImages images;
  images.pixels = read_idx(path, kImagesMagic, 3, dims);
  images.count = dims[0];
  images.rows = dims[1];
  images.cols = dims[2];
  return images;
}

std::vector<std::uint8_t> read_idx_labels(const std::string& path) {
  std::vector<int> dims;
  return read_idx(path, kLabelsMagic, 1, dims);
}

Dataset read_idx_dataset(const std::string& images_path, const std::string& labels_path) {
  const IdxImages raw = read_idx_images(images_path);
  const std::vector<std::uint8_t> labels = read_idx_labels(labels_path);
  if (static_cast<std::size_t>(raw.count) != labels.size()) {
    throw Error("IDX image file " + images_path + " has " + std::to_string(raw.count) +
                " images but label file " + labels_path + " has " + std::to_string(labels.size()) +
                " labels; use matching files from the same dataset split");
  }
  if (raw.rows != raw.cols) {
    throw Error("IDX image file " + images_path + " has non-square images (" +
                std::to_string(raw.rows) + "x" + std::to_string(raw.cols) +
                "); nnmip needs square images");
  }
  Dataset dataset;
  dataset.side = raw.rows;
  const Eigen::Index pixels = static_cast<Eigen::Index>(raw.rows) * raw.cols;
  dataset.images.resize(pixels, raw.count);
  const float scale = 1.0f / 255.0f;
  float* out = dataset.images.data();  // column-major: image after image
  for (std::size_t i = 0; i < raw.pixels.size(); ++i) out[i] = raw.pixels[i] * scale;
  dataset.labels.resize(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] > 9) {
      throw Error("IDX label file " + labels_path + " has label " + std::to_string(labels[i]) +
                  " at index " + std::to_string(i) + "; nnmip expects labels 0..9");
    }
    dataset.labels[i] = labels[i];
  }
  return dataset;
}

DatasetSplit read_idx_folder(const std::string& folder, const std::string& how_to_fix) {
  namespace fs = std::filesystem;
  std::string missing;
  auto find = [&](const std::string& prefix, const std::string& kind) {
    // e.g. "train-images" + "idx3": train-images-idx3-ubyte[.gz] or train-images.idx3-ubyte[.gz]
    for (const char* sep : {"-", "."}) {
      for (const char* ext : {"", ".gz"}) {
        const fs::path candidate = fs::path(folder) / (prefix + sep + kind + "-ubyte" + ext);
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec)) return candidate.string();
      }
    }
    missing += (missing.empty() ? "" : ", ") + prefix + "-" + kind + "-ubyte[.gz]";
    return std::string();
  };
  const std::string train_images = find("train-images", "idx3");
  const std::string train_labels = find("train-labels", "idx1");
  const std::string test_images = find("t10k-images", "idx3");
  const std::string test_labels = find("t10k-labels", "idx1");
  if (!missing.empty()) {
    std::error_code ec;
    const std::string where = fs::is_directory(folder, ec)
                                  ? "missing " + missing + " in " + folder
                                  : "folder " + folder + " does not exist";
    throw Error(how_to_fix.empty() ? where : where + ". " + how_to_fix);
  }
  DatasetSplit split;
  split.train = read_idx_dataset(train_images, train_labels);
  split.test = read_idx_dataset(test_images, test_labels);
  if (split.train.side != split.test.side) {
    throw Error("IDX files in " + folder + " have " + std::to_string(split.train.side) +
                "-pixel train images but " + std::to_string(split.test.side) +
                "-pixel test images; use the files of one dataset");
  }
  return split;
}

}  // namespace nnmip
