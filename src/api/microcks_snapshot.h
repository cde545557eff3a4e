#pragma once

#include <memory>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "model/service.h"

namespace mimic {

// Microcks' own repository snapshot, the file its UI and GET /api/export write:
// {services, resources, requests, responses, eventMessages}, where requests and
// responses name their operation as "<service id>-<operation name>" and pair by name.
// Reading it lets a team move its mocks from Microcks to Mimic; writing it lets a
// Microcks server import what Mimic serves.

// True for a document shaped like Microcks' snapshot rather than Mimic's own.
bool LooksLikeMicrocksSnapshot(const Json& document);

// Parts of a Microcks snapshot that Mimic could not attach to a service.
struct MicrocksSnapshotSkips {
  size_t unpaired_messages = 0;  // requests or responses naming no known operation
  size_t event_messages = 0;     // asynchronous messages, not imported yet
};

Result<std::vector<Service>> ReadMicrocksSnapshot(const Json& document,
                                                  MicrocksSnapshotSkips* skips);

// Writes services in Microcks' shape. Mimic's default responses (a singular
// `example`) have no Microcks equivalent and are left out.
Json WriteMicrocksSnapshot(const std::vector<std::shared_ptr<const Service>>& services);

}  // namespace mimic
