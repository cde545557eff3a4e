#pragma once

#include <cstdint>
#include <iterator>
#include <random>
#include <string_view>

namespace mimic::tmpl {

// Returns this thread's generator for template functions. Each thread seeds its own
// engine once, so renders on different threads share no state and need no lock.
// Not suitable for secrets: the values are for mock data only.
std::mt19937_64& ThreadRandomEngine();

// Returns a uniformly distributed integer in [min, max]. Requires min <= max.
int64_t RandomInRange(std::mt19937_64& engine, int64_t min, int64_t max);

// Returns one element of a non-empty array, chosen uniformly.
template <typename List>
const auto& RandomElement(std::mt19937_64& engine, const List& list) {
  auto last = static_cast<int64_t>(std::size(list)) - 1;
  return list[static_cast<size_t>(RandomInRange(engine, 0, last))];
}

}  // namespace mimic::tmpl
