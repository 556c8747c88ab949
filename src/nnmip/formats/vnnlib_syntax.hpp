#pragma once
// Internal to the VNN-LIB reader: the s-expression layer, with positions.
//
//   file     = { expr }                   (read one top-level expr at a time)
//   expr     = symbol | "(" { expr } ")"
//   symbol   = a run of characters other than whitespace, "(", ")", ";"
//   comment  = ";" up to the end of the line (anywhere, also right after a token)
//
// Lines and columns count from 1; a column counts bytes (a tab is one column).
// Lists nest at most kMaxVnnlibNesting deep (the translation recurses on them).
#include <optional>
#include <string>
#include <vector>

namespace nnmip::vnnlib_detail {

inline constexpr int kMaxVnnlibNesting = 1000;

struct SourcePosition {
  int line = 1;
  int column = 1;
};

/// A symbol (`symbol` set, `items` empty) or a list (its items).
struct SExpr {
  bool is_list = false;
  std::string symbol;
  std::vector<SExpr> items;
  SourcePosition position;  // of the symbol's first character or the list's "("
};

/// Throws nnmip::Error "<source>:<line>:<column>: <message>".
[[noreturn]] void fail(const std::string& source, SourcePosition where, const std::string& message);

/// The expression as written, comments dropped and whitespace collapsed to one
/// space between items: "(<= Y_0 Y_1)".
std::string render(const SExpr& expr);

/// Reads the top-level expressions of a text one by one.
class SExprReader {
 public:
  /// `text` must outlive the reader; `source` names it in errors.
  SExprReader(const std::string& text, std::string source);

  /// The next top-level expression, or nothing at the end of the text. Throws
  /// for a ")" without its "(", a "(" never closed (at that "(") and nesting
  /// deeper than kMaxVnnlibNesting.
  std::optional<SExpr> next();

  /// Where the reader stands (after the last expression read).
  SourcePosition position() const { return position_; }

 private:
  void skip_blanks_and_comments();
  char peek() const { return text_[offset_]; }
  bool at_end() const { return offset_ >= text_.size(); }
  void advance();
  SExpr read_expr(int depth);
  SExpr read_list(int depth);
  SExpr read_symbol();

  const std::string& text_;
  std::string source_;
  std::size_t offset_ = 0;
  SourcePosition position_;
};

}  // namespace nnmip::vnnlib_detail
