#include "script/js_watchdog.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

#include <js/Interrupt.h>

namespace mimic::script {
namespace {

// How long the loop keeps polling after the last Arm before it sleeps without a timeout.
constexpr std::chrono::seconds kIdleAfter{1};

// Reads the process's resident set size from /proc/self/statm. Returns -1 when it is
// unavailable, which disables the memory check.
int64_t ReadResidentBytes() {
  int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buffer[128];
  ssize_t length = read(fd, buffer, sizeof(buffer) - 1);
  close(fd);
  if (length <= 0) return -1;
  buffer[length] = '\0';
  // The fields are total program size, then resident pages.
  char* end = nullptr;
  std::strtoll(buffer, &end, 10);
  long long resident_pages = std::strtoll(end, nullptr, 10);
  long page_size = sysconf(_SC_PAGESIZE);
  if (resident_pages <= 0 || page_size <= 0) return -1;
  return static_cast<int64_t>(resident_pages) * page_size;
}

}  // namespace

Watchdog& Watchdog::Instance() {
  static Watchdog* instance = new Watchdog();
  return *instance;
}

Watchdog::Watchdog() {
  std::thread([this] { Loop(); }).detach();
}

void Watchdog::Arm(WatchedContext& context, Clock::time_point deadline,
                   size_t memory_growth_limit) {
  Clock::time_point now = Clock::now();
  std::lock_guard lock(mutex_);
  context.stop.store(StopReason::kNone);
  context.armed_at = now;
  context.deadline = deadline;
  context.memory_growth_limit = memory_growth_limit;
  context.baseline_resident_bytes = -1;
  if (!context.armed) {
    context.armed = true;
    armed_.push_back(&context);
  }
  last_armed_ = now;
  // While the loop polls, it will see this run within kPollInterval. Only a loop in a
  // long sleep needs waking, which saves a context switch on most runs.
  if (sleeping_until_ > now + kPollInterval || deadline < sleeping_until_) wake_.notify_one();
}

void Watchdog::Disarm(WatchedContext& context) {
  std::lock_guard lock(mutex_);
  if (!context.armed) return;
  context.armed = false;
  auto found = std::find(armed_.begin(), armed_.end(), &context);
  if (found != armed_.end()) {
    *found = armed_.back();
    armed_.pop_back();
  }
}

void Watchdog::CheckContext(WatchedContext& context, Clock::time_point now,
                            int64_t* resident_bytes) {
  if (context.stop.load() == StopReason::kNone) {
    if (context.deadline <= now) {
      context.stop.store(StopReason::kTimedOut);
    } else if (context.memory_growth_limit > 0 && now - context.armed_at >= kPollInterval) {
      if (*resident_bytes == 0) *resident_bytes = ReadResidentBytes();
      if (*resident_bytes < 0) return;
      if (context.baseline_resident_bytes < 0) {
        context.baseline_resident_bytes = *resident_bytes;
      } else if (*resident_bytes - context.baseline_resident_bytes >
                 static_cast<int64_t>(context.memory_growth_limit)) {
        context.stop.store(StopReason::kMemoryExceeded);
      }
    }
  }
  if (context.stop.load() != StopReason::kNone) JS_RequestInterruptCallback(context.cx);
}

void Watchdog::Loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    Clock::time_point now = Clock::now();
    // 0 until a check needs the value, so /proc is read at most once per wake-up.
    int64_t resident_bytes = 0;
    Clock::time_point next = Clock::time_point::max();
    for (WatchedContext* context : armed_) {
      CheckContext(*context, now, &resident_bytes);
      // A stopped run is polled below instead, so a past deadline cannot spin the loop.
      if (context->stop.load() == StopReason::kNone) next = std::min(next, context->deadline);
    }
    if (!armed_.empty() || now - last_armed_ < kIdleAfter) {
      next = std::min(next, now + kPollInterval);
    }

    sleeping_until_ = next;
    if (next == Clock::time_point::max()) {
      wake_.wait(lock);
    } else {
      wake_.wait_until(lock, next);
    }
  }
}

}  // namespace mimic::script
