#pragma once
// Antialiased bilinear resizing, as torchvision's Resize(antialias=True) does on
// float tensors (PyTorch's _upsample_bilinear2d_aa, which follows Pillow's
// ImagingResample): separable, horizontal pass then vertical pass, each output
// pixel a normalised weighted sum of input pixels under a triangle filter whose
// support is widened by the scale factor when downscaling. Computed on the float
// values (no rounding to bytes), so [0,1] inputs stay in [0,1].
#include <Eigen/Dense>
#include <vector>

namespace nnmip {

/// The taps of one resampling pass from in_size to out_size pixels: output
/// pixel i is sum_{j < size[i]} weights[i * max_taps + j] * input[start[i] + j].
struct ResampleCoefficients {
  std::vector<int> start;
  std::vector<int> size;
  std::vector<double> weights;  // out_size * max_taps, each row sums to 1
  int max_taps = 0;
};

/// Pillow's precompute_coeffs for the bilinear (triangle) filter, align_corners=false:
/// scale = in/out, support = scale (1 when upscaling), centre = (i + 0.5) * scale,
/// taps x in [trunc(centre - support + 0.5), trunc(centre + support + 0.5)) clipped
/// to the image, weight = triangle((x - centre + 0.5) / max(scale, 1)), normalised.
ResampleCoefficients resample_coefficients(int in_size, int out_size);

/// Resizes one row-major in_h x in_w image to out_h x out_w (horizontal pass first).
void resize_image(const float* in, int in_h, int in_w, float* out, int out_h, int out_w);

/// Resizes every column (a row-major in_side x in_side image) to out_side x out_side.
/// Throws nnmip::Error if sizes are not positive or the row count is not in_side^2.
Eigen::MatrixXf resize_images(const Eigen::MatrixXf& images, int in_side, int out_side);

}  // namespace nnmip
