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
  named.response.headers.push_back({"X-Empty", {}});
  named.response.media_type = "application/json";
  named.response.dispatch_criteria = "/id=1";
  named.response.fault = true;
  named.response.status = "201";
  named.response.source_artifact = "orders-examples.yaml";
  named.request.content = "{\"q\": \"\\u0001\"}";
  named.request.headers.push_back({"Accept", {"application/json"}});
  named.request.query_parameters.push_back({"filter", "a\"b"});
  named.request.source_artifact = "orders-examples.yaml";
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
  Resource secondary;
  secondary.id = "r2";
  secondary.name = "orders \"schema\".json";
  secondary.path = "schemas/orders.json";
  secondary.content = std::string("{\"caf\u00e9\": \"\t\\\"\x01\"}\xff", 17);
  secondary.source_artifact = "Orders-1.0.yaml";
  service.resources.push_back(secondary);
  service.applied_metadata.push_back({"orders-metadata.yaml", Json{{"kind", "APIMetadata"}},
                                      Json{{"labels", {{"team", nullptr}}}}});

  EXPECT_EQ(DumpStoredJson(service), DumpJson(ToStoredJson(service)));
  EXPECT_EQ(ServiceFromStoredJson(Json::parse(DumpStoredJson(service))).applied_metadata.size(),
            1u);
  Service empty;
  EXPECT_EQ(DumpStoredJson(empty), DumpJson(ToStoredJson(empty)));
  EXPECT_EQ(ServiceFromStoredJson(Json::parse(DumpStoredJson(service))).exchanges.size(), 2u);
}

TEST(StoredJson, BinaryBodiesSurviveAsBase64) {
  Service service;
  service.id = "bin";
  service.name = "Images";
  service.version = "1";
  Exchange image;
  image.response.name = "logo";
  image.response.content = std::string("\x89PNG\r\n\x1a\n\x00\xff", 10);
  image.request.content = std::string("\xfe\x00", 2);
  service.exchanges["GET /logo"] = {image};

  std::string stored = DumpStoredJson(service);
  EXPECT_EQ(stored, DumpJson(ToStoredJson(service)));
  EXPECT_NE(stored.find("\"contentEncoding\":\"base64\""), std::string::npos);
  Service back = ServiceFromStoredJson(Json::parse(stored));
  ASSERT_EQ(back.exchanges["GET /logo"].size(), 1u);
  EXPECT_EQ(back.exchanges["GET /logo"][0].response.content, image.response.content);
  EXPECT_EQ(back.exchanges["GET /logo"][0].request.content, image.request.content);
}

TEST(StoredJson, StringSizeBoundsTheEscapedText) {
  for (std::string text :
       {std::string(""), std::string("plain"), std::string("a\"b\\c\n\t"), std::string("\x01\x1f"),
        std::string("caf\xc3\xa9"), std::string("broken \xff\xfe")}) {
    std::string out;
    AppendJsonString(&out, text);
    EXPECT_LE(out.size(), JsonStringSize(text)) << text;
  }
  std::string ascii = "say \"hi\"\n\x02";
  std::string out;
  AppendJsonString(&out, ascii);
  EXPECT_EQ(out.size(), JsonStringSize(ascii));
}

}  // namespace
}  // namespace mimic
