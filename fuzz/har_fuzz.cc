// Feeds arbitrary bytes to the HAR importer: read as a YAML or JSON document, then
// imported as a main artifact and applied as a secondary artifact onto a small fixed
// REST service and a small GraphQL service.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "importer/document.h"
#include "importer/har_importer.h"
#include "model/service.h"

namespace {

mimic::Operation MakeOperation(const char* name, const char* method, const char* dispatcher,
                               const char* rules) {
  mimic::Operation operation;
  operation.name = name;
  operation.method = method;
  operation.dispatcher = dispatcher;
  operation.dispatcher_rules = rules;
  return operation;
}

mimic::Service RestService() {
  mimic::Service service;
  service.name = "Shop";
  service.version = "1.0";
  service.operations = {
      MakeOperation("GET /orders", "GET", "URI_PARAMS", "status"),
      MakeOperation("GET /orders/{id}", "GET", "URI_PARTS", "id"),
      MakeOperation("GET /owners/{owner}/orders", "GET", "URI_ELEMENTS", "owner ?? page"),
      MakeOperation("POST /orders", "POST", "QUERY_HEADER", "x-tenant"),
      MakeOperation("DELETE /orders/{id}", "DELETE", "FALLBACK",
                    R"({"dispatcher": "URI_PARTS", "dispatcherRules": "id", "fallback": "x"})"),
  };
  return service;
}

mimic::Service GraphqlService() {
  mimic::Service service;
  service.name = "Films";
  service.version = "1.0";
  service.type = mimic::ServiceType::kGraphql;
  service.operations = {MakeOperation("film", "QUERY", "QUERY_ARGS", "id"),
                        MakeOperation("addStar", "MUTATION", "", "")};
  return service;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  auto document = mimic::ParseDocument(content);
  if (!document) return 0;

  (void)mimic::ReadHarServiceKey(*document);
  mimic::ImportSource source;
  source.artifact_name = "fuzz.har";
  auto imported = mimic::ImportHar(*document, source);
  if (imported) {
    for (const mimic::Service& service : imported->services) (void)mimic::ToStoredJson(service);
  }

  for (mimic::Service service : {RestService(), GraphqlService()}) {
    auto applied = mimic::ApplyHar(*document, "fuzz.har", &service);
    if (applied) (void)mimic::ToStoredJson(service);
  }
  return 0;
}
