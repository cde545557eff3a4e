#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mimic {

// The start of the first definition of a GraphQL request document.
struct GraphqlOperationHead {
  std::string type;   // "QUERY", "MUTATION" or "SUBSCRIPTION"
  std::string field;  // the first root field, e.g. "film" (its name, not an alias)
};

// Reads the operation type and first root field of a GraphQL request such as
// "query film($id: String) { film(id: $id) { title } }" or "{ allFilms { id } }".
// Returns nullopt when the document does not start with an operation, or when the
// operation's first selection is a fragment rather than a field; Microcks names such
// recorded requests after their URL instead.
std::optional<GraphqlOperationHead> ReadGraphqlOperationHead(std::string_view document);

}  // namespace mimic
