#include "importer/document.h"

#include <yaml.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "common/json_reader.h"
#include "common/strings.h"
#include "common/tree_builder.h"

namespace mimic {
namespace {
Error LimitError(std::string what) { return Error{ErrorCode::kLimitExceeded, std::move(what)}; }

// YAML 1.2 core schema resolution of a plain (unquoted) scalar.
Json ResolvePlainScalar(std::string text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  // Every number, infinity and NaN starts with a digit, a sign or a dot; most scalars
  // of a spec are words and stop here.
  char first = text[0];
  if (!(first >= '0' && first <= '9') && first != '-' && first != '+' && first != '.') {
    return Json(std::move(text));
  }

  const char* begin = text.c_str();
  char* end = nullptr;
  bool integer_shape = true;
  size_t start = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (start == text.size()) integer_shape = false;
  for (size_t i = start; i < text.size() && integer_shape; ++i) {
    if (text[i] < '0' || text[i] > '9') integer_shape = false;
  }
  if (integer_shape) {
    errno = 0;
    long long value = std::strtoll(begin, &end, 10);
    if (errno == 0 && end == begin + text.size()) return value;
    // Too large for 64 bits: keep it as a floating-point number like YAML parsers do.
  }
  if (StartsWith(text, "0x") && text.size() > 2) {
    errno = 0;
    long long value = std::strtoll(begin + 2, &end, 16);
    if (errno == 0 && end == begin + text.size()) return value;
  }
  if (StartsWith(text, "0o") && text.size() > 2) {
    errno = 0;
    long long value = std::strtoll(begin + 2, &end, 8);
    if (errno == 0 && end == begin + text.size()) return value;
  }
  if (text == ".inf" || text == ".Inf" || text == ".INF" || text == "+.inf") {
    return std::numeric_limits<double>::infinity();
  }
  if (text == "-.inf" || text == "-.Inf" || text == "-.INF") {
    return -std::numeric_limits<double>::infinity();
  }
  if (text == ".nan" || text == ".NaN" || text == ".NAN") return std::nan("");

  // A float needs a digit and only the characters of
  // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  bool has_digit = false;
  bool float_shape = true;
  for (size_t i = start; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      has_digit = true;
    } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
      float_shape = false;
      break;
    }
  }
  if (float_shape && has_digit) {
    errno = 0;
    double value = std::strtod(begin, &end);
    if (errno == 0 && end == begin + text.size()) return value;
  }
  return Json(std::move(text));
}

Result<Json> ParseJson(std::string_view content, const DocumentLimits& limits) {
  auto read = ReadJson(content, {limits.max_depth, limits.max_nodes});
  if (read) return std::move(*read);
  switch (read.error().kind) {
    case JsonReadFailure::Kind::kDepth:
      return tl::unexpected(LimitError("The JSON document is nested deeper than " +
                                       std::to_string(limits.max_depth) +
                                       " levels. Flatten the structure."));
    case JsonReadFailure::Kind::kNodes:
      return tl::unexpected(LimitError("The JSON document has more than " +
                                       std::to_string(limits.max_nodes) + " values."));
    case JsonReadFailure::Kind::kSyntax:
      break;
  }
  int line = 0;
  int column = 0;
  LineAndColumn(content, read.error().offset, &line, &column);
  return MakeError(ErrorCode::kInvalidArgument, "Invalid JSON at line " + std::to_string(line) +
                                                    ", column " + std::to_string(column) + ": " +
                                                    read.error().reason);
}

// Owns one libyaml event and frees it on every path.
class YamlEvent {
 public:
  YamlEvent() = default;
  ~YamlEvent() { Clear(); }
  YamlEvent(const YamlEvent&) = delete;
  YamlEvent& operator=(const YamlEvent&) = delete;
  yaml_event_t* get() { return &event_; }
  const yaml_event_t& operator*() const { return event_; }
  void Clear() {
    if (filled_) yaml_event_delete(&event_);
    filled_ = false;
  }
  void MarkFilled() { filled_ = true; }

 private:
  yaml_event_t event_{};
  bool filled_ = false;
};

std::string_view ScalarText(const yaml_event_t& event) {
  return {reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length};
}

std::string Position(const yaml_mark_t& mark) {
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

// Reads the first document of a YAML stream with libyaml's event parser. Plain
// scalars resolve with the YAML 1.2 core schema, merge keys ("<<") merge, and
// aliases expand to copies that count against the node limit.
class YamlReader {
 public:
  YamlReader(std::string_view content, const DocumentLimits& limits)
      : content_(content), limits_(limits), builder_({limits.max_depth, limits.max_nodes}) {}

  Result<Json> Read() {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
      return MakeError(ErrorCode::kInternal, "The YAML parser could not start: out of memory.");
    }
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(content_.data()),
                                 content_.size());
    auto result = Run(&parser);
    yaml_parser_delete(&parser);
    return result;
  }

 private:
  struct Anchor {
    Json value;
    size_t nodes = 0;
  };
  // One open mapping or sequence, and the anchor it will define when it closes.
  struct Open {
    bool mapping;
    bool expecting_key;
    std::string anchor;
  };

  Result<Json> Run(yaml_parser_t* parser) {
    YamlEvent event;
    while (true) {
      event.Clear();
      if (!yaml_parser_parse(parser, event.get())) return SyntaxError(*parser);
      event.MarkFilled();
      const yaml_event_t& current = *event;
      switch (current.type) {
        case YAML_STREAM_END_EVENT:
          return builder_.TakeRoot();
        case YAML_DOCUMENT_END_EVENT:
          // Only the first document is read; later ones are not parsed at all.
          return builder_.TakeRoot();
        case YAML_SCALAR_EVENT: {
          auto added = Scalar(current);
          if (!added) return tl::unexpected(added.error());
          break;
        }
        case YAML_ALIAS_EVENT: {
          auto added = Alias(current);
          if (!added) return tl::unexpected(added.error());
          break;
        }
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT: {
          bool mapping = current.type == YAML_MAPPING_START_EVENT;
          if (ExpectingKey()) {
            return MakeError(ErrorCode::kInvalidArgument,
                             "Invalid YAML at " + Position(current.start_mark) +
                                 ": a mapping key must be a scalar. Quote the key or "
                                 "restructure the mapping.");
          }
          const yaml_char_t* anchor =
              mapping ? current.data.mapping_start.anchor : current.data.sequence_start.anchor;
          bool started = mapping ? builder_.StartObject() : builder_.StartArray();
          if (!started) return LimitFailure(current.start_mark);
          open_.push_back(
              {mapping, mapping, anchor ? reinterpret_cast<const char*>(anchor) : std::string()});
          break;
        }
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT: {
          size_t nodes = open_.back().mapping ? builder_.EndObject() : builder_.EndArray();
          std::string anchor = std::move(open_.back().anchor);
          open_.pop_back();
          if (!anchor.empty()) anchors_[anchor] = {builder_.Last(), nodes};
          ValueDone();
          break;
        }
        default:
          break;
      }
    }
  }

  bool ExpectingKey() const {
    return !open_.empty() && open_.back().mapping && open_.back().expecting_key;
  }

  // Marks the next node of the innermost mapping as a key, after a value.
  void ValueDone() {
    if (!open_.empty() && open_.back().mapping) open_.back().expecting_key = true;
  }

  Result<void> Scalar(const yaml_event_t& event) {
    std::string_view text = ScalarText(event);
    const char* tag = reinterpret_cast<const char*>(event.data.scalar.tag);
    bool plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && tag == nullptr;
    if (ExpectingKey()) {
      // A null key ("~", "null" or nothing) reads as the empty key.
      bool null_key = plain && (text.empty() || text == "~" || text == "null" || text == "Null" ||
                                text == "NULL");
      std::string key = null_key ? std::string() : std::string(text);
      if (event.data.scalar.anchor != nullptr) {
        anchors_[reinterpret_cast<const char*>(event.data.scalar.anchor)] = {Json(key), 1};
      }
      builder_.Key(std::move(key), plain && text == "<<");
      open_.back().expecting_key = false;
      return {};
    }
    Json value;
    if (plain || IsResolvedTag(tag)) {
      value = ResolvePlainScalar(std::string(text));
    } else {
      value = std::string(text);
    }
    if (event.data.scalar.anchor != nullptr) {
      anchors_[reinterpret_cast<const char*>(event.data.scalar.anchor)] = {value, 1};
    }
    if (!builder_.Value(std::move(value))) return LimitFailure(event.start_mark);
    ValueDone();
    return {};
  }

  Result<void> Alias(const yaml_event_t& event) {
    std::string name = reinterpret_cast<const char*>(event.data.alias.anchor);
    auto found = anchors_.find(name);
    if (found == anchors_.end()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "Invalid YAML at " + Position(event.start_mark) + ": the alias *" + name +
                           " names no anchor defined before it. Define &" + name +
                           " earlier in the document.");
    }
    const Anchor& anchor = found->second;
    if (ExpectingKey()) {
      if (anchor.value.is_object() || anchor.value.is_array()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "Invalid YAML at " + Position(event.start_mark) +
                             ": a mapping key must be a scalar. Quote the key or "
                             "restructure the mapping.");
      }
      builder_.Key(anchor.value.is_string() ? anchor.value.get<std::string>()
                   : anchor.value.is_null() ? std::string()
                                            : DumpJson(anchor.value));
      open_.back().expecting_key = false;
      return {};
    }
    if (!builder_.Copy(anchor.value, anchor.nodes)) {
      return LimitFailure(event.start_mark);
    }
    ValueDone();
    return {};
  }

  static bool IsResolvedTag(const char* tag) {
    if (tag == nullptr) return false;
    std::string_view name = tag;
    return name == "tag:yaml.org,2002:int" || name == "tag:yaml.org,2002:float" ||
           name == "tag:yaml.org,2002:bool" || name == "tag:yaml.org,2002:null";
  }

  // Names the limit the builder stopped at, with the line it was reached on.
  tl::unexpected<Error> LimitFailure(const yaml_mark_t& mark) const {
    if (builder_.stop() == TreeBuilder::Stop::kDepth) {
      return tl::unexpected(LimitError("The document is nested deeper than " +
                                       std::to_string(limits_.max_depth) + " levels at line " +
                                       std::to_string(mark.line + 1) + ". Flatten the structure."));
    }
    return tl::unexpected(LimitError("The document expands to more than " +
                                     std::to_string(limits_.max_nodes) +
                                     " nodes (YAML aliases count each time they are used). "
                                     "Reduce alias use or split the document."));
  }

  static Result<Json> SyntaxError(const yaml_parser_t& parser) {
    if (parser.error == YAML_MEMORY_ERROR) {
      return MakeError(ErrorCode::kInternal, "The YAML parser ran out of memory.");
    }
    std::string problem = parser.problem ? parser.problem : "unknown error";
    if (parser.error == YAML_READER_ERROR) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "Invalid YAML at byte " + std::to_string(parser.problem_offset) + ": " +
                           problem + ". Save the file as UTF-8.");
    }
    std::string message = "Invalid YAML at " + Position(parser.problem_mark) + ": " + problem;
    if (parser.context != nullptr) {
      message += std::string(" (") + parser.context + " at " + Position(parser.context_mark) + ")";
    }
    return MakeError(ErrorCode::kInvalidArgument, message);
  }

  std::string_view content_;
  const DocumentLimits& limits_;
  TreeBuilder builder_;
  std::vector<Open> open_;
  std::map<std::string, Anchor> anchors_;
};

}  // namespace

bool LooksLikeJson(std::string_view content) {
  for (char c : content) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (static_cast<unsigned char>(c) == 0xEF) continue;  // UTF-8 byte order mark
    if (static_cast<unsigned char>(c) == 0xBB || static_cast<unsigned char>(c) == 0xBF) continue;
    return c == '{' || c == '[';
  }
  return false;
}

Result<Json> ParseDocument(std::string_view content, const DocumentLimits& limits) {
  if (content.size() > limits.max_bytes) {
    return tl::unexpected(LimitError("The document is " + std::to_string(content.size()) +
                                     " bytes, more than the limit of " +
                                     std::to_string(limits.max_bytes) + " bytes."));
  }
  if (StartsWith(content, "\xEF\xBB\xBF")) content.remove_prefix(3);
  if (LooksLikeJson(content)) {
    auto json = ParseJson(content, limits);
    if (json) return json;
    // JSON is a subset of YAML 1.2 in spirit but not in yaml-cpp's error messages, so a
    // document that starts like JSON reports the JSON error.
    return json;
  }
  return YamlReader(content, limits).Read();
}

}  // namespace mimic
