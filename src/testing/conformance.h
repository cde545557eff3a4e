#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "model/service.h"
#include "testing/test_result.h"

namespace mimic::contract {

// The service label whose value groups conformance scores in the aggregate view.
inline constexpr std::string_view kAggregationLabel = "domain";
// Days of scores kept per service, and how many recent ones the trend averages.
inline constexpr size_t kScoreHistoryDays = 10;
inline constexpr size_t kTrendSize = 3;

// The best score a test of `service` can reach: each operation weighs 100 / n,
// halved when it has a single example and zero without examples, because a test
// then exercises less of it.
double MaxPossibleScore(const Service& service);

// The score of one finished run: each tested operation brings its weight times the
// share of its steps that passed.
double RunScore(const Service& service, const TestResult& result);

// Compares the mean of the latest kTrendSize scores with the mean of the whole
// history: UP above +5, LOW_UP above +0.2, STABLE within 0.2, LOW_DOWN down to -5,
// DOWN below.
std::string ScoreTrend(const std::vector<double>& scores_oldest_first);

// "yyyyMMdd" (UTC) of an epoch-milliseconds instant.
std::string DayOf(int64_t epoch_millis);

// The TestConformanceMetric after `result` finished: `previous` is the stored
// metric or null.
Json UpdateConformance(const Json& previous, const Service& service, const TestResult& result);

// The metric of a service that was never tested: zero score, empty history.
Json EmptyConformance(const Service& service);

// WeightedMetricValue per aggregation label value: name, weight (number of
// services) and value (mean score of those services as a percentage of their
// maximum).
Json AggregateConformance(const std::vector<Json>& metrics);

}  // namespace mimic::contract
