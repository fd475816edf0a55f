#include "test_selection.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <system_error>
#include <utility>
#include <vector>

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "cli_common.h"

namespace yaral::cli {
namespace {

namespace fs = std::filesystem;

using Predicate = std::function<bool(std::string_view)>;

struct Token {
  std::string text;
  size_t column = 0;  // 1-based, for errors
};

bool ContainsIgnoringCase(std::string_view text, std::string_view word) {
  auto same = [](char a, char b) { return absl::ascii_tolower(a) == absl::ascii_tolower(b); };
  return std::search(text.begin(), text.end(), word.begin(), word.end(), same) != text.end();
}

bool IsOperator(std::string_view word) { return word == "and" || word == "or" || word == "not"; }

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == ' ' || c == '\t') {
      ++i;
    } else if (c == '(' || c == ')') {
      tokens.push_back({std::string(1, c), i + 1});
      ++i;
    } else {
      size_t end = i;
      while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '(' &&
             text[end] != ')') {
        ++end;
      }
      tokens.push_back({std::string(text.substr(i, end - i)), i + 1});
      i = end;
    }
  }
  return tokens;
}

// Recursive descent: or := and ('or' and)*; and := not ('and' not)*;
// not := 'not' not | '(' or ')' | word.
class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)) {}

  absl::StatusOr<Predicate> Parse() {
    absl::StatusOr<Predicate> expression = Or();
    if (!expression.ok()) return expression;
    if (next_ < tokens_.size()) return Fail("unexpected '" + tokens_[next_].text + "'");
    return expression;
  }

 private:
  absl::Status Fail(const std::string& message) const {
    const size_t column = next_ < tokens_.size() ? tokens_[next_].column : text_.size() + 1;
    return absl::InvalidArgumentError("-k '" + std::string(text_) + "': " + message +
                                      " at column " + std::to_string(column));
  }

  bool Peek(std::string_view word) const {
    return next_ < tokens_.size() && tokens_[next_].text == word;
  }

  absl::StatusOr<Predicate> Or() {
    absl::StatusOr<Predicate> left = And();
    while (left.ok() && Peek("or")) {
      ++next_;
      absl::StatusOr<Predicate> right = And();
      if (!right.ok()) return right;
      left = [a = *left, b = *right](std::string_view id) { return a(id) || b(id); };
    }
    return left;
  }

  absl::StatusOr<Predicate> And() {
    absl::StatusOr<Predicate> left = Not();
    while (left.ok() && Peek("and")) {
      ++next_;
      absl::StatusOr<Predicate> right = Not();
      if (!right.ok()) return right;
      left = [a = *left, b = *right](std::string_view id) { return a(id) && b(id); };
    }
    return left;
  }

  absl::StatusOr<Predicate> Not() {
    if (Peek("not")) {
      ++next_;
      absl::StatusOr<Predicate> operand = Not();
      if (!operand.ok()) return operand;
      return Predicate([a = *operand](std::string_view id) { return !a(id); });
    }
    if (Peek("(")) {
      ++next_;
      absl::StatusOr<Predicate> inner = Or();
      if (!inner.ok()) return inner;
      if (!Peek(")")) return Fail("expected ')'");
      ++next_;
      return inner;
    }
    if (next_ == tokens_.size()) return Fail("expected a word");
    const std::string word = tokens_[next_].text;
    if (IsOperator(word) || word == ")") return Fail("expected a word, not '" + word + "'");
    ++next_;
    return Substring(word);
  }

  static Predicate Substring(std::string word) {
    return [word = std::move(word)](std::string_view id) {
      return ContainsIgnoringCase(id, word);
    };
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t next_ = 0;
};

}  // namespace

absl::StatusOr<Predicate> ParseCaseExpression(std::string_view text) {
  std::vector<Token> tokens = Tokenize(text);
  bool has_syntax = false;
  for (const Token& token : tokens) {
    if (IsOperator(token.text) || token.text == "(" || token.text == ")") has_syntax = true;
  }
  if (!has_syntax) {
    // One substring, spaces and all, as -k has always meant here.
    const size_t begin = text.find_first_not_of(" \t");
    const size_t end = text.find_last_not_of(" \t");
    std::string whole(begin == std::string_view::npos ? "" : text.substr(begin, end - begin + 1));
    return Predicate([whole](std::string_view id) { return ContainsIgnoringCase(id, whole); });
  }
  return Parser(text, std::move(tokens)).Parse();
}

std::set<std::string> ReadLastFailed(const fs::path& path) {
  std::set<std::string> ids;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') ids.insert(line);
  }
  return ids;
}

bool WriteLastFailed(const fs::path& path, std::set<std::string> previous,
                     const std::set<std::string>& passed, const std::set<std::string>& failed) {
  for (const std::string& id : passed) previous.erase(id);
  previous.insert(failed.begin(), failed.end());
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  std::ofstream out(path, std::ios::trunc);
  out << "# yaral test --lf: the cases that did not pass, one FILE::NAME a line\n";
  for (const std::string& id : previous) out << id << '\n';
  out.close();
  if (!out) {
    // Only --lf needs the file, so a read-only checkout still tests.
    std::cerr << "yaral: warning: cannot write '" << path.string() << "': " << std::strerror(errno)
              << " (--lf will not know this run)\n";
    return false;
  }
  return true;
}

}  // namespace yaral::cli
