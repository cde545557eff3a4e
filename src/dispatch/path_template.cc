#include "dispatch/path_template.h"

#include "common/strings.h"

namespace mimic {

std::vector<std::string> SplitDecodedPath(std::string_view raw_path) {
  std::vector<std::string> segments;
  if (!raw_path.empty() && raw_path.front() == '/') raw_path.remove_prefix(1);
  if (!raw_path.empty() && raw_path.back() == '/') raw_path.remove_suffix(1);
  if (raw_path.empty()) return segments;
  size_t start = 0;
  while (true) {
    size_t end = raw_path.find('/', start);
    std::string_view segment =
        raw_path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    segments.push_back(PercentDecode(segment, /*plus_as_space=*/true));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return segments;
}

PathTemplate PathTemplate::Parse(std::string_view pattern) {
  PathTemplate result;
  result.pattern_ = std::string(pattern);
  std::string_view path = pattern;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return result;
  for (const std::string& raw_segment : Split(path, "/")) {
    Segment segment;
    if (!raw_segment.empty() && raw_segment.front() == ':' && raw_segment.size() > 1) {
      segment.push_back({true, raw_segment.substr(1)});
      result.parameter_names_.push_back(raw_segment.substr(1));
      result.segments_.push_back(std::move(segment));
      continue;
    }
    size_t pos = 0;
    while (pos < raw_segment.size()) {
      size_t open = raw_segment.find('{', pos);
      size_t close = open == std::string::npos ? std::string::npos : raw_segment.find('}', open);
      if (open == std::string::npos || close == std::string::npos) {
        std::string literal = PercentDecode(raw_segment.substr(pos), /*plus_as_space=*/true);
        result.literal_weight_ += literal.size();
        segment.push_back({false, std::move(literal)});
        break;
      }
      if (open > pos) {
        std::string literal =
            PercentDecode(raw_segment.substr(pos, open - pos), /*plus_as_space=*/true);
        result.literal_weight_ += literal.size();
        segment.push_back({false, std::move(literal)});
      }
      std::string name = raw_segment.substr(open + 1, close - open - 1);
      result.parameter_names_.push_back(name);
      segment.push_back({true, std::move(name)});
      pos = close + 1;
    }
    result.segments_.push_back(std::move(segment));
  }
  return result;
}

bool PathTemplate::MatchPieces(const Segment& pieces, size_t index, std::string_view text,
                               NameValueList* params) {
  if (index == pieces.size()) return text.empty();
  const Piece& piece = pieces[index];
  if (!piece.is_parameter) {
    if (!StartsWith(text, piece.text)) return false;
    return MatchPieces(pieces, index + 1, text.substr(piece.text.size()), params);
  }
  // A parameter takes at least one character. The last piece takes the rest; otherwise
  // try the shortest value first so that "{id}.json" splits "a.b.json" as "a.b".
  if (index + 1 == pieces.size()) {
    if (text.empty()) return false;
    if (params) params->emplace_back(piece.text, std::string(text));
    return true;
  }
  for (size_t length = 1; length <= text.size(); ++length) {
    size_t mark = params ? params->size() : 0;
    if (params) params->emplace_back(piece.text, std::string(text.substr(0, length)));
    if (MatchPieces(pieces, index + 1, text.substr(length), params)) return true;
    if (params) params->resize(mark);
  }
  return false;
}

bool PathTemplate::Match(const std::vector<std::string>& segments, NameValueList* params) const {
  if (segments.size() != segments_.size()) return false;
  size_t mark = params ? params->size() : 0;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (!MatchPieces(segments_[i], 0, segments[i], params)) {
      if (params) params->resize(mark);
      return false;
    }
  }
  return true;
}

std::string PathTemplate::Expand(const NameValueList& values) const {
  std::string out;
  for (const Segment& segment : segments_) {
    out.push_back('/');
    for (const Piece& piece : segment) {
      if (!piece.is_parameter) {
        out += PercentEncode(piece.text, "!$&'()*+,;=:@");
        continue;
      }
      for (const auto& [name, value] : values) {
        if (name == piece.text) {
          out += PercentEncode(value, "!$&'()*,;=:@");
          break;
        }
      }
    }
  }
  if (out.empty()) out = "/";
  return out;
}

}  // namespace mimic
