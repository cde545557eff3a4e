#include "script/script_store.h"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

namespace mimic::script {
namespace {

using std::chrono::seconds;

// A store whose clock the test moves by hand.
struct ManualClockStore {
  explicit ManualClockStore(ScriptStore::Options options = {}) {
    options.now = [this] { return now; };
    store = std::make_unique<ScriptStore>(std::move(options));
  }

  ScriptStore::Clock::time_point now{};
  std::unique_ptr<ScriptStore> store;
};

TEST(ScriptStore, PutGetDelete) {
  ScriptStore store;
  EXPECT_FALSE(store.Get("missing").has_value());

  EXPECT_TRUE(store.Put("cart", "3 items"));
  ASSERT_TRUE(store.Get("cart").has_value());
  EXPECT_EQ(*store.Get("cart"), "3 items");

  store.Put("cart", "4 items");
  EXPECT_EQ(*store.Get("cart"), "4 items");
  EXPECT_EQ(store.size(), 1u);

  store.Delete("cart");
  EXPECT_FALSE(store.Get("cart").has_value());
  store.Delete("cart");  // deleting a missing key is a no-op
  EXPECT_EQ(store.size(), 0u);
}

TEST(ScriptStore, DefaultTtlIsTenSeconds) {
  ManualClockStore clock;
  clock.store->Put("token", "abc");

  clock.now += seconds(9);
  EXPECT_TRUE(clock.store->Get("token").has_value());

  clock.now += seconds(1);
  EXPECT_FALSE(clock.store->Get("token").has_value());
  EXPECT_EQ(clock.store->size(), 0u);
}

TEST(ScriptStore, CustomTtlAndRefresh) {
  ManualClockStore clock;
  clock.store->Put("session", "1", seconds(60));
  clock.now += seconds(50);
  EXPECT_TRUE(clock.store->Get("session").has_value());

  // Writing again restarts the time to live.
  clock.store->Put("session", "2", seconds(60));
  clock.now += seconds(50);
  ASSERT_TRUE(clock.store->Get("session").has_value());
  EXPECT_EQ(*clock.store->Get("session"), "2");
}

TEST(ScriptStore, RejectsNonPositiveTtl) {
  ScriptStore store;
  EXPECT_FALSE(store.Put("key", "value", seconds(0)));
  EXPECT_FALSE(store.Put("key", "value", seconds(-5)));
  EXPECT_FALSE(store.Get("key").has_value());
}

TEST(ScriptStore, EvictsOldestWhenFull) {
  ScriptStore::Options options;
  options.max_entries = 3;
  ScriptStore store(options);
  store.Put("a", "1");
  store.Put("b", "2");
  store.Put("c", "3");
  store.Put("a", "1 again");  // rewriting makes "a" the newest
  store.Put("d", "4");

  EXPECT_EQ(store.size(), 3u);
  EXPECT_FALSE(store.Get("b").has_value());
  EXPECT_TRUE(store.Get("a").has_value());
  EXPECT_TRUE(store.Get("c").has_value());
  EXPECT_TRUE(store.Get("d").has_value());
}

TEST(ScriptStore, ExpiredEntriesGoBeforeLiveOnes) {
  ScriptStore::Options options;
  options.max_entries = 2;
  ManualClockStore clock(options);
  clock.store->Put("long", "1", seconds(100));
  clock.store->Put("short", "2", seconds(1));
  clock.now += seconds(5);

  clock.store->Put("new", "3");
  EXPECT_TRUE(clock.store->Get("long").has_value());
  EXPECT_TRUE(clock.store->Get("new").has_value());
  EXPECT_FALSE(clock.store->Get("short").has_value());
}

TEST(ScriptStore, BoundedByBytes) {
  ScriptStore::Options options;
  options.max_bytes = 10;
  ScriptStore store(options);
  EXPECT_TRUE(store.Put("k1", "aaa"));  // 5 bytes
  EXPECT_TRUE(store.Put("k2", "bbb"));  // 10 bytes in total
  EXPECT_TRUE(store.Put("k3", "c"));    // evicts k1
  EXPECT_FALSE(store.Get("k1").has_value());
  EXPECT_TRUE(store.Get("k2").has_value());
  EXPECT_TRUE(store.Get("k3").has_value());

  EXPECT_FALSE(store.Put("big", std::string(20, 'x')));
  EXPECT_FALSE(store.Get("big").has_value());
  EXPECT_TRUE(store.Get("k2").has_value());
}

}  // namespace
}  // namespace mimic::script
