#include "cli/service_commands.h"

#include <vector>

#include "common/json.h"
#include "common/strings.h"

namespace mimic::cli {
namespace {

constexpr int kPageSize = 100;
// Caps the listing at one million services, so a server that ignores `page`
// cannot keep the loop going.
constexpr int kMaxPages = 10000;

std::string ServicePath(std::string_view service) {
  return "/api/services/" + PercentEncode(service, ":");
}

// Returns a string member, or a number or boolean as JSON text, or "".
std::string TextField(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto field = object.find(key);
  if (field == object.end() || field->is_null()) return "";
  if (field->is_string()) return field->get<std::string>();
  return DumpJson(*field);
}

CommandResult<Json> ParseJson(const HttpReply& reply, std::string_view what) {
  Json json = Json::parse(reply.body, nullptr, false);
  if (json.is_discarded()) {
    return Fail(ExitCode::kApi, "the server returned " + std::string(what) +
                                    " that is not JSON: " + ServerMessage(reply));
  }
  return json;
}

CommandResult<Json> FetchAllServices(ApiClient& client) {
  Json all = Json::array();
  for (int page = 0; page < kMaxPages; ++page) {
    auto reply = client.Get("/api/services?page=" + std::to_string(page) +
                            "&size=" + std::to_string(kPageSize));
    if (!reply) return tl::unexpected<CommandError>(reply.error());
    if (reply->status != 200) return tl::unexpected<CommandError>(ApiError(*reply, "the request"));
    auto list = ParseJson(*reply, "a service list");
    if (!list) return list;
    if (!list->is_array()) {
      return Fail(ExitCode::kApi, "the server returned a service list that is not a JSON array");
    }
    for (Json& service : *list) all.push_back(std::move(service));
    if (list->size() < static_cast<size_t>(kPageSize)) break;
  }
  return all;
}

CommandError ServiceNotFound(const ApiClient& client, std::string_view service) {
  return {ExitCode::kNotFound, "no service with id or name:version '" + std::string(service) +
                                   "' on " + client.base_url() +
                                   ". Run `mimic services list` to see the services."};
}

// Fetches one service. With messages, the result is {"service", "messagesMap"}, as
// the server returns it. Without, it is the service object alone.
CommandResult<Json> FetchService(ApiClient& client, std::string_view service, bool messages) {
  auto reply = client.Get(ServicePath(service) + (messages ? "" : "?messages=false"));
  if (!reply) return tl::unexpected<CommandError>(reply.error());
  if (reply->status == 404) return tl::unexpected<CommandError>(ServiceNotFound(client, service));
  if (reply->status != 200) return tl::unexpected<CommandError>(ApiError(*reply, "the request"));
  auto json = ParseJson(*reply, "a service");
  if (!json) return json;
  if (!json->is_object()) {
    return Fail(ExitCode::kApi, "the server returned a service that is not a JSON object");
  }
  return json;
}

std::string FormatLabels(const Json& service) {
  if (!service.contains("metadata") || !service["metadata"].is_object()) return "";
  const Json& metadata = service["metadata"];
  auto labels = metadata.find("labels");
  if (labels == metadata.end() || !labels->is_object()) return "";
  std::string text;
  for (const auto& [key, value] : labels->items()) {
    if (!text.empty()) text += ", ";
    text += key + "=" + (value.is_string() ? value.get<std::string>() : DumpJson(value));
  }
  return text;
}

size_t CountOperations(const Json& service) {
  auto operations = service.find("operations");
  return operations != service.end() && operations->is_array() ? operations->size() : 0;
}

void PrintServiceDetails(CommandContext& context, const Json& view) {
  const Json& service = view.contains("service") ? view["service"] : view;
  std::vector<std::vector<std::string>> rows = {{"name", TextField(service, "name")},
                                                {"version", TextField(service, "version")},
                                                {"type", TextField(service, "type")},
                                                {"id", TextField(service, "id")}};
  std::string artifact = TextField(service, "sourceArtifact");
  if (!artifact.empty()) rows.push_back({"artifact", artifact});
  std::string labels = FormatLabels(service);
  if (!labels.empty()) rows.push_back({"labels", labels});
  rows.push_back({"operations", std::to_string(CountOperations(service))});
  std::string text = FormatTable(rows);

  std::vector<std::vector<std::string>> operations;
  auto list = service.find("operations");
  const Json* messages = view.contains("messagesMap") ? &view["messagesMap"] : nullptr;
  if (list != service.end() && list->is_array()) {
    for (const Json& operation : *list) {
      std::string name = TextField(operation, "name");
      std::vector<std::string> row = {"  " + name};
      if (messages != nullptr && messages->is_object()) {
        auto examples = messages->find(name);
        size_t count = examples != messages->end() && examples->is_array() ? examples->size() : 0;
        row.push_back(std::to_string(count) + (count == 1 ? " example" : " examples"));
      }
      std::string dispatcher = TextField(operation, "dispatcher");
      if (!dispatcher.empty()) row.push_back("dispatcher " + dispatcher);
      operations.push_back(std::move(row));
    }
  }
  text += FormatTable(operations);
  if (!text.empty() && text.back() == '\n') text.pop_back();
  context.PrintLine(text);
}

}  // namespace

int RunServicesList(CommandContext& context) {
  auto ready = CheckAuthentication(context);
  if (!ready) return context.Report(ready.error());
  auto services = FetchAllServices(*context.client);
  if (!services) return context.Report(services.error());
  if (context.json()) {
    context.PrintJson(*services);
    return ToInt(ExitCode::kOk);
  }
  if (services->empty()) {
    context.PrintLine("no services on " + context.client->base_url());
    return ToInt(ExitCode::kOk);
  }
  std::vector<std::vector<std::string>> rows = {{"NAME", "VERSION", "TYPE", "OPERATIONS", "ID"}};
  for (const Json& service : *services) {
    rows.push_back({TextField(service, "name"), TextField(service, "version"),
                    TextField(service, "type"), std::to_string(CountOperations(service)),
                    TextField(service, "id")});
  }
  std::string table = FormatTable(rows);
  table.pop_back();
  context.PrintLine(table);
  return ToInt(ExitCode::kOk);
}

int RunServicesGet(CommandContext& context, const std::string& service) {
  auto ready = CheckAuthentication(context);
  if (!ready) return context.Report(ready.error());
  auto view = FetchService(*context.client, service, /*messages=*/true);
  if (!view) return context.Report(view.error());
  if (context.json()) {
    context.PrintJson(*view);
  } else {
    PrintServiceDetails(context, *view);
  }
  return ToInt(ExitCode::kOk);
}

int RunServicesDelete(CommandContext& context, const std::string& service) {
  auto ready = CheckAuthentication(context);
  if (!ready) return context.Report(ready.error());
  // Resolving first turns "name:version" into the id and gives the name to print.
  auto found = FetchService(*context.client, service, /*messages=*/false);
  if (!found) return context.Report(found.error());
  std::string id = TextField(*found, "id");
  if (id.empty()) {
    return context.Report({ExitCode::kApi, "the server returned a service without an id"});
  }
  auto reply = context.client->Delete(ServicePath(id));
  if (!reply) return context.Report(reply.error());
  if (reply->status == 404) return context.Report(ServiceNotFound(*context.client, service));
  if (reply->status < 200 || reply->status >= 300) {
    return context.Report(ApiError(*reply, "the deletion of service " + id));
  }
  std::string name = TextField(*found, "name");
  std::string version = TextField(*found, "version");
  if (context.json()) {
    context.PrintJson({{"deleted", {{"id", id}, {"name", name}, {"version", version}}}});
  } else {
    context.PrintLine(FormatResultLine("deleted", name + ":" + version + "  (id " + id + ")"));
  }
  return ToInt(ExitCode::kOk);
}

}  // namespace mimic::cli
