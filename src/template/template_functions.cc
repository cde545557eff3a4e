#include "template/template_functions.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <unordered_map>

#include "template/fake_data.h"
#include "template/function_arguments.h"
#include "template/random_engine.h"
#include "template/template_limits.h"

namespace mimic::tmpl {
namespace {

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

tl::unexpected<Error> InvalidArgument(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

// Reports whether `text` is a signed number followed by letters, such as "3w". Such an
// argument is meant as a delta, so an unsupported unit is reported instead of being
// formatted as pattern text.
bool LooksLikeDateDelta(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == digits_start || i == text.size()) return false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

std::string EpochMillis(TimePoint time) { return std::to_string(time.time_since_epoch().count()); }

// now(), now(pattern) and now(pattern, delta). Because a SimpleDateFormat pattern may
// itself contain commas ("EEE, d MMM yyyy"), only a last argument that parses as a delta
// is taken as one, and the pattern is the raw text before it.
Result<std::string> Now(const FunctionArgs& args, FunctionEnvironment& environment) {
  const auto& values = args.values;
  if (values.empty()) return EpochMillis(environment.now);
  if (values.size() == 1) return FormatSimpleDate(values[0], environment.now);

  size_t separator = FindLastArgumentSeparator(args.raw);
  if (IsDateDelta(values.back()) || LooksLikeDateDelta(values.back())) {
    Result<TimePoint> shifted = AddDateDelta(environment.now, values.back());
    if (!shifted) return tl::unexpected(shifted.error());
    std::string_view pattern = values[0];
    if (values.size() > 2 && separator != std::string_view::npos) {
      pattern = UnquoteArgument(args.raw.substr(0, separator));
    }
    return FormatSimpleDate(pattern, *shifted);
  }
  std::string_view pattern = args.raw.empty() ? values[0] : UnquoteArgument(args.raw);
  return FormatSimpleDate(pattern, environment.now);
}

Result<std::string> IsoTimestamp(const FunctionArgs&, FunctionEnvironment& environment) {
  return FormatSimpleDate("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", environment.now);
}

Result<std::string> RandomUuid(const FunctionArgs&, FunctionEnvironment& environment) {
  return fake::Uuid(environment.random);
}

// randomInt() returns any 32-bit integer, randomInt(max) one in [0, max) and
// randomInt(min, max) one in [min, max).
Result<std::string> RandomInt(const FunctionArgs& args, FunctionEnvironment& environment) {
  const auto& values = args.values;
  if (values.empty()) {
    return std::to_string(RandomInRange(environment.random, std::numeric_limits<int32_t>::min(),
                                        std::numeric_limits<int32_t>::max()));
  }
  int64_t min = 0;
  std::string_view max_text = values[0];
  if (values.size() >= 2) {
    std::optional<int64_t> parsed_min = ParseInteger(values[0]);
    if (!parsed_min) {
      return InvalidArgument("randomInt: minimum '" + std::string(values[0]) +
                             "' is not an integer");
    }
    min = *parsed_min;
    max_text = values[1];
  }
  std::optional<int64_t> max = ParseInteger(max_text);
  if (!max) {
    return InvalidArgument("randomInt: maximum '" + std::string(max_text) + "' is not an integer");
  }
  if (*max <= min) {
    return InvalidArgument("randomInt: maximum " + std::to_string(*max) +
                           " must be greater than minimum " + std::to_string(min));
  }
  return std::to_string(RandomInRange(environment.random, min, *max - 1));
}

// randomString() returns 32 characters and randomString(length) `length` characters.
Result<std::string> RandomString(const FunctionArgs& args, FunctionEnvironment& environment) {
  size_t length = 32;
  if (!args.values.empty()) {
    std::optional<int64_t> parsed = ParseInteger(args.values[0]);
    if (!parsed || *parsed < 0 || static_cast<uint64_t>(*parsed) > kMaxRandomStringLength) {
      return InvalidArgument("randomString: length '" + std::string(args.values[0]) +
                             "' must be an integer from 0 to " +
                             std::to_string(kMaxRandomStringLength));
    }
    length = static_cast<size_t>(*parsed);
  }
  return fake::AlphaNumeric(environment.random, length);
}

// Postman's $randomAlphaNumeric is one character. An explicit length is also accepted.
Result<std::string> RandomAlphaNumeric(const FunctionArgs& args, FunctionEnvironment& environment) {
  if (args.values.empty()) return fake::AlphaNumeric(environment.random, 1);
  return RandomString(args, environment);
}

Result<std::string> RandomBoolean(const FunctionArgs&, FunctionEnvironment& environment) {
  return std::string(RandomInRange(environment.random, 0, 1) == 0 ? "false" : "true");
}

Result<std::string> RandomValue(const FunctionArgs& args, FunctionEnvironment& environment) {
  if (args.values.empty()) return std::string();
  return std::string(RandomElement(environment.random, args.values));
}

// put(name, value) stores the last argument, so that both put(name, 'text') and
// `expression > put(name)` store the intended value.
Result<std::string> Put(const FunctionArgs& args, FunctionEnvironment& environment) {
  if (args.values.size() < 2 || args.values[0].empty()) {
    return InvalidArgument(
        "put needs a variable name and a value, as in put(name, 'value') or "
        "expression > put(name)");
  }
  environment.context.Set(std::string(args.values[0]), std::string(args.values.back()));
  return std::string();
}

template <std::string (*Generate)(std::mt19937_64&)>
Result<std::string> Generated(const FunctionArgs&, FunctionEnvironment& environment) {
  return Generate(environment.random);
}

const std::unordered_map<std::string_view, TemplateFunction>& Registry() {
  static const std::unordered_map<std::string_view, TemplateFunction> registry{
      // Microcks functions.
      {"now", Now},
      {"timestamp", Now},
      {"uuid", RandomUuid},
      {"guid", RandomUuid},
      {"randomUUID", RandomUuid},
      {"randomInt", RandomInt},
      {"randomString", RandomString},
      {"randomBoolean", RandomBoolean},
      {"randomValue", RandomValue},
      {"put", Put},
      {"randomFirstName", Generated<fake::FirstName>},
      {"randomLastName", Generated<fake::LastName>},
      {"randomFullName", Generated<fake::FullName>},
      {"randomNamePrefix", Generated<fake::NamePrefix>},
      {"randomNameSuffix", Generated<fake::NameSuffix>},
      {"randomEmail", Generated<fake::Email>},
      {"randomCity", Generated<fake::City>},
      {"randomCountry", Generated<fake::Country>},
      {"randomCountryCode", Generated<fake::CountryCode>},
      {"randomStreetName", Generated<fake::StreetName>},
      {"randomStreetAddress", Generated<fake::StreetAddress>},
      {"randomLatitude", Generated<fake::Latitude>},
      {"randomLongitude", Generated<fake::Longitude>},
      {"randomPhoneNumber", Generated<fake::PhoneNumber>},
      // Postman dynamic variables, called as $name.
      {"isoTimestamp", IsoTimestamp},
      {"randomAlphaNumeric", RandomAlphaNumeric},
      {"randomUserName", Generated<fake::UserName>},
      {"randomExampleEmail", Generated<fake::Email>},
      {"randomCompanyName", Generated<fake::CompanyName>},
      {"randomCompanySuffix", Generated<fake::CompanySuffix>},
      {"randomJobTitle", Generated<fake::JobTitle>},
      {"randomJobArea", Generated<fake::JobArea>},
      {"randomJobType", Generated<fake::JobType>},
      {"randomDepartment", Generated<fake::Department>},
      {"randomProductName", Generated<fake::ProductName>},
      {"randomPrice", Generated<fake::Price>},
      {"randomCurrencyCode", Generated<fake::CurrencyCode>},
      {"randomWord", Generated<fake::Word>},
      {"randomWords", Generated<fake::Words>},
      {"randomLoremWord", Generated<fake::LoremWord>},
      {"randomLoremWords", Generated<fake::LoremWords>},
      {"randomLoremSentence", Generated<fake::LoremSentence>},
      {"randomLoremParagraph", Generated<fake::LoremParagraph>},
      {"randomLoremSlug", Generated<fake::LoremSlug>},
      {"randomColor", Generated<fake::Color>},
      {"randomHexColor", Generated<fake::HexColor>},
      {"randomIP", Generated<fake::IPv4>},
      {"randomIPV6", Generated<fake::IPv6>},
      {"randomMACAddress", Generated<fake::MacAddress>},
      {"randomDomainName", Generated<fake::DomainName>},
      {"randomUrl", Generated<fake::Url>},
      {"randomProtocol", Generated<fake::Protocol>},
      {"randomSemver", Generated<fake::Semver>},
      {"randomWeekday", Generated<fake::Weekday>},
      {"randomMonth", Generated<fake::Month>},
      {"randomBankAccount", Generated<fake::BankAccount>},
  };
  return registry;
}

}  // namespace

TemplateFunction FindFunction(std::string_view name) {
  const auto& registry = Registry();
  auto it = registry.find(name);
  return it == registry.end() ? nullptr : it->second;
}

std::vector<std::string_view> FunctionNames() {
  std::vector<std::string_view> names;
  for (const auto& entry : Registry()) names.push_back(entry.first);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace mimic::tmpl
