// Feeds arbitrary bytes to the Postman collection importer. The bytes are read as a
// YAML or JSON document, imported as a main artifact, and applied as a secondary
// artifact onto a small fixed service that uses every dispatcher with criteria.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "importer/document.h"
#include "importer/postman_importer.h"
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

mimic::Service FixedService() {
  mimic::Service service;
  service.name = "Shelter";
  service.version = "1.0";
  service.operations = {
      MakeOperation("GET /pets", "GET", "URI_PARAMS", "kind && page"),
      MakeOperation("GET /pets/{id}", "GET", "URI_PARTS", "id"),
      MakeOperation("POST /pets", "POST", "", ""),
      MakeOperation("GET /owners/{owner}/pets", "GET", "URI_ELEMENTS", "owner ?? page"),
      MakeOperation("DELETE /pets/{id}", "DELETE", "FALLBACK",
                    R"({"dispatcher": "URI_PARTS", "dispatcherRules": "id", "fallback": "x"})"),
      MakeOperation("GET /search", "GET", "QUERY_HEADER", "x-tenant"),
      MakeOperation("film", "QUERY", "QUERY_ARGS", "id"),
  };
  return service;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  auto document = mimic::ParseDocument(content);
  if (!document) return 0;

  (void)mimic::ReadPostmanServiceKey(*document);
  mimic::ImportSource source;
  source.artifact_name = "fuzz.json";
  auto imported = mimic::ImportPostmanCollection(*document, source, content);
  if (imported) {
    for (const mimic::Service& service : imported->services) (void)mimic::ToStoredJson(service);
  }

  mimic::Service service = FixedService();
  auto applied = mimic::ApplyPostmanCollection(*document, "fuzz.json", &service);
  if (applied) (void)mimic::ToStoredJson(service);
  return 0;
}
