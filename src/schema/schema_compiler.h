#pragma once

#include <memory>
#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "schema/json_schema.h"
#include "schema/schema_tree.h"

namespace mimic::schema::internal {

// Builds the compiled tree for the schema at `schema_pointer` inside `root`: finds every $id and
// anchor, loads referenced documents, resolves each $ref to a node index and checks keyword
// values. May throw (std::bad_alloc, or whatever the loader throws); Validator::Compile catches.
Result<std::shared_ptr<const CompiledSchema>> CompileSchema(const Json& root,
                                                            std::string_view schema_pointer,
                                                            const CompileOptions& options);

}  // namespace mimic::schema::internal
