#include "importer/graphql_operation.h"

#include <cctype>

namespace mimic {
namespace {

// A cursor over a GraphQL document that skips what the GraphQL grammar ignores:
// white space, commas, comments and a byte order mark.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void SkipIgnored() {
    while (position_ < text_.size()) {
      unsigned char c = static_cast<unsigned char>(text_[position_]);
      if (c == '#') {
        while (position_ < text_.size() && text_[position_] != '\n' && text_[position_] != '\r') {
          ++position_;
        }
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
        ++position_;
      } else if (text_.substr(position_, 3) == "\xEF\xBB\xBF") {
        position_ += 3;
      } else {
        return;
      }
    }
  }

  bool Peek(char c) {
    SkipIgnored();
    return position_ < text_.size() && text_[position_] == c;
  }

  bool PeekText(std::string_view expected) {
    SkipIgnored();
    return text_.substr(position_, expected.size()) == expected;
  }

  void Advance(size_t count) { position_ += count; }

  // Reads a Name token ([_A-Za-z][_0-9A-Za-z]*); empty when none starts here.
  std::string_view Name() {
    SkipIgnored();
    size_t start = position_;
    if (position_ < text_.size() && IsNameStart(text_[position_])) {
      ++position_;
      while (position_ < text_.size() && IsNameContinue(text_[position_])) ++position_;
    }
    return text_.substr(start, position_ - start);
  }

  // Skips a parenthesized group (arguments, variable definitions), strings included.
  // Returns false when the group is not closed.
  bool SkipParenthesized() {
    int depth = 0;
    while (position_ < text_.size()) {
      char c = text_[position_];
      if (c == '"') {
        if (!SkipString()) return false;
        continue;
      }
      ++position_;
      if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0) {
        return true;
      }
    }
    return false;
  }

 private:
  static bool IsNameStart(char c) {
    return c == '_' || std::isalpha(static_cast<unsigned char>(c));
  }
  static bool IsNameContinue(char c) {
    return c == '_' || std::isalnum(static_cast<unsigned char>(c));
  }

  // Skips "..." or a """block string""" starting at the current position.
  bool SkipString() {
    if (text_.substr(position_, 3) == "\"\"\"") {
      size_t end = text_.find("\"\"\"", position_ + 3);
      while (end != std::string_view::npos && text_[end - 1] == '\\') {
        end = text_.find("\"\"\"", end + 3);
      }
      if (end == std::string_view::npos) return false;
      position_ = end + 3;
      return true;
    }
    ++position_;
    while (position_ < text_.size()) {
      char c = text_[position_++];
      if (c == '\\') {
        ++position_;
      } else if (c == '"') {
        return true;
      }
    }
    return false;
  }

  std::string_view text_;
  size_t position_ = 0;
};

}  // namespace

std::optional<GraphqlOperationHead> ReadGraphqlOperationHead(std::string_view document) {
  Scanner scanner(document);
  GraphqlOperationHead head;
  if (scanner.Peek('{')) {
    head.type = "QUERY";  // the query shorthand
  } else {
    std::string_view keyword = scanner.Name();
    if (keyword == "query") {
      head.type = "QUERY";
    } else if (keyword == "mutation") {
      head.type = "MUTATION";
    } else if (keyword == "subscription") {
      head.type = "SUBSCRIPTION";
    } else {
      return std::nullopt;  // a fragment definition, or not GraphQL
    }
    scanner.Name();  // the optional operation name
    if (scanner.Peek('(') && !scanner.SkipParenthesized()) return std::nullopt;
    while (scanner.Peek('@')) {
      scanner.Advance(1);
      if (scanner.Name().empty()) return std::nullopt;
      if (scanner.Peek('(') && !scanner.SkipParenthesized()) return std::nullopt;
    }
    if (!scanner.Peek('{')) return std::nullopt;
  }
  scanner.Advance(1);
  if (scanner.PeekText("...")) return std::nullopt;
  std::string_view name = scanner.Name();
  if (name.empty()) return std::nullopt;
  if (scanner.Peek(':')) {
    scanner.Advance(1);
    name = scanner.Name();  // "alias: field" selects `field`
    if (name.empty()) return std::nullopt;
  }
  head.field = std::string(name);
  return head;
}

}  // namespace mimic
