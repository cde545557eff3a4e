#include "jobs/import_jobs.h"

#include <map>

#include <gtest/gtest.h>

#include "secrets/origin_credentials.h"
#include "secrets/secret.h"
#include "support/mock_fixture.h"

namespace mimic {
namespace {

constexpr const char* kOpenApi = R"yaml(
openapi: 3.0.0
info: {title: Jobs API, version: '2.0'}
paths:
  /items:
    get:
      responses:
        '200':
          content:
            application/json:
              examples:
                all: {value: [1, 2]}
)yaml";

TEST(UrlOrigin, FillsDefaultPortsAndLowercases) {
  EXPECT_EQ(*UrlOrigin("http://Example.COM/a/b.yaml"), "http://example.com:80");
  EXPECT_EQ(*UrlOrigin("HTTPS://example.com/x"), "https://example.com:443");
  EXPECT_EQ(*UrlOrigin("http://127.0.0.1:8081/x?y=1"), "http://127.0.0.1:8081");
  EXPECT_EQ(*UrlOrigin("http://[::1]:9000/x"), "http://[::1]:9000");
}

TEST(UrlOrigin, DistinguishesSchemeHostAndPort) {
  std::string base = *UrlOrigin("http://127.0.0.1:8081/spec.yaml");
  EXPECT_EQ(*UrlOrigin("http://127.0.0.1:8081/other/ref.yaml"), base);
  EXPECT_NE(*UrlOrigin("http://127.0.0.1:8082/spec.yaml"), base);
  EXPECT_NE(*UrlOrigin("https://127.0.0.1:8081/spec.yaml"), base);
  EXPECT_NE(*UrlOrigin("http://localhost:8081/spec.yaml"), base);
}

TEST(UrlOrigin, RejectsOtherSchemes) {
  EXPECT_FALSE(UrlOrigin("ftp://example.com/x"));
  EXPECT_FALSE(UrlOrigin("/relative/path"));
  EXPECT_FALSE(UrlOrigin("http://"));
}

TEST(OriginCredentials, BindsSecretToArtifactOrigin) {
  Secret secret;
  secret.token = "t0ken";
  secret.ca_cert_pem = "-----BEGIN CERTIFICATE-----";
  auto credentials = CredentialsForArtifact(secret, "https://repo.example:8443/a/spec.yaml");
  ASSERT_TRUE(credentials) << credentials.error().message;
  EXPECT_EQ(credentials->origin, "https://repo.example:8443");
  ASSERT_EQ(credentials->headers.size(), 1u);
  EXPECT_EQ(credentials->headers[0].second, "Bearer t0ken");
  EXPECT_EQ(credentials->ca_cert_pem, secret.ca_cert_pem);
}

TEST(MergeImportJob, RequiresNameAndHttpUrl) {
  EXPECT_FALSE(MergeImportJob(Json{{"repositoryUrl", "http://h/x"}}, Json::object()));
  auto bad_url =
      MergeImportJob(Json{{"name", "j"}, {"repositoryUrl", "file:///etc/x"}}, Json::object());
  ASSERT_FALSE(bad_url);
  EXPECT_NE(bad_url.error().message.find("file:///etc/x"), std::string::npos);
  auto job = MergeImportJob(Json{{"name", "j"}, {"repositoryUrl", "http://h/x"}}, Json::object());
  ASSERT_TRUE(job);
  EXPECT_EQ((*job)["mainArtifact"], true);
  EXPECT_EQ((*job)["active"], false);
  EXPECT_TRUE((*job)["serviceRefs"].is_array());
}

TEST(MergeImportJob, KeepsRunStateOnUpdate) {
  Json existing = {{"id", "a"},
                   {"name", "old"},
                   {"repositoryUrl", "http://h/x"},
                   {"createdDate", 5},
                   {"active", true},
                   {"lastImportError", "boom"},
                   {"secretRef", {{"secretId", "s"}, {"name", "n"}}}};
  auto job = MergeImportJob(
      Json{{"name", "new"}, {"repositoryUrl", "http://h/y"}, {"active", false}, {"id", "zzz"}},
      existing);
  ASSERT_TRUE(job);
  EXPECT_EQ((*job)["id"], "a");
  EXPECT_EQ((*job)["name"], "new");
  EXPECT_EQ((*job)["createdDate"], 5);
  EXPECT_EQ((*job)["active"], true);
  EXPECT_EQ((*job)["lastImportError"], "boom");
  EXPECT_FALSE(job->contains("secretRef"));
}

// Serves fixed documents and remembers what each download was allowed to use.
class JobsTest : public testing::MockFixture {
 protected:
  void SetUp() override {
    MockFixture::SetUp();
    jobs_ = std::make_unique<ImportJobs>(
        catalog_.get(),
        [this](const FetchSettings& settings) {
          seen_.push_back(settings);
          struct MapFetcher : DocumentFetcher {
            std::map<std::string, std::string>* documents;
            Result<std::string> Fetch(const std::string& uri) override {
              auto found = documents->find(uri);
              if (found == documents->end()) {
                return MakeError(ErrorCode::kUnavailable, "Cannot fetch " + uri + ": HTTP 404.");
              }
              return found->second;
            }
          };
          auto fetcher = std::make_unique<MapFetcher>();
          fetcher->documents = &documents_;
          return fetcher;
        },
        std::chrono::seconds(3600));
  }

  std::map<std::string, std::string> documents_;
  std::vector<FetchSettings> seen_;
  std::unique_ptr<ImportJobs> jobs_;
};

TEST_F(JobsTest, RunRecordsServicesAndUsesSecret) {
  documents_["http://repo:81/api.yaml"] = kOpenApi;
  ASSERT_TRUE(store_->PutRecord(kSecretRecordKind, "s1",
                                Json{{"name", "repo"}, {"username", "u"}, {"password", "p"}}));
  auto created = jobs_->Create(Json{{"name", "job"},
                                    {"repositoryUrl", "http://repo:81/api.yaml"},
                                    {"secretRef", {{"secretId", "s1"}, {"name", "repo"}}}});
  ASSERT_TRUE(created) << created.error().message;
  std::string id = (*created)["id"];
  EXPECT_GT(FieldOr(*created, "createdDate", int64_t{0}), 0);

  auto ran = jobs_->Run(id);
  ASSERT_TRUE(ran);
  ASSERT_TRUE(ran->has_value());
  const Json& job = **ran;
  EXPECT_FALSE(job.contains("lastImportError")) << DumpJson(job);
  EXPECT_GT(FieldOr(job, "lastImportDate", int64_t{0}), 0);
  ASSERT_EQ(job["serviceRefs"].size(), 1u);
  EXPECT_EQ(job["serviceRefs"][0]["name"], "Jobs API");
  EXPECT_EQ(job["serviceRefs"][0]["version"], "2.0");
  EXPECT_NE(catalog_->FindService("Jobs API:2.0"), nullptr);

  ASSERT_EQ(seen_.size(), 1u);
  EXPECT_EQ(seen_[0].credentials.origin, "http://repo:81");
  ASSERT_EQ(seen_[0].credentials.headers.size(), 1u);
  EXPECT_EQ(seen_[0].credentials.headers[0].first, "Authorization");
}

TEST_F(JobsTest, FailedRunKeepsErrorAndPreviousServices) {
  documents_["http://repo/api.yaml"] = kOpenApi;
  auto created = jobs_->Create(Json{{"name", "job"}, {"repositoryUrl", "http://repo/api.yaml"}});
  ASSERT_TRUE(created);
  std::string id = (*created)["id"];
  ASSERT_TRUE(jobs_->Run(id));
  documents_.clear();
  auto ran = jobs_->Run(id);
  ASSERT_TRUE(ran);
  ASSERT_TRUE(ran->has_value());
  EXPECT_NE(FieldOr(**ran, "lastImportError", "").find("404"), std::string::npos);
  EXPECT_EQ((**ran)["serviceRefs"].size(), 1u);
  documents_["http://repo/api.yaml"] = kOpenApi;
  ran = jobs_->Run(id);
  EXPECT_FALSE((**ran).contains("lastImportError"));
}

TEST_F(JobsTest, MissingSecretIsRejectedAtCreation) {
  auto created = jobs_->Create(Json{{"name", "job"},
                                    {"repositoryUrl", "http://repo/api.yaml"},
                                    {"secretRef", {{"secretId", "gone"}, {"name", "gone"}}}});
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(created.error().message.find("'gone'"), std::string::npos);
  EXPECT_TRUE(seen_.empty());
}

TEST_F(JobsTest, NamesAreUniqueAndStateToggles) {
  auto first = jobs_->Create(Json{{"name", "job"}, {"repositoryUrl", "http://repo/a.yaml"}});
  ASSERT_TRUE(first);
  auto second = jobs_->Create(Json{{"name", "job"}, {"repositoryUrl", "http://repo/b.yaml"}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kAlreadyExists);
  std::string id = (*first)["id"];
  EXPECT_EQ((**jobs_->SetActive(id, true))["active"], true);
  EXPECT_EQ((**jobs_->SetActive(id, false))["active"], false);
  EXPECT_FALSE(jobs_->SetActive("nope", true)->has_value());
  EXPECT_TRUE(*jobs_->Delete(id));
  EXPECT_FALSE(jobs_->Get(id)->has_value());
}

TEST_F(JobsTest, SchedulerStopsPromptly) {
  jobs_->StartScheduler();
  auto started = std::chrono::steady_clock::now();
  jobs_->StopScheduler();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

}  // namespace
}  // namespace mimic
