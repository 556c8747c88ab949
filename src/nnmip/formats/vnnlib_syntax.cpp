#include "nnmip/formats/vnnlib_syntax.hpp"

#include <utility>

#include "nnmip/util/error.hpp"

namespace nnmip::vnnlib_detail {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool ends_symbol(char c) { return is_blank(c) || c == '(' || c == ')' || c == ';'; }

}  // namespace

void fail(const std::string& source, SourcePosition where, const std::string& message) {
  throw Error(source + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": " + message);
}

std::string render(const SExpr& expr) {
  if (!expr.is_list) return expr.symbol;
  std::string text = "(";
  for (std::size_t i = 0; i < expr.items.size(); ++i) {
    if (i > 0) text += ' ';
    text += render(expr.items[i]);
  }
  return text + ")";
}

SExprReader::SExprReader(const std::string& text, std::string source) : text_(text), source_(std::move(source)) {}

void SExprReader::advance() {
  if (text_[offset_] == '\n') {
    ++position_.line;
    position_.column = 1;
  } else {
    ++position_.column;
  }
  ++offset_;
}

void SExprReader::skip_blanks_and_comments() {
  while (!at_end()) {
    if (is_blank(peek())) {
      advance();
    } else if (peek() == ';') {
      while (!at_end() && peek() != '\n') advance();
    } else {
      return;
    }
  }
}

std::optional<SExpr> SExprReader::next() {
  skip_blanks_and_comments();
  if (at_end()) return std::nullopt;
  return read_expr(0);
}

SExpr SExprReader::read_expr(int depth) {
  if (peek() == ')') fail(source_, position_, "this ')' closes nothing: remove it or add the '(' it belongs to");
  if (peek() == '(') return read_list(depth + 1);
  return read_symbol();
}

SExpr SExprReader::read_list(int depth) {
  SExpr list;
  list.is_list = true;
  list.position = position_;
  if (depth > kMaxVnnlibNesting)
    fail(source_, position_, "parentheses nest deeper than " + std::to_string(kMaxVnnlibNesting) + " levels");
  advance();  // "("
  for (;;) {
    skip_blanks_and_comments();
    if (at_end())
      fail(source_, list.position, "this '(' is never closed: a ')' is missing (before the end of the input)");
    if (peek() == ')') break;
    list.items.push_back(read_expr(depth));
  }
  advance();  // ")"
  return list;
}

SExpr SExprReader::read_symbol() {
  SExpr symbol;
  symbol.position = position_;
  const std::size_t start = offset_;
  while (!at_end() && !ends_symbol(peek())) advance();
  symbol.symbol = text_.substr(start, offset_ - start);
  return symbol;
}

}  // namespace nnmip::vnnlib_detail
