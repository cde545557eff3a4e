#include "template/random_engine.h"

#include <chrono>
#include <exception>
#include <functional>
#include <thread>

namespace mimic::tmpl {
namespace {

uint64_t MakeSeed() {
  // std::random_device throws when the platform has no entropy source. Mixing the clock
  // and the thread id still gives each thread a different sequence in that case.
  uint64_t seed =
      static_cast<uint64_t>(std::chrono::high_resolution_clock::now().time_since_epoch().count());
  seed ^= static_cast<uint64_t>(std::hash<std::thread::id>{}(std::this_thread::get_id())) << 1;
  try {
    std::random_device device;
    seed ^= (static_cast<uint64_t>(device()) << 32) | device();
  } catch (const std::exception&) {
    // Keep the clock and thread id seed.
  }
  return seed;
}

}  // namespace

std::mt19937_64& ThreadRandomEngine() {
  thread_local std::mt19937_64 engine(MakeSeed());
  return engine;
}

int64_t RandomInRange(std::mt19937_64& engine, int64_t min, int64_t max) {
  std::uniform_int_distribution<int64_t> distribution(min, max);
  return distribution(engine);
}

}  // namespace mimic::tmpl
