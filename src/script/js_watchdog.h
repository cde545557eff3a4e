#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

struct JSContext;

namespace mimic::script {

// A process-wide thread that stops script runs which pass their deadline or make the
// process's resident memory grow too much. It calls JS_RequestInterruptCallback, which
// SpiderMonkey allows from any thread, and the context's interrupt callback then ends
// the run because WatchedContext::stop is set.
//
// While runs are active, the thread wakes every 10 ms, and it sleeps without a timeout
// once no run was armed for a second. Arming therefore wakes it only after an idle
// period, not on every run.
class Watchdog {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kPollInterval{10};

  enum class StopReason : uint8_t { kNone, kTimedOut, kMemoryExceeded };

  // The watchdog's view of one thread's context. The owning thread arms it for each run.
  struct WatchedContext {
    explicit WatchedContext(JSContext* context) : cx(context) {}

    JSContext* const cx;
    // Set by the watchdog, reset by Arm.
    std::atomic<StopReason> stop{StopReason::kNone};

    // Guarded by the watchdog's mutex.
    bool armed = false;
    Clock::time_point armed_at{};
    Clock::time_point deadline{};
    size_t memory_growth_limit = 0;  // bytes; 0 disables the check
    int64_t baseline_resident_bytes = -1;
  };

  // The singleton is never destroyed, so that contexts on threads still running during
  // process exit can always disarm.
  static Watchdog& Instance();

  // Starts watching `context` until Disarm. After the deadline the watchdog sets `stop`
  // to kTimedOut and requests an interrupt. Once the run is kPollInterval old, the
  // watchdog samples the process's resident memory as the run's baseline, and sets
  // kMemoryExceeded when a later sample exceeds it by more than memory_growth_limit.
  // It repeats the interrupt request every poll until Disarm, because a script may
  // reach code that swallows one interrupt.
  //
  // NOTE: resident memory is process-wide, so allocations by other threads during a run
  // count against it too, and growth in the run's first kPollInterval goes unmeasured.
  void Arm(WatchedContext& context, Clock::time_point deadline, size_t memory_growth_limit);
  // Stops watching. No interrupt is requested for this context after Disarm returns,
  // though one requested just before may still be delivered to its thread.
  void Disarm(WatchedContext& context);

 private:
  Watchdog();
  void Loop();
  void CheckContext(WatchedContext& context, Clock::time_point now, int64_t* resident_bytes);

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<WatchedContext*> armed_;
  Clock::time_point sleeping_until_ = Clock::time_point::max();
  Clock::time_point last_armed_{};
};

}  // namespace mimic::script
