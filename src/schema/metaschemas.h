#pragma once

#include <string_view>

#include "common/json.h"

namespace mimic::schema {

// Metaschemas that $ref and $schema may name without a loader, since validation never uses the
// network: draft 4 ("http://json-schema.org/draft-04/schema") and 2020-12
// ("https://json-schema.org/draft/2020-12/schema" and its meta/core, meta/applicator,
// meta/unevaluated, meta/validation, meta/meta-data, meta/format-annotation,
// meta/format-assertion and meta/content vocabulary schemas).
//
// They are condensed rewrites that check the same keyword value types and ranges as the
// published metaschemas, without titles, descriptions, defaults, format annotations or
// deprecated keywords.

// Returns the metaschema for a URI without fragment (an empty "#" is accepted), or nullptr.
const Json* FindBuiltinMetaschema(std::string_view uri);

}  // namespace mimic::schema
