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
// The subset covers what dispatch scripts use: variables (def, var and typed
// declarations), if/else, switch on string or number literals, for-in, classic for,
// while, do-while, try/catch of Exception, throw, assert, GStrings, slashy strings,
// lists, maps, ranges, closures with one parameter given to each/find/findAll/collect/
// any/every, the common String, List and Map methods, JsonSlurper, JsonOutput,
// XmlHolder and the mockRequest objects. The value of the last statement is returned as
// in a Groovy script.
//
// Semantics follow Groovy. Conditions use Groovy truth (empty strings, lists and maps
// are false). `a == b` maps to `===` when either side is a non-null string, number or
// boolean literal, or both sides are statically strings, numbers or booleans; to
// `(a ?? null) === null` against null; and otherwise to a helper with Groovy's
// equals() semantics: no type coercion, numbers by value, lists and maps element by
// element. Regular expressions are converted from Java syntax, and Java-only syntax is
// rejected. The output never uses JavaScript's loose `==`.
//
// Errors: kUnsupported for constructs outside the subset, with a message formatted by
// FormatUnsupported ("line 4, column 9: closures with two parameters are not supported
// in Groovy dispatch scripts; rewrite ... or use a JS dispatcher"); kInvalidArgument for
// malformed scripts; kLimitExceeded for scripts over the limits in groovy_lexer.h and
// groovy_parser.h. No exception escapes.
Result<Translation> TranslateGroovy(std::string_view source);

}  // namespace mimic::groovy
