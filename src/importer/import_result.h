#pragma once

#include <string>
#include <vector>

#include "model/service.h"

namespace mimic {

class DocumentFetcher;

// The origin of an artifact, and the base and fetcher that reach its references.
struct ImportSource {
  std::string artifact_name;      // upload file name, or the URL for downloads
  std::string base_uri;           // base for relative $ref values; empty for uploads
  DocumentFetcher* fetcher = nullptr;
  int64_t now_ms = 0;
};

// A note about the import that the user should see, e.g. an operation left
// without a mock and why.
struct ImportDiagnostic {
  std::string operation;  // empty for service-level notes
  std::string message;
};

struct ImportedServices {
  std::vector<Service> services;
  std::vector<ImportDiagnostic> diagnostics;
};

}  // namespace mimic
