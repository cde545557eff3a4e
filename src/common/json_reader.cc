#include "common/json_reader.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace mimic {
namespace {

// Forwards RapidJSON's events to a TreeBuilder. Numbers arrive as text and are
// converted the way nlohmann converts them. An integer without a sign is unsigned
// and one with a minus is signed. Larger integers and all other numbers are
// doubles, and a double that overflows is an error. RapidJSON's own number code is
// not used: in the Debian release it has undefined behaviour on some inputs.
class Handler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler> {
 public:
  explicit Handler(TreeBuilder* builder) : builder_(builder) {}

  bool number_overflow = false;

  bool Null() { return builder_->Value(Json(nullptr)); }
  bool Bool(bool value) { return builder_->Value(Json(value)); }
  bool RawNumber(const char* text, rapidjson::SizeType size, bool /*copy*/) {
    std::string number(text, size);
    bool integer = number.find_first_of(".eE") == std::string::npos;
    if (integer) {
      char* end = nullptr;
      errno = 0;
      if (number[0] == '-') {
        long long value = std::strtoll(number.c_str(), &end, 10);
        if (errno == 0) return builder_->Value(Json(static_cast<int64_t>(value)));
      } else {
        unsigned long long value = std::strtoull(number.c_str(), &end, 10);
        if (errno == 0) return builder_->Value(Json(static_cast<uint64_t>(value)));
      }
    }
    double value = std::strtod(number.c_str(), nullptr);
    if (!std::isfinite(value)) {
      number_overflow = true;
      return false;
    }
    return builder_->Value(Json(value));
  }
  bool String(const char* text, rapidjson::SizeType size, bool /*copy*/) {
    return builder_->Value(Json(std::string(text, size)));
  }
  bool StartObject() { return builder_->StartObject(); }
  bool Key(const char* text, rapidjson::SizeType size, bool /*copy*/) {
    builder_->Key(std::string(text, size));
    return true;
  }
  bool EndObject(rapidjson::SizeType /*members*/) {
    builder_->EndObject();
    return true;
  }
  bool StartArray() { return builder_->StartArray(); }
  bool EndArray(rapidjson::SizeType /*items*/) {
    builder_->EndArray();
    return true;
  }

 private:
  TreeBuilder* builder_;
};

}  // namespace

tl::expected<Json, JsonReadFailure> ReadJson(std::string_view text, const TreeLimits& limits) {
  TreeBuilder builder(limits);
  Handler handler(&builder);
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(text.data(), text.size());
  // Iterative parsing keeps deep nesting off the call stack.
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag |
                              rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseValidateEncodingFlag;
  rapidjson::ParseResult result = reader.Parse<kFlags>(stream, handler);
  if (!result) {
    JsonReadFailure failure;
    if (builder.stop() == TreeBuilder::Stop::kDepth) {
      failure.kind = JsonReadFailure::Kind::kDepth;
    } else if (builder.stop() == TreeBuilder::Stop::kNodes) {
      failure.kind = JsonReadFailure::Kind::kNodes;
    }
    failure.offset = result.Offset();
    failure.reason = handler.number_overflow ? "Number too large to be stored in a double."
                                             : rapidjson::GetParseError_En(result.Code());
    return tl::unexpected(std::move(failure));
  }
  return builder.TakeRoot();
}

}  // namespace mimic
