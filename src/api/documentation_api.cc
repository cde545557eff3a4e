#include "api/documentation_api.h"

#include "common/strings.h"
#include "common/xml_escape.h"

namespace mimic {
namespace {

constexpr std::string_view kPrefix = "/api/documentation/";

std::string PercentEncodeSegment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 15];
    }
  }
  return encoded;
}

bool IsDocumentedType(std::string_view type) {
  return type == "OPEN_API_SPEC" || type == "SWAGGER" || type == "ASYNC_API_SPEC";
}

}  // namespace

std::string DocumentationPage(std::string_view title, std::string_view resource_type,
                              std::string_view spec_url) {
  std::string safe_title = XmlEscape(title);
  std::string safe_url = XmlEscape(spec_url);
  std::string page =
      "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + safe_title +
      "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  if (resource_type == "ASYNC_API_SPEC") {
    page +=
        "<link rel=\"stylesheet\" "
        "href=\"https://unpkg.com/@asyncapi/react-component@1/styles/default.min.css\">\n"
        "</head>\n<body>\n<div id=\"asyncapi\"></div>\n"
        "<script src=\"https://unpkg.com/@asyncapi/react-component@1/browser/standalone/"
        "index.js\"></script>\n<script>\nAsyncApiStandalone.render({schema: {url: \"" +
        safe_url +
        "\"}, config: {show: {sidebar: true}}}, document.getElementById(\"asyncapi\"));\n"
        "</script>\n";
  } else {
    page += "</head>\n<body>\n<redoc spec-url=\"" + safe_url +
            "\"></redoc>\n<script "
            "src=\"https://cdn.redoc.ly/redoc/latest/bundles/redoc.standalone.js\"></script>\n";
  }
  page += "</body>\n</html>\n";
  return page;
}

std::optional<HttpResponseData> DocumentationApi::Handle(const HttpRequestView& request,
                                                         std::string_view path) {
  if (!StartsWith(path, kPrefix)) return std::nullopt;
  if (request.method != "GET") {
    return TextResponse(405, "Documentation pages are read with GET.");
  }
  std::string_view rest = path.substr(kPrefix.size());
  bool by_id = StartsWith(rest, "id/");
  if (by_id) rest.remove_prefix(3);
  size_t slash = rest.rfind('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) {
    return TextResponse(404,
                        "Use /api/documentation/{resourceName}/{resourceType} or "
                        "/api/documentation/id/{resourceId}/{resourceType}.");
  }
  std::string key = PercentDecode(rest.substr(0, slash));
  std::string type = PercentDecode(rest.substr(slash + 1));
  if (!IsDocumentedType(type)) {
    return TextResponse(400, "No documentation page for resource type '" + type +
                                 "': use OPEN_API_SPEC, SWAGGER or ASYNC_API_SPEC.");
  }
  for (const auto& service : catalog_->ListServices()) {
    for (const Resource& resource : service->resources) {
      if (by_id ? resource.id != key : resource.name != key) continue;
      std::string spec_url = resource.id.empty()
                                 ? "/api/resources/" + PercentEncodeSegment(resource.name)
                                 : "/api/resources/id/" + PercentEncodeSegment(resource.id);
      HttpResponseData response;
      response.headers.emplace_back("Content-Type", "text/html;charset=UTF-8");
      response.body = DocumentationPage(service->name + " " + service->version, type, spec_url);
      return response;
    }
  }
  return TextResponse(404, std::string("No resource ") + (by_id ? "with id '" : "named '") + key +
                               "'. List a service's resources with "
                               "GET /api/resources/service/{serviceId}.");
}

}  // namespace mimic
