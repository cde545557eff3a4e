#include "common/tree_builder.h"

#include <string_view>
#include <unordered_map>

namespace mimic {
namespace {

// Finds members by key in an object under construction. Small objects are
// scanned; large ones (the paths of a big spec) get a hash index.
class MemberIndex {
 public:
  explicit MemberIndex(Json::object_t& members, size_t expected) : members_(members) {
    indexed_ = expected > kScanLimit;
  }

  Json* Find(std::string_view key) {
    if (indexed_) {
      auto it = index_.find(key);
      return it == index_.end()
                 ? nullptr
                 : &(members_.begin() + static_cast<std::ptrdiff_t>(it->second))->second;
    }
    for (auto& [name, value] : members_) {
      if (name == key) return &value;
    }
    return nullptr;
  }

  // `members_` is reserved to its final size, so the views stay valid.
  void Add(std::string&& key, Json&& value) {
    members_.emplace_back(std::move(key), std::move(value));
    if (indexed_) index_.emplace(members_.back().first, members_.size() - 1);
  }

 private:
  static constexpr size_t kScanLimit = 16;
  Json::object_t& members_;
  bool indexed_;
  std::unordered_map<std::string_view, size_t> index_;
};

}  // namespace

bool TreeBuilder::Count(size_t nodes) {
  if (static_cast<int>(frames_.size()) > limits_.max_depth) {
    stop_ = Stop::kDepth;
    return false;
  }
  nodes_ += nodes;
  if (nodes_ > limits_.max_nodes) {
    stop_ = Stop::kNodes;
    return false;
  }
  return true;
}

bool TreeBuilder::Value(Json value) {
  if (!Count(1)) return false;
  values_.push_back(std::move(value));
  return true;
}

bool TreeBuilder::Copy(const Json& value, size_t nodes) {
  if (!Count(nodes)) return false;
  values_.push_back(value);
  return true;
}

bool TreeBuilder::StartContainer() {
  if (!Count(1)) return false;
  frames_.push_back({values_.size(), keys_.size(), nodes_ - 1});
  return true;
}

bool TreeBuilder::StartObject() { return StartContainer(); }

bool TreeBuilder::StartArray() { return StartContainer(); }

void TreeBuilder::Key(std::string key, bool merge) {
  keys_.push_back(std::move(key));
  merge_keys_.push_back(merge);
}

size_t TreeBuilder::EndObject() {
  Frame frame = frames_.back();
  frames_.pop_back();
  size_t count = values_.size() - frame.first_value;

  Json object = Json::object();
  auto& members = object.get_ref<Json::object_t&>();
  members.reserve(count);
  MemberIndex index(members, count);
  std::vector<Json*> merges;
  for (size_t i = 0; i < count; ++i) {
    std::string& key = keys_[frame.first_key + i];
    Json& value = values_[frame.first_value + i];
    if (merge_keys_[frame.first_key + i] && (value.is_object() || value.is_array())) {
      merges.push_back(&value);
      continue;
    }
    if (Json* existing = index.Find(key)) {
      *existing = std::move(value);
    } else {
      index.Add(std::move(key), std::move(value));
    }
  }

  if (!merges.empty()) {
    // Merged members may outnumber the reservation, so they are added after the
    // index is no longer needed and the object may grow.
    std::vector<std::pair<std::string, Json>> extra;
    auto merge = [&](const Json& source) {
      if (!source.is_object()) return;
      for (const auto& [name, value] : source.items()) {
        if (index.Find(name) != nullptr) continue;
        bool seen = false;
        for (const auto& pending : extra) seen = seen || pending.first == name;
        if (!seen) extra.emplace_back(name, value);
      }
    };
    for (const Json* source : merges) {
      if (source->is_array()) {
        for (const Json& item : *source) merge(item);
      } else {
        merge(*source);
      }
    }
    members.reserve(members.size() + extra.size());
    for (auto& [name, value] : extra) members.emplace_back(std::move(name), std::move(value));
  }

  values_.resize(frame.first_value);
  keys_.resize(frame.first_key);
  merge_keys_.resize(frame.first_key);
  values_.push_back(std::move(object));
  return nodes_ - frame.nodes_before;
}

size_t TreeBuilder::EndArray() {
  Frame frame = frames_.back();
  frames_.pop_back();
  Json array = Json::array();
  auto& items = array.get_ref<Json::array_t&>();
  items.reserve(values_.size() - frame.first_value);
  for (size_t i = frame.first_value; i < values_.size(); ++i)
    items.push_back(std::move(values_[i]));
  values_.resize(frame.first_value);
  values_.push_back(std::move(array));
  return nodes_ - frame.nodes_before;
}

Json TreeBuilder::TakeRoot() {
  if (values_.empty()) return Json(nullptr);
  Json root = std::move(values_.back());
  values_.clear();
  return root;
}

}  // namespace mimic
