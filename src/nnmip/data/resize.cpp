#include "nnmip/data/resize.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "nnmip/util/error.hpp"

namespace nnmip {
namespace {

double triangle(double x) {
  x = std::abs(x);
  return x < 1.0 ? 1.0 - x : 0.0;
}

// One separable pass over `lines` lines of `in_size` values spaced `in_stride`
// apart (consecutive lines `in_line` apart), writing the same layout for out.
void resample_pass(const ResampleCoefficients& c, int out_size, int lines, const float* in, std::ptrdiff_t in_stride,
                   std::ptrdiff_t in_line, float* out, std::ptrdiff_t out_stride, std::ptrdiff_t out_line) {
  for (int line = 0; line < lines; ++line) {
    const float* src = in + line * in_line;
    float* dst = out + line * out_line;
    for (int i = 0; i < out_size; ++i) {
      const double* w = &c.weights[static_cast<std::size_t>(i) * c.max_taps];
      const float* s = src + c.start[i] * in_stride;
      double sum = 0.0;
      for (int j = 0; j < c.size[i]; ++j) sum += w[j] * s[j * in_stride];
      dst[i * out_stride] = static_cast<float>(sum);
    }
  }
}

}  // namespace

ResampleCoefficients resample_coefficients(int in_size, int out_size) {
  if (in_size < 1 || out_size < 1) {
    throw Error("resample_coefficients: sizes must be positive (got " + std::to_string(in_size) + " -> " +
                std::to_string(out_size) + ")");
  }
  const double scale = static_cast<double>(in_size) / out_size;
  const double filter_scale = std::max(scale, 1.0);
  const double support = 1.0 * filter_scale;  // bilinear: interp_size / 2 = 1
  ResampleCoefficients c;
  c.max_taps = static_cast<int>(std::ceil(support)) * 2 + 1;
  c.start.resize(out_size);
  c.size.resize(out_size);
  c.weights.assign(static_cast<std::size_t>(out_size) * c.max_taps, 0.0);
  for (int i = 0; i < out_size; ++i) {
    const double centre = (i + 0.5) * scale;
    // Truncation toward zero as in Pillow/PyTorch; negatives are clipped to 0 anyway.
    const int xmin = std::max(static_cast<int>(centre - support + 0.5), 0);
    const int xmax = std::min(static_cast<int>(centre + support + 0.5), in_size);
    const int taps = std::min(xmax - xmin, c.max_taps);
    double* w = &c.weights[static_cast<std::size_t>(i) * c.max_taps];
    double total = 0.0;
    for (int j = 0; j < taps; ++j) {
      w[j] = triangle((j + xmin - centre + 0.5) / filter_scale);
      total += w[j];
    }
    if (total != 0.0) {
      for (int j = 0; j < taps; ++j) w[j] /= total;
    }
    c.start[i] = xmin;
    c.size[i] = taps;
  }
  return c;
}

void resize_image(const float* in, int in_h, int in_w, float* out, int out_h, int out_w) {
  const ResampleCoefficients horizontal = resample_coefficients(in_w, out_w);
  const ResampleCoefficients vertical = resample_coefficients(in_h, out_h);
  std::vector<float> temp(static_cast<std::size_t>(in_h) * out_w);
  resample_pass(horizontal, out_w, in_h, in, 1, in_w, temp.data(), 1, out_w);
  resample_pass(vertical, out_h, out_w, temp.data(), out_w, 1, out, out_w, 1);
}

Eigen::MatrixXf resize_images(const Eigen::MatrixXf& images, int in_side, int out_side) {
  if (in_side < 1 || out_side < 1) {
    throw Error("resize_images: image sides must be positive (got " + std::to_string(in_side) + " -> " +
                std::to_string(out_side) + ")");
  }
  if (images.rows() != static_cast<Eigen::Index>(in_side) * in_side) {
    throw Error("resize_images: images have " + std::to_string(images.rows()) + " pixels per column, expected " +
                std::to_string(in_side) + "x" + std::to_string(in_side));
  }
  if (in_side == out_side) return images;
  const ResampleCoefficients c = resample_coefficients(in_side, out_side);
  const Eigen::Index out_pixels = static_cast<Eigen::Index>(out_side) * out_side;
  Eigen::MatrixXf out(out_pixels, images.cols());
  std::vector<float> temp(static_cast<std::size_t>(in_side) * out_side);
  for (Eigen::Index k = 0; k < images.cols(); ++k) {
    const float* src = images.data() + k * images.rows();
    float* dst = out.data() + k * out_pixels;
    // Horizontal pass (along each row), then vertical pass (along each column).
    resample_pass(c, out_side, in_side, src, 1, in_side, temp.data(), 1, out_side);
    resample_pass(c, out_side, out_side, temp.data(), out_side, 1, dst, out_side, 1);
  }
  return out;
}

}  // namespace nnmip
