#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "catalog/service_catalog.h"
#include "front/rest_front.h"
#include "store/sqlite_store.h"

namespace mimic::testing {

// An in-memory catalog with helpers to import artifacts and call the REST
// front as a pure function, without sockets.
class MockFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteStore::Open(":memory:");
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    catalog_ = std::make_unique<ServiceCatalog>(store_.get());
    ASSERT_TRUE(catalog_->Load());
  }

  Result<ImportOutcome> Import(const std::string& content, const std::string& name = "api.yaml",
                               bool main = true) {
    ImportRequest request;
    request.artifact_name = name;
    request.main_artifact = main;
    return catalog_->Import(content, request);
  }

  void MustImport(const std::string& content, const std::string& name = "api.yaml",
                  bool main = true) {
    auto outcome = Import(content, name, main);
    ASSERT_TRUE(outcome) << outcome.error().message;
  }

  HttpResponseData Call(const std::string& method, const std::string& target,
                        std::vector<std::pair<std::string, std::string>> headers = {},
                        const std::string& body = "") {
    headers_ = std::move(headers);
    body_ = body;
    target_ = target;
    method_ = method;
    HttpRequestView view;
    view.method = method_;
    view.target = target_;
    for (const auto& [name, value] : headers_) view.headers.emplace_back(name, value);
    view.body = body_;
    view.host = "localhost:8080";
    return HandleRestMock(view, *catalog_->index(), config_, nullptr);
  }

  static std::string HeaderOf(const HttpResponseData& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
      if (key == name) return value;
    }
    return "";
  }

  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<ServiceCatalog> catalog_;
  RestFrontConfig config_;

 private:
  std::vector<std::pair<std::string, std::string>> headers_;
  std::string body_;
  std::string target_;
  std::string method_;
};

}  // namespace mimic::testing
