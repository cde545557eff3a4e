#include "groovy/groovy_to_js.h"

#include <exception>
#include <memory>
#include <utility>
#include <vector>

#include "groovy/groovy_lexer.h"
#include "groovy/groovy_parser.h"
#include "groovy/groovy_translator.h"

namespace mimic::groovy {

Result<Translation> TranslateGroovy(std::string_view source) {
  try {
    Result<std::vector<Token>> tokens = Lex(source);
    if (!tokens) return tl::unexpected(tokens.error());
    Result<std::unique_ptr<Block>> script = ParseScript(source, *tokens);
    if (!script) return tl::unexpected(script.error());
    Result<std::string> javascript = Translator(source).Translate(**script);
    if (!javascript) return tl::unexpected(javascript.error());
    return Translation{std::move(*javascript)};
  } catch (const std::exception& exception) {
    // Only allocation failures can throw here; report them instead of crashing the import.
    return MakeError(ErrorCode::kInternal,
                     std::string("translating the Groovy script failed: ") + exception.what());
  }
}

}  // namespace mimic::groovy
