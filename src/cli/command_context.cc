#include "cli/command_context.h"

#include "common/json.h"

namespace mimic::cli {

void CommandContext::PrintLine(std::string_view line) {
  if (progress != nullptr) progress->Clear();
  *out << ForTerminal(line) << '\n' << std::flush;
}

void CommandContext::PrintError(std::string_view message) {
  if (progress != nullptr) progress->Clear();
  *out << std::flush;
  *err << "error: " << ForTerminal(message) << '\n' << std::flush;
}

void CommandContext::PrintErrorDetail(std::string_view line) {
  if (progress != nullptr) progress->Clear();
  *err << ForTerminal(line) << '\n' << std::flush;
}

void CommandContext::PrintJson(const Json& document) {
  if (progress != nullptr) progress->Clear();
  *out << FormatJson(document) << std::flush;
}

int CommandContext::Report(const CommandError& error) {
  PrintError(error.message);
  return ToInt(error.code);
}

CommandResult<void> CheckAuthentication(CommandContext& context) {
  auto reply = context.client->Get("/api/keycloak/config");
  if (!reply) return tl::unexpected<CommandError>(reply.error());
  if (reply->status != 200) {
    // Servers without this endpoint have no Keycloak to ask, so the commands go on.
    if (context.verbose) {
      context.PrintErrorDetail("note: /api/keycloak/config returned HTTP " +
                               std::to_string(reply->status) + "; assuming no authentication");
    }
    return {};
  }
  Json config = Json::parse(reply->body, nullptr, false);
  bool enabled = false;
  if (!config.is_discarded() && config.is_object()) {
    auto field = config.find("enabled");
    enabled = field != config.end() && field->is_boolean() && field->get<bool>();
  }
  if (enabled) {
    return Fail(ExitCode::kApi,
                "the server at " + context.client->base_url() +
                    " has authentication (Keycloak) enabled, and authentication is not supported "
                    "by this client yet. Turn authentication off on the server, or use "
                    "microcks-cli for this server.");
  }
  if (context.credentials_given && context.verbose) {
    context.PrintErrorDetail(
        "note: the server has authentication off; --keycloakClientId and "
        "--keycloakClientSecret are ignored");
  }
  return {};
}

}  // namespace mimic::cli
