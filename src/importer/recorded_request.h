#pragma once

#include <string>
#include <string_view>

#include "common/json.h"
#include "dispatch/path_template.h"

namespace mimic {

// Helpers for the requests that Postman collections and HAR recordings store. Their
// URLs are absolute ("http://host:8080/pets/1?x=1"), host-less ("http:///pets/1"), or
// use Postman variables ("{{baseUrl}}/pets/:id"). The URL helpers follow the text
// rules Microcks applies to these URLs, so that operation names and dispatch rules come
// out the same.

// Removes a leading "http://" or "https://", then everything before the first '/'.
// Text without any '/' is returned as it is, e.g. "allFilms" for "http://allFilms".
std::string RemoveSchemeAndHost(std::string_view url);

// The URL without its query string and fragment.
std::string_view WithoutQuery(std::string_view url);

// The path of a URL: scheme, host, query and one trailing '/' removed.
std::string ResourcePathOf(std::string_view url);

// True when the URL has a query string with at least one '=', the condition Microcks
// uses to infer URI_PARAMS.
bool HasQueryParameters(std::string_view url);

// True when the URL has a Postman path variable ("/:id").
bool HasColonPathVariables(std::string_view url);

// Decoded name/value pairs of the query string, in URL order. '+' decodes to a space
// and a pair without '=' gets an empty value.
NameValueList QueryPairs(std::string_view url);

// URI_PARAMS rules for a URL: its distinct query parameter names in URL order, joined
// with " && ". Empty when HasQueryParameters is false.
std::string ParamsRulesFromUrl(std::string_view url);

// URI_PARTS rules for a URL pattern: the names of its "{name}" path parameters, or
// else of its "/:name" variables, joined with " && ". Postman "{{variables}}" and '$'
// signs are ignored.
std::string PartsRulesFromUrl(std::string_view url);

// Tells whether an operation of a collection (`candidate`, e.g. "GET /beer/:name")
// matches an existing operation (`reference`, e.g. "GET /beer/{name}"). True when
// the names are equal ignoring case, when they are equal once `reference` has its
// "{x}" parameters written ":x", or when `candidate` is `reference` preceded by an
// optional verb, spaces and one '/' ("POST allFilms" for a GraphQL "allFilms").
bool AreOperationNamesEquivalent(std::string_view reference, std::string_view candidate);

// Removes a leading Microcks mock endpoint, "/rest/<service>/<version>" or
// "/rest-valid/<service>/<version>", from a path whose service and version segments
// decode to `service_name` and `version`. Other paths are returned unchanged.
std::string StripMockEndpointPrefix(std::string_view path, std::string_view service_name,
                                    std::string_view version);

// The member `key` of an object, or null when `node` is not an object or lacks it.
// Unlike nlohmann's value() and at(), it does not throw when `node` has another type.
const Json* JsonMember(const Json& node, const char* key);

// The text of member `key` (see ScalarOrJsonText), or "" when it is missing.
std::string JsonMemberText(const Json& node, const char* key);

// Maximum nesting of a JSON text embedded in a string (a request body, GraphQL
// variables), which ParseEmbeddedJson accepts.
inline constexpr int kMaxEmbeddedJsonDepth = 64;

// Parses JSON text found inside an artifact string. Returns a discarded value when the
// text is not JSON or nests deeper than kMaxEmbeddedJsonDepth, so that later recursive
// walks over the value stay shallow.
Json ParseEmbeddedJson(std::string_view text);

}  // namespace mimic
