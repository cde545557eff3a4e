#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "model/service.h"
#include "schema/json_schema.h"
#include "testing/test_call.h"
#include "validation/request_validator.h"

namespace mimic::contract {

// The verdict of one test step: failures lists every reason, one per line in the
// step message.
struct StepVerdict {
  bool success = true;
  std::vector<std::string> failures;

  void Fail(std::string reason) {
    success = false;
    failures.push_back(std::move(reason));
  }
  std::string Message() const;
};

// HTTP runner: the call must complete with a 2xx status, or with a status of the
// same class as the example's expected one (an example of a 404 passes on a 404).
StepVerdict CheckHttpStatus(const CallOutcome& outcome, const Response& expected);

// OPEN_API_SCHEMA runner: checks a response against the operation's declaration in
// the service's OpenAPI 3.0/3.1 or Swagger 2.0 document. Compiled schemas are
// cached, so one checker serves every step of a run. It is not thread-safe.
class ResponseSchemaChecker {
 public:
  explicit ResponseSchemaChecker(std::shared_ptr<const ServiceSpec> spec)
      : spec_(std::move(spec)) {}

  // Checks that the status equals the example's and that the Content-Type matches
  // its media type, ignoring parameters and case. Headers the document marks
  // required must be present and match their schemas. A JSON body must validate
  // against the response schema for that status and media type, and each error
  // starts with the JSON pointer of the invalid value.
  StepVerdict Check(const Operation& operation, const Response& expected,
                    const CallOutcome& outcome);

 private:
  struct CompiledSchema {
    std::shared_ptr<schema::Validator> validator;
    std::string error;  // why the schema could not be compiled
  };
  // Null validator and empty error: nothing declared there.
  const CompiledSchema& SchemaAt(const std::string& pointer);

  std::shared_ptr<const ServiceSpec> spec_;
  std::map<std::string, CompiledSchema> cache_;
};

// "application/json; charset=utf-8" gives "application/json".
std::string BareMediaType(std::string_view content_type);

}  // namespace mimic::contract
