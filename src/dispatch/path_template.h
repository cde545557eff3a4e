#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mimic {

using NameValueList = std::vector<std::pair<std::string, std::string>>;

// Splits a URL path on '/', dropping the leading empty segment and tolerating
// one trailing slash. Each segment is percent-decoded and '+' becomes a space,
// as Microcks does for mock URLs.
std::vector<std::string> SplitDecodedPath(std::string_view raw_path);

// An operation path such as /pastry/{name}, /order/:id or
// /deployment/{component}/{version}.json, compiled for matching request paths
// segment by segment.
class PathTemplate {
 public:
  static PathTemplate Parse(std::string_view pattern);

  // Matches decoded segments. On success, appends the parameter values in
  // template order to `params` when it is not null.
  bool Match(const std::vector<std::string>& segments, NameValueList* params) const;

  // Replaces each parameter with its value, percent-encoded for a path.
  std::string Expand(const NameValueList& values) const;

  size_t segment_count() const { return segments_.size(); }
  // Number of literal characters, used to prefer /pastry/search over /pastry/{name}.
  size_t literal_weight() const { return literal_weight_; }
  bool has_parameters() const { return !parameter_names_.empty(); }
  const std::vector<std::string>& parameter_names() const { return parameter_names_; }
  const std::string& pattern() const { return pattern_; }

 private:
  struct Piece {
    bool is_parameter = false;
    std::string text;  // literal text, or the parameter name
  };
  using Segment = std::vector<Piece>;

  static bool MatchPieces(const Segment& pieces, size_t index, std::string_view text,
                          NameValueList* params);

  std::string pattern_;
  std::vector<Segment> segments_;
  std::vector<std::string> parameter_names_;
  size_t literal_weight_ = 0;
};

}  // namespace mimic
