#pragma once

#include <string>
#include <string_view>

#include "common/error.h"
#include "groovy/groovy_diagnostics.h"

namespace mimic::groovy {

struct Translation {
  // The body of a JavaScript function `process()`, which the JS engine wraps: helper
  // functions, then the translated statements, ending in `return <criteria>`.
  std::string javascript;
};

// Translates a Groovy dispatch script (Microcks SCRIPT dispatcher, SoapUI script
// dispatch) into JavaScript that runs against Mimic's script globals: mockRequest,
// requestContext, store, log and __mimicXPath.
//
// The subset covers what dispatch scripts use. Statements: def, var and typed
// declarations, if/else, switch on string or number literals, for-in, classic for,
// while, do-while, try/catch of Exception, throw and assert. Values: GStrings, slashy
// strings, lists, maps, ranges, and closures with one parameter passed to each, find,
// findAll, collect, any or every. Calls: the common String, List and Map methods,
// JsonSlurper, JsonOutput, XmlHolder and the mockRequest objects. As in a Groovy script,
// the value of the last statement is returned.
//
// Semantics follow Groovy. Conditions use Groovy truth, so empty strings, lists and maps
// are false. Regular expressions are converted from Java syntax, and Java-only syntax is
// rejected.
//
// Groovy's `==` becomes one of three forms, and the output never uses JavaScript's loose
// `==`. Against a null literal it becomes `(a ?? null) === null`, because a missing JSON
// property reads as undefined. When one side is a string, number or boolean that is
// never null (a literal or a concatenation), or both sides are statically strings,
// numbers or booleans, it becomes `===`, which then agrees with equals(). Otherwise it
// calls a helper with Groovy's equals() semantics: no type coercion, numbers by value,
// lists and maps element by element.
//
// Errors are returned, never thrown:
//   kUnsupported     a construct outside the subset. FormatUnsupported builds the message,
//                    such as "line 4, column 9: closures with two parameters are not
//                    supported in Groovy dispatch scripts; rewrite ... or use a JS
//                    dispatcher".
//   kInvalidArgument a malformed script.
//   kLimitExceeded   a script over the limits in groovy_lexer.h and groovy_parser.h.
//   kInternal        memory ran out during the translation.
Result<Translation> TranslateGroovy(std::string_view source);

}  // namespace mimic::groovy
