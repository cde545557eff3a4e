#pragma once

#include "front/mock_http.h"
#include "index/mock_index.h"
#include "store/store.h"

namespace mimic {

// Serves /dynarest/{service}/{version}/{resource}[/{id}]: a CRUD mock over
// JSON documents kept in the store, for GENERIC_REST services.
HttpResponseData HandleDynarest(const HttpRequestView& request, const MockIndex& index,
                                Store& store);

}  // namespace mimic
