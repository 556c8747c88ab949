// read_nnet / write_nnet: the NNet text format (see nnet_io.hpp and docs/formats.md).
//
// The file, after its "//" comment lines (values comma-separated, a trailing comma allowed):
//   L, n, m, maxLayerSize          (NeuralVerification.jl variant: L alone)
//   n0 = n, n1, ..., nL = m        (L + 1 layer sizes)
//   flag                           (unused)
//   mins (n), maxes (n)            the input clip
//   means (n + 1), ranges (n + 1)  input normalisation, then one pair for all outputs
//   per layer l = 1..L: n_l rows of n_{l-1} weights, then n_l lines of one bias each.
// The variant's five lines after the sizes (flag .. ranges) are skipped, as
// NeuralVerification.jl's reader skips them: its files write "0" there, which
// read as mins = maxes = 0 would clip every input to 0.
#include "nnmip/formats/nnet_io.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <new>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

// ------------------------------------------------------------------ the text

/// A line that holds values: its 1-based number and its text (trimmed).
struct ValueLine {
  int number = 0;
  std::string_view text;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

/// Calls visit(field) for each comma-separated field of `line`, trimmed; a
/// trailing comma ends the line (it adds no empty field).
template <typename Visit>
void for_each_field(std::string_view line, Visit visit) {
  for (std::size_t start = 0;;) {
    const std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      if (start == 0 || start < line.size()) visit(trimmed(line.substr(start)));
      return;
    }
    visit(trimmed(line.substr(start, comma - start)));
    start = comma + 1;
  }
}

/// The number of fields, counted without storing them (a line may be huge).
std::size_t field_count(std::string_view line) {
  std::size_t count = 0;
  for_each_field(line, [&](std::string_view) { ++count; });
  return count;
}

std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> fields;
  for_each_field(line, [&](std::string_view field) { fields.push_back(field); });
  return fields;
}

/// The file's text, walked line by line; every error names the path and a line.
class NNetText {
 public:
  NNetText(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
    if (text_.starts_with("\xEF\xBB\xBF")) position_ = 3;  // a UTF-8 byte-order mark
  }

  const std::string& path() const { return path_; }
  long bytes() const { return static_cast<long>(text_.size()); }

  [[noreturn]] void fail(int line, const std::string& what) const {
    throw Error(path_ + ":" + std::to_string(line) + ": " + what);
  }

  /// Skips blank lines and the "//" comment lines of the header.
  void skip_comments() {
    while (!at_end() && peek().starts_with("//")) take();
  }

  /// The next non-blank line, split into fields; `expected` says what it should
  /// hold, for the error when the file ends first.
  ValueLine next(const std::string& expected) {
    if (at_end())
      fail(line_ + 1, "the file ends where " + expected +
                          " should be: the file is truncated, or its sizes line declares more than it holds");
    const std::string_view line = take();
    return ValueLine{line_, line};
  }

  /// True when only blank lines remain (they are skipped).
  bool at_end() {
    while (position_ < text_.size() && trimmed(current_line()).empty()) take();
    return position_ >= text_.size();
  }
  /// The number of the next line that holds something (after at_end() said false).
  int next_line_number() const { return line_ + 1; }

 private:
  std::string_view current_line() const {
    const std::size_t end = text_.find('\n', position_);
    return std::string_view(text_).substr(position_, end == std::string::npos ? std::string::npos : end - position_);
  }
  std::string_view peek() { return trimmed(current_line()); }
  std::string_view take() {
    const std::string_view line = current_line();
    position_ += line.size() + 1;
    ++line_;
    return trimmed(line);
  }

  std::string path_;
  std::string text_;
  std::size_t position_ = 0;
  int line_ = 0;  // the number of the last line taken
};

// ------------------------------------------------------------------ values

std::string quoted(std::string_view field) {
  constexpr std::size_t kShown = 40;
  std::string text = "'";
  text.append(field.substr(0, kShown));
  text.append(field.size() > kShown ? "...'" : "'");
  return text;
}

/// The shortest decimal that reads back as exactly the same double.
std::string exact_decimal(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

/// A finite double; strict (the whole field is the number, an optional '+'),
/// locale-independent. `what` (and `position`, from 1, when positive) name the
/// value in the error message.
double parse_number(const NNetText& text, int line, std::string_view field, const std::string& what, int position = 0) {
  const auto fail = [&](const std::string& problem) {
    text.fail(line, (position > 0 ? "value " + std::to_string(position) + " of " : std::string()) + what + " is " +
                        quoted(field) + problem);
  };
  const bool plus = field.starts_with('+');
  const std::string_view digits = plus ? field.substr(1) : field;
  double value = 0.0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  const bool whole = !digits.empty() && !(plus && digits.starts_with('-')) && end == digits.data() + digits.size();
  if (!whole || (error != std::errc() && error != std::errc::result_out_of_range)) fail(", not a number");
  // Too large (an error below) or too small (a subnormal or zero: strtod's value).
  if (error == std::errc::result_out_of_range) value = std::strtod(std::string(digits).c_str(), nullptr);
  if (!std::isfinite(value)) fail(": NaN, infinite and out-of-range values cannot be used");
  return value;
}

/// A positive integer (a layer count or size).
int parse_count(const NNetText& text, int line, std::string_view field, const std::string& what) {
  int value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (field.empty() || end != field.data() + field.size() || error != std::errc())
    text.fail(line, what + " is " + quoted(field) + ", not an integer");
  if (value <= 0) text.fail(line, what + " is " + std::to_string(value) + "; it must be at least 1");
  return value;
}

/// Checks that `line` holds exactly `count` values.
void expect_count(const NNetText& text, const ValueLine& line, std::size_t count, const std::string& what) {
  const std::size_t found = field_count(line.text);
  if (found == count) return;
  text.fail(line.number, "expected " + std::to_string(count) + (count == 1 ? " value" : " values") + " (" + what +
                             "), found " + std::to_string(found) +
                             (found < count ? ": values are missing" : ": remove the extra values"));
}

/// A line of numbers and its number.
struct NumberLine {
  int number = 0;
  Vector values;
};

/// The next line as exactly `count` finite numbers.
NumberLine read_numbers(NNetText& text, int count, const std::string& what) {
  const ValueLine line = text.next(what);
  expect_count(text, line, static_cast<std::size_t>(count), what);
  Vector values(count);
  int k = 0;
  for_each_field(line.text, [&](std::string_view field) {
    values(k) = parse_number(text, line.number, field, what, count > 1 ? k + 1 : 0);
    ++k;
  });
  return NumberLine{line.number, std::move(values)};
}

// ------------------------------------------------------------------ header

struct Header {
  std::vector<int> sizes;  // n0 (inputs), n1, ..., nL (outputs)
  bool normalised = true;  // false: the NeuralVerification.jl variant, whose normalisation lines are skipped
  int sizes_line = 0;
};

void read_sizes(NNetText& text, int layers, Header& header) {
  const ValueLine line = text.next("the layer sizes");
  expect_count(text, line, static_cast<std::size_t>(layers) + 1,
               "the input size and the sizes of the " + std::to_string(layers) + " layers");
  header.sizes_line = line.number;
  const std::vector<std::string_view> fields = fields_of(line.text);
  for (std::size_t k = 0; k < fields.size(); ++k)
    header.sizes.push_back(
        parse_count(text, line.number, fields[k],
                    k == 0 ? std::string("the input size") : "the size of layer " + std::to_string(k)));
}

/// "L, n, m, maxLayerSize" (or "L" alone), then the sizes line; the two must agree.
Header read_header(NNetText& text) {
  const ValueLine first = text.next("the header line 'layers,inputs,outputs,maxLayerSize'");
  const std::size_t count = field_count(first.text);
  if (count != 1 && count != 4)
    text.fail(first.number,
              "expected the header line 'layers,inputs,outputs,maxLayerSize' (or the layer count "
              "alone), found " +
                  std::to_string(count) + " values");
  const std::vector<std::string_view> fields = fields_of(first.text);
  const int layers = parse_count(text, first.number, fields[0], "the layer count");
  Header header;
  header.normalised = count == 4;
  read_sizes(text, layers, header);
  if (!header.normalised) return header;
  const int inputs = parse_count(text, first.number, fields[1], "the input size");
  const int outputs = parse_count(text, first.number, fields[2], "the output size");
  parse_count(text, first.number, fields[3], "the largest layer size");
  if (inputs != header.sizes.front() || outputs != header.sizes.back())
    text.fail(first.number, "the header declares " + std::to_string(inputs) + " inputs and " + std::to_string(outputs) +
                                " outputs but the sizes line (line " + std::to_string(header.sizes_line) +
                                ") starts with " + std::to_string(header.sizes.front()) + " and ends with " +
                                std::to_string(header.sizes.back()) + "; make them agree");
  return header;
}

/// Every value takes at least one byte of the file, so a file cannot declare
/// more values than it has bytes: checked before anything is allocated.
void check_sizes_fit_file(const NNetText& text, const Header& header) {
  const long inputs = header.sizes.front();
  long values = header.normalised ? 4 * inputs + 2 : 0;
  for (std::size_t l = 1; l < header.sizes.size() && values <= text.bytes(); ++l)
    values += static_cast<long>(header.sizes[l]) * (static_cast<long>(header.sizes[l - 1]) + 1);
  if (values > text.bytes())
    text.fail(header.sizes_line, "the layer sizes declare more values than the file's " + std::to_string(text.bytes()) +
                                     " bytes can hold: the sizes are wrong or the file is truncated");
}

// ------------------------------------------------------------------ normalisation

/// x' = (clip(x, mins, maxes) - input_means) / input_ranges;  y = output_range * y' + output_mean.
struct Normalisation {
  Vector mins, maxes, input_means, input_ranges;
  double output_mean = 0.0;
  double output_range = 1.0;
};

Normalisation read_normalisation(NNetText& text, int inputs) {
  const ValueLine flag = text.next("the (unused) flag line");
  expect_count(text, flag, 1, "the unused flag, usually 0");
  parse_number(text, flag.number, fields_of(flag.text)[0], "the flag");

  Normalisation norm;
  norm.mins = read_numbers(text, inputs, "the input minimums").values;
  const NumberLine maxes = read_numbers(text, inputs, "the input maximums");
  norm.maxes = maxes.values;
  for (int i = 0; i < inputs; ++i)
    if (norm.mins(i) > norm.maxes(i))
      text.fail(maxes.number, "input " + std::to_string(i + 1) + " has maximum " + exact_decimal(norm.maxes(i)) +
                                  " below its minimum " + exact_decimal(norm.mins(i)) +
                                  "; a range needs minimum <= maximum");
  const Vector means = read_numbers(text, inputs + 1, "the means of the inputs, then one for the outputs").values;
  const NumberLine range_line = read_numbers(text, inputs + 1, "the ranges of the inputs, then one for the outputs");
  const Vector& ranges = range_line.values;
  for (int i = 0; i <= inputs; ++i)
    if (!(ranges(i) > 0.0))
      text.fail(range_line.number, "range " + std::to_string(i + 1) + " is " + exact_decimal(ranges(i)) +
                                       "; ranges divide the inputs and scale the outputs, so they must be positive");
  norm.input_means = means.head(inputs);
  norm.input_ranges = ranges.head(inputs);
  norm.output_mean = means(inputs);
  norm.output_range = ranges(inputs);
  return norm;
}

/// The variant's flag, mins, maxes, means and ranges lines, which its reader ignores.
void skip_unused_lines(NNetText& text) {
  for (const char* what :
       {"the flag line", "the minimums line", "the maximums line", "the means line", "the ranges line"}) {
    const ValueLine line = text.next(std::string(what) + " (unused in this variant, usually 0)");
    for_each_field(line.text, [&](std::string_view field) { parse_number(text, line.number, field, what); });
  }
}

// First layer, on x' = D (c - mu) with c = clip(x), D = diag(1 / ranges), mu = means:
//   W x' + b = (W D) c + (b - (W D) mu),
// so its weights become W_ij / range_j (one rounding each) and its bias b - W' mu.
void fold_input_normalisation(Layer& first, const Normalisation& norm) {
  for (Eigen::Index j = 0; j < first.weights.cols(); ++j) first.weights.col(j) /= norm.input_ranges(j);
  first.bias -= first.weights * norm.input_means;
}

// Last layer, y = r (W h + b) + m = (r W) h + (r b + m).
void fold_output_normalisation(Layer& last, const Normalisation& norm) {
  last.weights *= norm.output_range;
  last.bias = norm.output_range * last.bias + Vector::Constant(last.bias.size(), norm.output_mean);
}

// ------------------------------------------------------------------ layers

Layer read_layer(NNetText& text, int index, int inputs, int outputs) {
  const auto neuron = [&](int i) { return "neuron " + std::to_string(i + 1) + " of layer " + std::to_string(index); };
  Layer layer{Matrix(outputs, inputs), Vector(outputs)};
  for (int i = 0; i < outputs; ++i)
    layer.weights.row(i) = read_numbers(text, inputs, "the weights of " + neuron(i)).values.transpose();
  for (int i = 0; i < outputs; ++i) layer.bias(i) = read_numbers(text, 1, "the bias of " + neuron(i)).values(0);
  return layer;
}

void expect_end(NNetText& text, int layers) {
  if (text.at_end()) return;
  text.fail(text.next_line_number(), "unexpected content after the biases of the last layer (layer " +
                                         std::to_string(layers) + "): remove it, or fix the sizes line");
}

std::string read_text(const std::string& path) {
  if (std::filesystem::is_directory(path)) throw Error(path + ": is a folder, not a .nnet file");
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Error(path + ": cannot open the file: " + std::strerror(errno));
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

Network parse_nnet(NNetText text) {
  text.skip_comments();
  const Header header = read_header(text);
  check_sizes_fit_file(text, header);
  std::optional<Normalisation> norm;
  if (header.normalised)
    norm = read_normalisation(text, header.sizes.front());
  else
    skip_unused_lines(text);

  std::vector<Layer> layers;
  for (std::size_t l = 1; l < header.sizes.size(); ++l)
    layers.push_back(read_layer(text, static_cast<int>(l), header.sizes[l - 1], header.sizes[l]));
  expect_end(text, static_cast<int>(layers.size()));

  NetworkInterface interface;
  if (norm) {
    fold_input_normalisation(layers.front(), *norm);
    fold_output_normalisation(layers.back(), *norm);
    interface.input_range_lower = norm->mins;
    interface.input_range_upper = norm->maxes;
  }
  try {
    Network network(std::move(layers));
    network.set_interface(std::move(interface));
    return network;
  } catch (const Error& e) {
    throw Error(text.path() + ": the layers with the normalisation folded in are not usable: " + e.what());
  }
}

// ------------------------------------------------------------------ writing

// With no input range, mins/maxes of -/+1e30: no input a network is evaluated on
// comes near, so nothing is clipped, and the value is finite for every reader.
constexpr double kUnclippedInputBound = 1e30;

/// Values on one line, each followed by a comma (readers derived from the NNet
/// repository's drop the last field, so the trailing comma is required).
template <typename Values>
void write_line(std::string& out, const Values& values) {
  for (Eigen::Index k = 0; k < values.size(); ++k) out += exact_decimal(values(k)) + ",";
  out += "\n";
}

void write_ints(std::string& out, const std::vector<int>& values) {
  for (int v : values) out += std::to_string(v) + ",";
  out += "\n";
}

}  // namespace

Network read_nnet(const std::string& path) {
  try {
    return parse_nnet(NNetText(path, read_text(path)));
  } catch (const std::bad_alloc&) {
    throw Error(path + ": out of memory while reading the network; it is too large for the memory available");
  }
}

void write_nnet(const Network& network, const std::string& path) {
  if (network.num_layers() == 0) throw Error("cannot write '" + path + "' as NNet: the network has no layers");
  const int n = network.input_size();
  const NetworkInterface& interface = network.interface();
  const bool has_range = interface.input_range_lower && interface.input_range_upper;
  if (has_range && (interface.input_range_lower->size() != n || interface.input_range_upper->size() != n))
    throw Error("cannot write '" + path + "' as NNet: the network's input range does not have its " +
                std::to_string(n) + " inputs");
  // No range, or an infinite end of one, clips nothing: written as the unclipped bound.
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  const Vector mins =
      (has_range ? *interface.input_range_lower : Vector::Constant(n, -kInfinity)).cwiseMax(-kUnclippedInputBound);
  const Vector maxes =
      (has_range ? *interface.input_range_upper : Vector::Constant(n, kInfinity)).cwiseMin(kUnclippedInputBound);

  std::vector<int> sizes = {n};
  for (const Layer& layer : network.layers()) sizes.push_back(layer.outputs());

  std::string out;
  out += "// A ReLU network written by nnmip: ReLU on every layer but the last.\n";
  out += "// Means 0 and ranges 1: the layers act on raw inputs and give raw outputs.\n";
  out += has_range ? "// Input mins/maxes: the network's input range.\n"
                   : "// Input mins/maxes: -/+1e30 (the network has no input range; this clips nothing).\n";
  out += std::to_string(network.num_layers()) + "," + std::to_string(n) + "," + std::to_string(network.output_size()) +
         "," + std::to_string(*std::max_element(sizes.begin(), sizes.end())) + ",\n";
  write_ints(out, sizes);
  out += "0,\n";
  write_line(out, mins);
  write_line(out, maxes);
  write_line(out, Vector::Zero(n + 1));
  write_line(out, Vector::Ones(n + 1));
  for (const Layer& layer : network.layers()) {
    for (Eigen::Index i = 0; i < layer.weights.rows(); ++i) write_line(out, layer.weights.row(i));
    for (Eigen::Index i = 0; i < layer.bias.size(); ++i) out += exact_decimal(layer.bias(i)) + ",\n";
  }
  write_file_atomically(path, out);
}

}  // namespace nnmip
