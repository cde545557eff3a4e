#include "importer/document.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include "common/strings.h"

namespace mimic {
namespace {
Error LimitError(std::string what) { return Error{ErrorCode::kLimitExceeded, std::move(what)}; }

// YAML 1.2 core schema resolution of a plain (unquoted) scalar.
Json ResolvePlainScalar(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;

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
  return text;
}

class YamlConverter {
 public:
  explicit YamlConverter(const DocumentLimits& limits) : limits_(limits) {}

  Result<Json> Convert(const YAML::Node& node, int depth) {
    if (++nodes_ > limits_.max_nodes) {
      return tl::unexpected(LimitError("The document expands to more than " +
                                       std::to_string(limits_.max_nodes) +
                                       " nodes (YAML aliases count each time they are used). "
                                       "Reduce alias use or split the document."));
    }
    if (depth > limits_.max_depth) {
      return tl::unexpected(LimitError(
          "The document is nested deeper than " + std::to_string(limits_.max_depth) +
          " levels at line " + std::to_string(node.Mark().line + 1) + ". Flatten the structure."));
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return Json(nullptr);
      case YAML::NodeType::Scalar: {
        // yaml-cpp tags quoted scalars "!" and plain scalars "?"; only plain ones resolve to
        // numbers, booleans and null.
        if (node.Tag() == "?") return ResolvePlainScalar(node.Scalar());
        if (node.Tag() == "tag:yaml.org,2002:int" || node.Tag() == "!!int" ||
            node.Tag() == "tag:yaml.org,2002:float" || node.Tag() == "tag:yaml.org,2002:bool" ||
            node.Tag() == "tag:yaml.org,2002:null") {
          return ResolvePlainScalar(node.Scalar());
        }
        return Json(node.Scalar());
      }
      case YAML::NodeType::Sequence: {
        Json array = Json::array();
        for (const YAML::Node& item : node) {
          auto converted = Convert(item, depth + 1);
          if (!converted) return converted;
          array.push_back(std::move(*converted));
        }
        return array;
      }
      case YAML::NodeType::Map: {
        Json object = Json::object();
        std::vector<Json> merges;
        for (const auto& entry : node) {
          if (!entry.first.IsScalar() && !entry.first.IsNull()) {
            return tl::unexpected(Error{
                ErrorCode::kInvalidArgument,
                "Invalid YAML at line " + std::to_string(entry.first.Mark().line + 1) +
                    ", column " + std::to_string(entry.first.Mark().column + 1) +
                    ": a mapping key must be a scalar. Quote the key or restructure the mapping."});
          }
          std::string key = entry.first.IsNull() ? "" : entry.first.Scalar();
          auto converted = Convert(entry.second, depth + 1);
          if (!converted) return converted;
          // A YAML merge key ("<<: *base", or a list of aliases) copies the entries that
          // the mapping does not set itself. yaml-cpp leaves it as a plain "<<" key.
          if (key == "<<" && entry.first.Tag() == "?" &&
              (converted->is_object() || converted->is_array())) {
            merges.push_back(std::move(*converted));
            continue;
          }
          object[key] = std::move(*converted);
        }
        for (const Json& merge : merges) {
          auto add = [&](const Json& source) {
            if (!source.is_object()) return;
            for (const auto& [name, value] : source.items()) {
              if (!object.contains(name)) object[name] = value;
            }
          };
          if (merge.is_array()) {
            for (const Json& item : merge) add(item);
          } else {
            add(merge);
          }
        }
        return object;
      }
    }
    return Json(nullptr);
  }

 private:
  const DocumentLimits& limits_;
  size_t nodes_ = 0;
};

// Builds the document like nlohmann's plain DOM parser, which is much faster than
// its callback parser, and stops at the depth and node limits. The depth of a value
// is the number of arrays and objects that contain it.
class LimitedDomParser : public nlohmann::detail::json_sax_dom_parser<Json> {
  using Base = nlohmann::detail::json_sax_dom_parser<Json>;

 public:
  LimitedDomParser(Json& root, const DocumentLimits& limits) : Base(root, true), limits_(limits) {}

  bool depth_exceeded = false;
  bool nodes_exceeded = false;

  bool null() { return Count() && Base::null(); }
  bool boolean(bool value) { return Count() && Base::boolean(value); }
  bool number_integer(Json::number_integer_t value) {
    return Count() && Base::number_integer(value);
  }
  bool number_unsigned(Json::number_unsigned_t value) {
    return Count() && Base::number_unsigned(value);
  }
  bool number_float(Json::number_float_t value, const Json::string_t& text) {
    return Count() && Base::number_float(value, text);
  }
  bool string(Json::string_t& value) { return Count() && Base::string(value); }
  bool binary(Json::binary_t& value) { return Count() && Base::binary(value); }
  bool start_object(std::size_t size) {
    if (!Count()) return false;
    ++depth_;
    return Base::start_object(size);
  }
  bool end_object() {
    --depth_;
    return Base::end_object();
  }
  bool start_array(std::size_t size) {
    if (!Count()) return false;
    ++depth_;
    return Base::start_array(size);
  }
  bool end_array() {
    --depth_;
    return Base::end_array();
  }

 private:
  bool Count() {
    if (depth_ > limits_.max_depth) {
      depth_exceeded = true;
      return false;
    }
    if (++nodes_ > limits_.max_nodes) {
      nodes_exceeded = true;
      return false;
    }
    return true;
  }

  const DocumentLimits& limits_;
  int depth_ = 0;
  size_t nodes_ = 0;
};

Result<Json> ParseJson(std::string_view content, const DocumentLimits& limits) {
  try {
    Json document;
    LimitedDomParser parser(document, limits);
    if (Json::sax_parse(content.begin(), content.end(), &parser)) return document;
    if (!parser.depth_exceeded && !parser.nodes_exceeded) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "Invalid JSON: the parser stopped before the end of the document.");
    }
    if (parser.depth_exceeded) {
      return tl::unexpected(LimitError("The JSON document is nested deeper than " +
                                       std::to_string(limits.max_depth) +
                                       " levels. Flatten the structure."));
    }
    return tl::unexpected(LimitError("The JSON document has more than " +
                                     std::to_string(limits.max_nodes) + " values."));
  } catch (const Json::parse_error& error) {
    int line = 0;
    int column = 0;
    size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    LineAndColumn(content, offset, &line, &column);
    std::string what = error.what();
    // nlohmann messages start with "[json.exception.parse_error.101] parse error at line L, column
    // C: ".
    size_t colon = what.find(": ", what.find("column"));
    std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
    return MakeError(ErrorCode::kInvalidArgument, "Invalid JSON at line " + std::to_string(line) +
                                                      ", column " + std::to_string(column) + ": " +
                                                      reason);
  } catch (const Json::exception& error) {
    // Other parser failures, such as a number too large for a double.
    std::string what = error.what();
    size_t bracket = what.find("] ");
    return MakeError(
        ErrorCode::kInvalidArgument,
        "Invalid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
  }
}

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
  try {
    YAML::Node root = YAML::Load(std::string(content));
    YamlConverter converter(limits);
    return converter.Convert(root, 0);
  } catch (const YAML::DeepRecursion& error) {
    return tl::unexpected(LimitError("The YAML document is nested too deeply at line " +
                                     std::to_string(error.mark.line + 1) +
                                     ". Flatten the structure."));
  } catch (const YAML::ParserException& error) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Invalid YAML at line " + std::to_string(error.mark.line + 1) + ", column " +
                         std::to_string(error.mark.column + 1) + ": " + error.msg);
  } catch (const YAML::Exception& error) {
    return MakeError(ErrorCode::kInvalidArgument, std::string("Invalid YAML: ") + error.what());
  }
}

}  // namespace mimic
