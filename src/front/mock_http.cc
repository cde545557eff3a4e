#include "front/mock_http.h"

#include "common/strings.h"

namespace mimic {

std::string_view HttpRequestView::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

std::string_view HttpRequestView::path() const {
  size_t question = target.find('?');
  return question == std::string_view::npos ? target : target.substr(0, question);
}

std::string_view HttpRequestView::query() const {
  size_t question = target.find('?');
  return question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
}

void HttpResponseData::SetHeader(std::string name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (EqualsIgnoreCase(key, name)) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

HttpResponseData TextResponse(int status, std::string body) {
  HttpResponseData response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "text/plain;charset=UTF-8");
  response.body = std::move(body);
  return response;
}

HttpResponseData JsonResponse(int status, std::string body) {
  HttpResponseData response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = std::move(body);
  return response;
}

}  // namespace mimic
