#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mimic::script {

// Key-value store that the dispatch scripts of one service share through the `store`
// global. Entries expire after their time to live. The store is bounded by entry count
// and by the bytes of keys plus values, and evicts the least recently written entries
// first. All members are thread-safe.
class ScriptStore {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    size_t max_entries = 10'000;
    size_t max_bytes = 16 * 1024 * 1024;  // keys plus values
    // Injected by tests to expire entries without sleeping.
    std::function<Clock::time_point()> now = [] { return Clock::now(); };
  };

  static constexpr std::chrono::seconds kDefaultTtl{10};

  ScriptStore() : ScriptStore(Options{}) {}
  explicit ScriptStore(Options options);

  // Stores the value under the key, replacing any previous value and resetting its time
  // to live. Returns false without storing when the key and value alone exceed
  // max_bytes or when ttl is not positive.
  bool Put(std::string key, std::string value, std::chrono::seconds ttl = kDefaultTtl);
  std::optional<std::string> Get(std::string_view key);
  void Delete(std::string_view key);

  // Counts entries, including expired ones not yet removed.
  size_t size() const;
  const Options& options() const { return options_; }

 private:
  struct Entry {
    std::string key;
    std::string value;
    Clock::time_point expires_at;
  };
  using EntryList = std::list<Entry>;

  // Transparent hashing lets Get and Delete look up a string_view without a copy.
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };

  void EraseLocked(EntryList::iterator entry);
  void RemoveExpiredLocked(Clock::time_point now);

  Options options_;
  mutable std::mutex mutex_;
  EntryList entries_;  // least recently written first
  std::unordered_map<std::string, EntryList::iterator, KeyHash, std::equal_to<>> index_;
  size_t bytes_ = 0;
  Clock::time_point last_sweep_{};
};

}  // namespace mimic::script
