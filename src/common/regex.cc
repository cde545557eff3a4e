#include "common/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace mimic {
namespace {

constexpr uint32_t kMatchLimit = 1000000;
constexpr uint32_t kDepthLimit = 10000;

}  // namespace

struct Regex::Code {
  pcre2_code* code = nullptr;
  ~Code() {
    if (code) pcre2_code_free(code);
  }
};

Result<Regex> Regex::Compile(std::string_view pattern) {
  auto compile = [&](std::string_view text) -> Result<std::shared_ptr<Code>> {
    int error_code = 0;
    PCRE2_SIZE error_offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(),
                                     PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &error_code,
                                     &error_offset, nullptr);
    if (code == nullptr) {
      PCRE2_UCHAR buffer[256];
      pcre2_get_error_message(error_code, buffer, sizeof(buffer));
      return MakeError(ErrorCode::kInvalidArgument,
                       "Invalid regular expression '" + std::string(pattern) + "' at offset " +
                           std::to_string(error_offset) + ": " +
                           reinterpret_cast<const char*>(buffer));
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    auto holder = std::make_shared<Code>();
    holder->code = code;
    return holder;
  };
  Regex regex;
  regex.pattern_ = std::string(pattern);
  auto code = compile(pattern);
  if (!code) return tl::unexpected(code.error());
  regex.code_ = *code;
  auto full = compile("(?:" + std::string(pattern) + ")\\z");
  if (!full) return tl::unexpected(full.error());
  regex.full_code_ = *full;
  return regex;
}

bool Regex::Run(std::string_view text, bool anchored_full) const {
  const Code* code = anchored_full ? full_code_.get() : code_.get();
  if (code == nullptr) return false;
  pcre2_match_data* data = pcre2_match_data_create_from_pattern(code->code, nullptr);
  pcre2_match_context* context = pcre2_match_context_create(nullptr);
  pcre2_set_match_limit(context, kMatchLimit);
  pcre2_set_depth_limit(context, kDepthLimit);
  int rc = pcre2_match(code->code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0,
                       anchored_full ? PCRE2_ANCHORED : 0, data, context);
  pcre2_match_context_free(context);
  pcre2_match_data_free(data);
  return rc >= 0;
}

bool Regex::FullMatch(std::string_view text) const { return Run(text, true); }
bool Regex::Search(std::string_view text) const { return Run(text, false); }

}  // namespace mimic
