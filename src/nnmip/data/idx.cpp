#include "nnmip/data/idx.hpp"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "nnmip/util/error.hpp"

namespace nnmip {
namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;
constexpr std::uint32_t kLabelsMagic = 0x00000801;

// Sequential reader over a plain or gzip file (detected by magic bytes 1f 8b).
// Gzip is inflated with zlib's stream API rather than gzread, because gzread
// silently ignores anything after the last gzip member: here such trailing
// bytes are an error (the file is not what it claims), and a member cut short
// is reported as truncation.
class ByteReader {
 public:
  explicit ByteReader(const std::string& path) : path_(path) {
    file_ = std::fopen(path.c_str(), "rb");
    if (!file_) {
      throw Error("cannot open IDX file " + path + ": check that it exists and is readable");
    }
    unsigned char magic[2] = {0, 0};
    const std::size_t got = std::fread(magic, 1, 2, file_);
    std::rewind(file_);
    gzip_ = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (gzip_ && inflateInit2(&stream_, 15 + 16) != Z_OK)  // 15 + 16: gzip wrapper, largest window
      throw Error("cannot start zlib to read gzip IDX file " + path);
  }
  ~ByteReader() {
    if (gzip_) inflateEnd(&stream_);
    std::fclose(file_);
  }
  ByteReader(const ByteReader&) = delete;
  ByteReader& operator=(const ByteReader&) = delete;

  /// For a plain file, the bytes after what was read so far (from the file
  /// size); nothing for gzip, whose decompressed size is only known by reading.
  std::optional<std::uintmax_t> plain_bytes_left() const {
    struct stat info;
    const long position = std::ftell(file_);
    if (gzip_ || position < 0 || fstat(fileno(file_), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
    const auto size = static_cast<std::uintmax_t>(info.st_size);
    return size > static_cast<std::uintmax_t>(position) ? size - position : 0;
  }

  /// Reads up to n bytes; returns how many were read (fewer only at the end).
  std::size_t read(void* buffer, std::size_t n) {
    auto* out = static_cast<unsigned char*>(buffer);
    std::size_t total = 0;
    while (total < n) {
      const std::size_t want = std::min<std::size_t>(n - total, std::size_t{1} << 26);
      const std::size_t got = gzip_ ? inflate_some(out + total, want) : read_plain(out + total, want);
      total += got;
      if (got == 0) break;
    }
    return total;
  }

 private:
  std::size_t read_plain(unsigned char* out, std::size_t n) {
    const std::size_t got = std::fread(out, 1, n, file_);
    if (got < n && std::ferror(file_)) throw Error("read error in IDX file " + path_);
    return got;
  }

  // Refills the compressed input; false at the end of the file.
  bool refill() {
    stream_.next_in = input_;
    stream_.avail_in = static_cast<uInt>(read_plain(input_, sizeof input_));
    return stream_.avail_in > 0;
  }

  // Inflates up to n bytes; 0 only at the end of the data.
  std::size_t inflate_some(unsigned char* out, std::size_t n) {
    std::size_t total = 0;
    while (total < n && !finished_) {
      if (stream_.avail_in == 0 && !refill()) {
        if (in_member_) {
          throw Error("gzip IDX file " + path_ +
                      " is truncated: its compressed data ends early; "
                      "download it again");
        }
        finished_ = true;
        break;
      }
      in_member_ = true;
      stream_.next_out = out + total;
      stream_.avail_out = static_cast<uInt>(n - total);
      const int status = inflate(&stream_, Z_NO_FLUSH);
      total = n - stream_.avail_out;
      if (status == Z_STREAM_END) {
        in_member_ = false;
        check_after_member();
      } else if (status != Z_OK && status != Z_BUF_ERROR) {
        throw Error("corrupt gzip IDX file " + path_ + ": " + (stream_.msg ? stream_.msg : "inflate error") +
                    "; download it again");
      }
    }
    return total;
  }

  // After a gzip member: the end of the file, or another member (gzip allows
  // concatenated members). Anything else is trailing garbage.
  void check_after_member() {
    if (stream_.avail_in == 0 && !refill()) {
      finished_ = true;
      return;
    }
    if (stream_.avail_in == 1) {  // need two bytes to see a gzip magic number
      input_[0] = *stream_.next_in;
      stream_.next_in = input_;
      stream_.avail_in = 1 + static_cast<uInt>(read_plain(input_ + 1, sizeof input_ - 1));
    }
    if (stream_.avail_in < 2 || stream_.next_in[0] != 0x1f || stream_.next_in[1] != 0x8b) {
      throw Error("gzip IDX file " + path_ +
                  " has bytes after its compressed data that are not gzip "
                  "data; the file is corrupt, download it again");
    }
    inflateReset(&stream_);
  }

  std::string path_;
  std::FILE* file_ = nullptr;
  bool gzip_ = false;
  z_stream stream_{};
  unsigned char input_[1 << 16];
  bool in_member_ = false;  // inside a gzip member: the file must not end here
  bool finished_ = false;
};

std::uint32_t big_endian(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

std::string hex(std::uint32_t value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%08x", value);
  return buffer;
}

// Reads the header (magic + ndims dimensions) and then exactly the payload the
// dimensions announce; checks there is nothing after it.
std::vector<std::uint8_t> read_idx(const std::string& path, std::uint32_t magic, int ndims, std::vector<int>& dims) {
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
    throw Error("IDX file " + path + " has magic number " + hex(found) + ", expected " + hex(magic) + " for an " +
                kind +
                "; check that it is an IDX file and that images and labels "
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
    // Checked as it grows: below 2^33 times a dimension below 2^28 cannot overflow.
    payload *= d;
    if (payload > (std::size_t{1} << 33)) {
      throw Error("IDX file " + path + " announces more than 2^33 bytes of data (dimension " + std::to_string(i) +
                  " is " + std::to_string(d) +
                  "), more than nnmip accepts; "
                  "the file is corrupt");
    }
  }
  if (ndims == 3 && (dims[1] == 0 || dims[2] == 0)) {
    throw Error("IDX image file " + path + " has empty images (" + std::to_string(dims[1]) + "x" +
                std::to_string(dims[2]) + "); the file is corrupt");
  }
  std::string shape;
  for (int i = 0; i < ndims; ++i) shape += (i ? " x " : "") + std::to_string(dims[i]);
  auto truncated = [&](std::uintmax_t holds) {
    return Error("IDX file " + path + " is truncated: its header says " + shape + " (" + std::to_string(payload) +
                 " data bytes) but it holds only " + std::to_string(holds) + "; download it again");
  };
  auto too_long = [&] {
    return Error("IDX file " + path + " is longer than its header says (" + shape + " = " + std::to_string(payload) +
                 " data bytes); the file is corrupt, download it again");
  };
  // The header's sizes are only trusted as far as the file backs them: a plain
  // file's size is checked before anything is allocated; gzip data is read in
  // chunks, so memory grows with the data actually there, not with the header.
  std::vector<std::uint8_t> data;
  if (const auto left = reader.plain_bytes_left()) {
    if (*left < payload) throw truncated(*left);
    if (*left > payload) throw too_long();
    data.reserve(payload);
  }
  constexpr std::size_t kChunk = std::size_t{1} << 24;
  while (data.size() < payload) {
    const std::size_t before = data.size(), want = std::min(kChunk, payload - before);
    data.resize(before + want);
    const std::size_t got = reader.read(data.data() + before, want);
    data.resize(before + got);
    if (got < want) throw truncated(data.size());
  }
  unsigned char extra;
  if (reader.read(&extra, 1) != 0) throw too_long();
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
  // A well-formed file, but a training or test set without images gives no
  // training and an accuracy of 0 (or NaN) that means nothing.
  if (raw.count == 0) {
    throw Error("IDX image file " + images_path +
                " holds 0 images (its header says so); nnmip needs at "
                "least one image in each of the train and test sets: use the dataset's full files");
  }
  const std::vector<std::uint8_t> labels = read_idx_labels(labels_path);
  if (static_cast<std::size_t>(raw.count) != labels.size()) {
    throw Error("IDX image file " + images_path + " has " + std::to_string(raw.count) + " images but label file " +
                labels_path + " has " + std::to_string(labels.size()) +
                " labels; use matching files from the same dataset split");
  }
  if (raw.rows != raw.cols) {
    throw Error("IDX image file " + images_path + " has non-square images (" + std::to_string(raw.rows) + "x" +
                std::to_string(raw.cols) + "); nnmip needs square images");
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
      throw Error("IDX label file " + labels_path + " has label " + std::to_string(labels[i]) + " at index " +
                  std::to_string(i) + "; nnmip expects labels 0..9");
    }
    dataset.labels[i] = labels[i];
  }
  return dataset;
}

DatasetSplit read_idx_folder(const std::string& folder, const std::string& how_to_fix) {
  namespace fs = std::filesystem;
  std::string missing, not_files;
  auto find = [&](const std::string& prefix, const std::string& kind) {
    // e.g. "train-images" + "idx3": train-images-idx3-ubyte[.gz] or train-images.idx3-ubyte[.gz]
    for (const char* sep : {"-", "."}) {
      for (const char* ext : {"", ".gz"}) {
        const fs::path candidate = fs::path(folder) / (prefix + sep + kind + "-ubyte" + ext);
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec)) return candidate.string();
        if (fs::exists(candidate, ec)) not_files += (not_files.empty() ? "" : ", ") + candidate.string();
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
    const std::string where =
        fs::is_directory(folder, ec) ? "missing " + missing + " in " + folder : "folder " + folder + " does not exist";
    const std::string also = not_files.empty() ? "" : " (" + not_files + " exists but is not a regular file)";
    throw Error(how_to_fix.empty() ? where + also : where + also + ". " + how_to_fix);
  }
  DatasetSplit split;
  split.train = read_idx_dataset(train_images, train_labels);
  split.test = read_idx_dataset(test_images, test_labels);
  if (split.train.side != split.test.side) {
    throw Error("IDX files in " + folder + " have " + std::to_string(split.train.side) + "-pixel train images but " +
                std::to_string(split.test.side) + "-pixel test images; use the files of one dataset");
  }
  return split;
}

}  // namespace nnmip
