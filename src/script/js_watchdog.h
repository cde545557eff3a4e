#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

struct JSContext;

namespace mimic::script {

// A process-wide thread that interrupts script runs which pass their deadline. It calls
// JS_RequestInterruptCallback, which SpiderMonkey allows from any thread, and the
// context's interrupt callback then ends the run when WatchedContext::expired is set.
class Watchdog {
 public:
  using Clock = std::chrono::steady_clock;

  // The watchdog's view of one thread's context. The owning thread arms it for each run.
  struct WatchedContext {
    explicit WatchedContext(JSContext* context) : cx(context) {}

    JSContext* const cx;
    // Set by the watchdog once the deadline passed, and cleared by Arm.
    std::atomic<bool> expired{false};
    // Guarded by the watchdog's mutex.
    Clock::time_point deadline{};
    bool armed = false;
  };

  // The singleton is never destroyed, so that contexts on threads still running during
  // process exit can always disarm.
  static Watchdog& Instance();

  // Starts watching `context` until Disarm. After the deadline the watchdog sets
  // `expired` and requests an interrupt, and repeats the request every 10 ms until
  // Disarm, because a script may reach code that swallows one interrupt.
  void Arm(WatchedContext& context, Clock::time_point deadline);
  // Stops watching. No interrupt is requested for this context after Disarm returns,
  // though one requested just before may still be delivered to its next run.
  void Disarm(WatchedContext& context);

 private:
  Watchdog();
  void Loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<WatchedContext*> armed_;
  Clock::time_point sleeping_until_ = Clock::time_point::max();
};

}  // namespace mimic::script
