#include "testing/conformance.h"

#include <cmath>
#include <ctime>
#include <map>

namespace mimic::contract {
namespace {

size_t ExampleCount(const Service& service, const std::string& operation_name) {
  auto found = service.exchanges.find(operation_name);
  return found == service.exchanges.end() ? 0 : found->second.size();
}

double OperationWeight(const Service& service, const std::string& operation_name) {
  if (service.operations.empty()) return 0;
  double full = 100.0 / static_cast<double>(service.operations.size());
  size_t examples = ExampleCount(service, operation_name);
  if (examples == 0) return 0;
  return examples == 1 ? full / 2 : full;
}

double Mean(const std::vector<double>& values, size_t from) {
  if (from >= values.size()) return 0;
  double sum = 0;
  for (size_t i = from; i < values.size(); ++i) sum += values[i];
  return sum / static_cast<double>(values.size() - from);
}

std::string AggregationValue(const Service& service) {
  auto found = service.metadata.labels.find(std::string(kAggregationLabel));
  return found == service.metadata.labels.end() ? "" : found->second;
}

}  // namespace

double MaxPossibleScore(const Service& service) {
  double total = 0;
  for (const Operation& operation : service.operations) {
    total += OperationWeight(service, operation.name);
  }
  return total;
}

double RunScore(const Service& service, const TestResult& result) {
  double total = 0;
  for (const TestCaseResult& test_case : result.cases) {
    double weight = OperationWeight(service, test_case.operation_name);
    if (test_case.success) {
      total += weight;
      continue;
    }
    if (test_case.steps.empty()) continue;
    size_t passed = 0;
    for (const TestStepResult& step : test_case.steps) passed += step.success ? 1 : 0;
    total += weight * static_cast<double>(passed) / static_cast<double>(test_case.steps.size());
  }
  return total;
}

std::string ScoreTrend(const std::vector<double>& scores) {
  if (scores.size() < 2) return "STABLE";
  size_t recent_from = scores.size() > kTrendSize ? scores.size() - kTrendSize : 0;
  double delta = Mean(scores, recent_from) - Mean(scores, 0);
  if (delta >= 5) return "UP";
  if (delta >= 0.2) return "LOW_UP";
  if (delta > -0.2) return "STABLE";
  if (delta >= -5) return "LOW_DOWN";
  return "DOWN";
}

std::string DayOf(int64_t epoch_millis) {
  std::time_t seconds = static_cast<std::time_t>(epoch_millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[16];
  std::strftime(buffer, sizeof(buffer), "%Y%m%d", &utc);
  return buffer;
}

Json EmptyConformance(const Service& service) {
  Json metric = Json::object();
  metric["id"] = service.id;
  metric["serviceId"] = service.id;
  std::string label = AggregationValue(service);
  if (!label.empty()) metric["aggregationLabelValue"] = label;
  metric["maxPossibleScore"] = MaxPossibleScore(service);
  metric["currentScore"] = 0.0;
  metric["latestScores"] = Json::object();
  return metric;
}

Json UpdateConformance(const Json& previous, const Service& service, const TestResult& result) {
  Json metric = EmptyConformance(service);
  metric["id"] = FieldOr(previous, "id", service.id);
  // Days sort as text because they are yyyyMMdd; the latest score of a day wins.
  std::map<std::string, double> history;
  const Json& stored = FieldOr(previous, "latestScores", Json::object());
  for (const auto& [day, score] : stored.items()) {
    if (score.is_number()) history[day] = score.get<double>();
  }
  double score = RunScore(service, result);
  std::string day = DayOf(result.test_date);
  history[day] = score;
  while (history.size() > kScoreHistoryDays) history.erase(history.begin());
  std::vector<double> ordered;
  Json latest = Json::object();
  for (const auto& [key, value] : history) {
    ordered.push_back(value);
    latest[key] = value;
  }
  metric["currentScore"] = score;
  metric["lastUpdateDay"] = day;
  metric["latestTrend"] = ScoreTrend(ordered);
  metric["latestScores"] = std::move(latest);
  return metric;
}

Json AggregateConformance(const std::vector<Json>& metrics) {
  struct Group {
    int count = 0;
    double percent_sum = 0;
  };
  std::map<std::string, Group> groups;
  for (const Json& metric : metrics) {
    std::string name = FieldOr(metric, "aggregationLabelValue", "");
    if (name.empty()) name = "(none)";
    double max = metric.contains("maxPossibleScore") && metric["maxPossibleScore"].is_number()
                     ? metric["maxPossibleScore"].get<double>()
                     : 0;
    double current = metric.contains("currentScore") && metric["currentScore"].is_number()
                         ? metric["currentScore"].get<double>()
                         : 0;
    Group& group = groups[name];
    group.count += 1;
    group.percent_sum += max > 0 ? 100.0 * current / max : 0;
  }
  Json list = Json::array();
  for (const auto& [name, group] : groups) {
    list.push_back({{"name", name},
                    {"weight", group.count},
                    {"value", static_cast<int>(std::lround(group.percent_sum / group.count))}});
  }
  return list;
}

}  // namespace mimic::contract
