#include "script/js_watchdog.h"

#include <algorithm>
#include <thread>

#include <js/Interrupt.h>

namespace mimic::script {
namespace {

constexpr std::chrono::milliseconds kRepeatInterval{10};

}  // namespace

Watchdog& Watchdog::Instance() {
  static Watchdog* instance = new Watchdog();
  return *instance;
}

Watchdog::Watchdog() {
  std::thread([this] { Loop(); }).detach();
}

void Watchdog::Arm(WatchedContext& context, Clock::time_point deadline) {
  std::lock_guard lock(mutex_);
  context.expired.store(false);
  context.deadline = deadline;
  if (!context.armed) {
    context.armed = true;
    armed_.push_back(&context);
  }
  // Most runs share one time limit, so a new deadline is rarely earlier than the one the
  // loop sleeps toward, and waking the loop on every run would cost a context switch.
  if (deadline < sleeping_until_) wake_.notify_one();
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

void Watchdog::Loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    Clock::time_point now = Clock::now();
    Clock::time_point next = Clock::time_point::max();
    for (WatchedContext* context : armed_) {
      if (context->deadline <= now) {
        context->expired.store(true);
        JS_RequestInterruptCallback(context->cx);
        context->deadline = now + kRepeatInterval;
      }
      next = std::min(next, context->deadline);
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
