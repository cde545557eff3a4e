#include "metrics/invocation_stats.h"

#include <chrono>
#include <ctime>

#include "common/strings.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

std::string FormatDay(std::time_t time) {
  std::tm tm_utc;
  gmtime_r(&time, &tm_utc);
  char buffer[16];
  std::strftime(buffer, sizeof(buffer), "%Y%m%d", &tm_utc);
  return buffer;
}

// The UTC day of an epoch second as yyyyMMdd, cached per thread because the hot
// path requests the same day many times a second and gmtime_r takes a lock.
const std::string& CachedDay(std::time_t now) {
  thread_local std::time_t cached_day_number = -1;
  thread_local std::string cached_day;
  std::time_t day_number = now / 86400;
  if (day_number != cached_day_number) {
    cached_day = FormatDay(now);
    cached_day_number = day_number;
  }
  return cached_day;
}

std::string Key(const std::string& day, const std::string& name, const std::string& version) {
  return day + "\n" + name + "\n" + version;
}

}  // namespace

InvocationStats::InvocationStats(Store* store, bool enabled,
                                 std::chrono::milliseconds flush_interval)
    : store_(store), enabled_(enabled), flush_interval_(flush_interval) {
  if (enabled_) flusher_ = std::thread([this] { FlushLoop(); });
}

InvocationStats::~InvocationStats() {
  {
    std::lock_guard<std::mutex> lock(wake_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (flusher_.joinable()) flusher_.join();
  if (enabled_) Flush();
}

std::string InvocationStats::Today() { return FormatDay(std::time(nullptr)); }

std::string InvocationStats::DayBefore(int days_ago) {
  return FormatDay(std::time(nullptr) - static_cast<std::time_t>(days_ago) * 86400);
}

std::shared_ptr<InvocationStats::Counters> InvocationStats::Find(const std::string& key) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto it = counters_.find(key);
  return it == counters_.end() ? nullptr : it->second;
}

std::shared_ptr<InvocationStats::Counters> InvocationStats::FindOrCreate(
    const std::string& day, const std::string& name, const std::string& version) {
  std::string key = Key(day, name, version);
  if (auto found = Find(key)) return found;
  LoadDay(day);
  std::unique_lock<std::shared_mutex> lock(mutex_);
  auto& slot = counters_[key];
  if (!slot) {
    slot = std::make_shared<Counters>();
    slot->day = day;
    slot->service_name = name;
    slot->service_version = version;
  }
  return slot;
}

// Reads a day's stored counts into memory once, so new calls add to them.
void InvocationStats::LoadDay(const std::string& day) {
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    if (loaded_days_.count(day)) return;
  }
  auto stored = store_->LoadDailyStatistics(day);
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (loaded_days_.count(day)) return;
  loaded_days_[day] = true;
  if (!stored) {
    spdlog::warn("event=stats.load_failed day={} error={}", day, LogValue(stored.error().message));
    return;
  }
  for (const DailyStatistic& statistic : *stored) {
    auto& slot = counters_[Key(day, statistic.service_name, statistic.service_version)];
    if (slot) continue;
    slot = std::make_shared<Counters>();
    slot->day = day;
    slot->service_name = statistic.service_name;
    slot->service_version = statistic.service_version;
    slot->daily = statistic.daily_count;
    for (size_t i = 0; i < 24; ++i) slot->hourly[i] = statistic.hourly_count[i];
    for (size_t i = 0; i < 1440; ++i) slot->minute[i] = statistic.minute_count[i];
  }
}

void InvocationStats::Record(const std::string& service_name, const std::string& service_version) {
  if (!enabled_) return;
  std::time_t now = std::time(nullptr);
  // UTC has no leap-second or offset adjustments in epoch time, so the minute of the
  // day is plain arithmetic.
  size_t minute_of_day = static_cast<size_t>((now % 86400) / 60);
  auto counters = FindOrCreate(CachedDay(now), service_name, service_version);
  counters->daily.fetch_add(1, std::memory_order_relaxed);
  counters->hourly[minute_of_day / 60].fetch_add(1, std::memory_order_relaxed);
  counters->minute[minute_of_day].fetch_add(1, std::memory_order_relaxed);
  counters->dirty.store(true, std::memory_order_release);
}

DailyStatistic InvocationStats::Snapshot(const Counters& counters) {
  DailyStatistic statistic;
  statistic.day = counters.day;
  statistic.service_name = counters.service_name;
  statistic.service_version = counters.service_version;
  statistic.daily_count = counters.daily.load();
  for (size_t i = 0; i < 24; ++i) statistic.hourly_count[i] = counters.hourly[i].load();
  for (size_t i = 0; i < 1440; ++i) statistic.minute_count[i] = counters.minute[i].load();
  return statistic;
}

std::optional<DailyStatistic> InvocationStats::ForService(const std::string& service_name,
                                                          const std::string& service_version,
                                                          const std::string& day) {
  std::string wanted = day.empty() ? Today() : day;
  LoadDay(wanted);
  auto counters = Find(Key(wanted, service_name, service_version));
  if (!counters || counters->daily.load() == 0) return std::nullopt;
  return Snapshot(*counters);
}

std::vector<DailyStatistic> InvocationStats::ForDay(const std::string& day) {
  std::string wanted = day.empty() ? Today() : day;
  LoadDay(wanted);
  std::vector<DailyStatistic> result;
  std::shared_lock<std::shared_mutex> lock(mutex_);
  for (const auto& [key, counters] : counters_) {
    if (counters->day == wanted && counters->daily.load() > 0) {
      result.push_back(Snapshot(*counters));
    }
  }
  return result;
}

void InvocationStats::Flush() {
  std::lock_guard<std::mutex> flush_lock(flush_mutex_);
  std::vector<DailyStatistic> pending;
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    for (const auto& [key, counters] : counters_) {
      if (counters->dirty.exchange(false)) pending.push_back(Snapshot(*counters));
    }
  }
  if (!pending.empty()) {
    auto saved = store_->SaveDailyStatistics(pending);
    if (!saved) {
      spdlog::warn("event=stats.flush_failed error={}", LogValue(saved.error().message));
      std::shared_lock<std::shared_mutex> lock(mutex_);
      for (const DailyStatistic& statistic : pending) {
        auto it =
            counters_.find(Key(statistic.day, statistic.service_name, statistic.service_version));
        if (it != counters_.end()) it->second->dirty = true;
      }
      return;
    }
  }
  // Past days that are fully written leave memory; they are read back on request.
  std::string today = Today();
  std::unique_lock<std::shared_mutex> lock(mutex_);
  for (auto it = counters_.begin(); it != counters_.end();) {
    if (it->second->day != today && !it->second->dirty.load()) {
      loaded_days_.erase(it->second->day);
      it = counters_.erase(it);
    } else {
      ++it;
    }
  }
}

void InvocationStats::FlushLoop() {
  std::unique_lock<std::mutex> lock(wake_mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, flush_interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    Flush();
    lock.lock();
  }
}

Json ToJson(const DailyStatistic& statistic) {
  Json json = Json::object();
  json["id"] = statistic.day + "-" + statistic.service_name + "-" + statistic.service_version;
  json["day"] = statistic.day;
  // Aggregates have no service; Microcks' API description still requires both
  // fields, so they are sent empty rather than left out.
  json["serviceName"] = statistic.service_name;
  json["serviceVersion"] = statistic.service_version;
  json["dailyCount"] = statistic.daily_count;
  Json hourly = Json::object();
  for (size_t i = 0; i < statistic.hourly_count.size(); ++i) {
    hourly[std::to_string(i)] = statistic.hourly_count[i];
  }
  json["hourlyCount"] = std::move(hourly);
  Json minute = Json::object();
  for (size_t i = 0; i < statistic.minute_count.size(); ++i) {
    if (statistic.minute_count[i] != 0) minute[std::to_string(i)] = statistic.minute_count[i];
  }
  json["minuteCount"] = std::move(minute);
  return json;
}

}  // namespace mimic
