#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"

namespace mimic {

// Counts mock invocations per service and UTC day, by hour and by minute.
// Record() updates memory before the response is sent, so a client that
// reads the count right after its call gets it. A background thread writes
// the counts to the store in batches. Memory holds today's counters plus
// days read back on request, and drops past days once they are written.
class InvocationStats {
 public:
  InvocationStats(Store* store, bool enabled,
                  std::chrono::milliseconds flush_interval = std::chrono::milliseconds(2000));
  ~InvocationStats();
  InvocationStats(const InvocationStats&) = delete;
  InvocationStats& operator=(const InvocationStats&) = delete;

  bool enabled() const { return enabled_; }
  void Record(const std::string& service_name, const std::string& service_version);

  // Statistics of one service on a day ("" for today); nothing when it was never called.
  std::optional<DailyStatistic> ForService(const std::string& service_name,
                                           const std::string& service_version,
                                           const std::string& day);
  // Statistics of every service called on a day.
  std::vector<DailyStatistic> ForDay(const std::string& day);

  // Writes pending counts now.
  void Flush();

  static std::string Today();
  // The day `days_ago` days before today, as yyyyMMdd.
  static std::string DayBefore(int days_ago);

 private:
  struct Counters {
    std::string day;
    std::string service_name;
    std::string service_version;
    std::atomic<int64_t> daily{0};
    std::array<std::atomic<int64_t>, 24> hourly{};
    std::array<std::atomic<int64_t>, 1440> minute{};
    std::atomic<bool> dirty{false};
  };

  std::shared_ptr<Counters> Find(const std::string& key) const;
  std::shared_ptr<Counters> FindOrCreate(const std::string& day, const std::string& name,
                                         const std::string& version);
  void LoadDay(const std::string& day);
  static DailyStatistic Snapshot(const Counters& counters);
  void FlushLoop();

  Store* store_;
  bool enabled_;
  std::chrono::milliseconds flush_interval_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<Counters>> counters_;  // key: day \n name \n version
  std::map<std::string, bool> loaded_days_;
  std::mutex flush_mutex_;
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread flusher_;
};

// Microcks' DailyStatistic JSON: dailyCount, hourlyCount and minuteCount maps
// keyed by index as text (minutes without calls are left out).
Json ToJson(const DailyStatistic& statistic);

}  // namespace mimic
