#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common/json.h"

namespace mimic {

// Bounds on a tree built from untrusted input. The depth of a value is the number
// of arrays and objects that contain it.
struct TreeLimits {
  int max_depth = 256;
  size_t max_nodes = 4 * 1024 * 1024;
};

// Assembles a Json tree from a parser's events. Members wait on a stack and each
// container is created at its final size when it closes: a growing object would
// copy every member on each reallocation, because a member's key is const and
// cannot be moved. A repeated key keeps its first position and takes the last
// value, as nlohmann's own parser does.
class TreeBuilder {
 public:
  enum class Stop { kNone, kDepth, kNodes };

  explicit TreeBuilder(const TreeLimits& limits) : limits_(limits) {}

  // Each returns false once a limit is exceeded; stop() then names the limit.
  bool Value(Json value);
  bool StartObject();
  bool StartArray();
  // Adds a copy of an earlier value that counted `nodes` nodes (a YAML alias), so
  // that an alias bomb meets the node limit.
  bool Copy(const Json& value, size_t nodes);
  // Sets the key of the next member of the innermost object. A merge key (YAML "<<")
  // whose value is an object, or an array of objects, adds the members that the
  // object does not set itself, the first source winning.
  void Key(std::string key, bool merge = false);
  // Both return the number of nodes of the closed container, itself included.
  size_t EndObject();
  size_t EndArray();

  // Returns the value completed last: the root once the build is done.
  Json& Last() { return values_.back(); }
  size_t depth() const { return frames_.size(); }
  Stop stop() const { return stop_; }
  Json TakeRoot();

 private:
  struct Frame {
    size_t first_value;
    size_t first_key;
    size_t nodes_before;
  };

  bool Count(size_t nodes);
  // Opens an object or an array: both wait on the same stacks until they close.
  bool StartContainer();

  TreeLimits limits_;
  std::vector<Frame> frames_;
  std::vector<Json> values_;
  std::vector<std::string> keys_;
  std::vector<bool> merge_keys_;
  size_t nodes_ = 0;
  Stop stop_ = Stop::kNone;
};

}  // namespace mimic
