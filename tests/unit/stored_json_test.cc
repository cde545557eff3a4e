#include <gtest/gtest.h>

#include "model/service.h"

namespace mimic {
namespace {

TEST(StoredJson, DumpMatchesTreeForm) {
  Service service;
  service.id = "abc";
  service.name = "Orders \"quoted\"";
  service.version = "1.0";
  service.metadata.labels["team"] = "a";
  Operation operation;
  operation.name = "GET /orders/{id}";
  operation.method = "GET";
  operation.override_set = true;
  operation.default_delay = 5;
  service.operations.push_back(operation);
  Exchange named;
  named.request.name = "one";
  named.request.query_parameters.push_back({"id", "1"});
  named.response.name = "one";
  named.response.content = R"({"id": 1, "text": "caf\u00e9 \n"})";
  named.response.headers.push_back({"X-A", {"1", "2"}});
  Exchange fallback;
  fallback.response.name = "default";
  fallback.response.is_default = true;
  service.exchanges[operation.name] = {named, fallback};
  service.exchanges["POST /orders"] = {};
  Resource resource;
  resource.id = "r1";
  resource.name = "Orders-1.0.yaml";
  resource.content = "openapi: 3.0.0\n";
  resource.main_artifact = true;
  service.resources.push_back(resource);

  EXPECT_EQ(DumpStoredJson(service), DumpJson(ToStoredJson(service)));
  Service empty;
  EXPECT_EQ(DumpStoredJson(empty), DumpJson(ToStoredJson(empty)));
  EXPECT_EQ(ServiceFromStoredJson(Json::parse(DumpStoredJson(service))).exchanges.size(), 2u);
}

}  // namespace
}  // namespace mimic
