#include "script/script_store.h"

#include <utility>

namespace mimic::script {

ScriptStore::ScriptStore(Options options) : options_(std::move(options)) {
  if (!options_.now) options_.now = [] { return Clock::now(); };
}

bool ScriptStore::Put(std::string key, std::string value, std::chrono::seconds ttl) {
  size_t entry_bytes = key.size() + value.size();
  if (ttl <= std::chrono::seconds::zero() || entry_bytes > options_.max_bytes ||
      options_.max_entries == 0) {
    return false;
  }
  Clock::time_point now = options_.now();

  std::lock_guard lock(mutex_);
  if (auto found = index_.find(key); found != index_.end()) EraseLocked(found->second);

  // Expired entries go first, so that live ones are evicted only when the store is full.
  // The sweep walks every entry, so it runs at most once a second of the store's clock.
  bool over_limit =
      entries_.size() + 1 > options_.max_entries || bytes_ + entry_bytes > options_.max_bytes;
  if (over_limit && now - last_sweep_ >= std::chrono::seconds(1)) {
    RemoveExpiredLocked(now);
    last_sweep_ = now;
  }
  while (!entries_.empty() && (entries_.size() + 1 > options_.max_entries ||
                               bytes_ + entry_bytes > options_.max_bytes)) {
    EraseLocked(entries_.begin());
  }

  entries_.push_back(Entry{std::move(key), std::move(value), now + ttl});
  auto inserted = std::prev(entries_.end());
  index_.emplace(inserted->key, inserted);
  bytes_ += entry_bytes;
  return true;
}

std::optional<std::string> ScriptStore::Get(std::string_view key) {
  Clock::time_point now = options_.now();
  std::lock_guard lock(mutex_);
  auto found = index_.find(key);
  if (found == index_.end()) return std::nullopt;
  if (found->second->expires_at <= now) {
    EraseLocked(found->second);
    return std::nullopt;
  }
  return found->second->value;
}

void ScriptStore::Delete(std::string_view key) {
  std::lock_guard lock(mutex_);
  if (auto found = index_.find(key); found != index_.end()) EraseLocked(found->second);
}

size_t ScriptStore::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void ScriptStore::EraseLocked(EntryList::iterator entry) {
  bytes_ -= entry->key.size() + entry->value.size();
  index_.erase(entry->key);
  entries_.erase(entry);
}

void ScriptStore::RemoveExpiredLocked(Clock::time_point now) {
  for (auto entry = entries_.begin(); entry != entries_.end();) {
    auto next = std::next(entry);
    if (entry->expires_at <= now) EraseLocked(entry);
    entry = next;
  }
}

}  // namespace mimic::script
