#include "template/fake_data.h"

#include <array>
#include <charconv>
#include <string_view>
#include <utility>

#include "common/strings.h"
#include "template/random_engine.h"

namespace mimic::tmpl::fake {
namespace {

constexpr std::string_view kFirstNames[] = {
    "Aaron", "Abigail",   "Adam",   "Alice",  "Amelia", "Andrew",  "Anna",   "Benjamin", "Bella",
    "Caleb", "Charlotte", "Chloe",  "Daniel", "David",  "Diana",   "Dylan",  "Eleanor",  "Elijah",
    "Emily", "Ethan",     "Evelyn", "Felix",  "Fiona",  "Gabriel", "Grace",  "Hannah",   "Henry",
    "Isaac", "Isabel",    "Jack",   "James",  "Jane",   "Julia",   "Kevin",  "Laura",    "Leo",
    "Lily",  "Lucas",     "Maria",  "Mason",  "Mia",    "Nathan",  "Nora",   "Oliver",   "Olivia",
    "Oscar", "Paul",      "Rachel", "Samuel", "Sarah",  "Sofia",   "Thomas", "Victor",   "Zoe"};

constexpr std::string_view kLastNames[] = {
    "Adams",   "Baker",   "Bennett", "Brooks",  "Campbell", "Carter",  "Clark",    "Collins",
    "Cooper",  "Davis",   "Doe",     "Edwards", "Evans",    "Fisher",  "Foster",   "Garcia",
    "Gray",    "Green",   "Hall",    "Harris",  "Hayes",    "Hill",    "Hughes",   "Jackson",
    "Johnson", "Kelly",   "King",    "Lee",     "Lewis",    "Martin",  "Miller",   "Mitchell",
    "Moore",   "Morgan",  "Murphy",  "Nelson",  "Parker",   "Perez",   "Phillips", "Reed",
    "Roberts", "Russell", "Sanders", "Scott",   "Smith",    "Stewart", "Taylor",   "Turner",
    "Walker",  "Ward",    "Watson",  "White",   "Wilson",   "Wright",  "Young"};

constexpr std::string_view kNamePrefixes[] = {"Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Prof."};

constexpr std::string_view kNameSuffixes[] = {"Jr.", "Sr.", "II", "III", "IV", "PhD", "MD"};

constexpr std::string_view kCities[] = {
    "Amsterdam",    "Athens",   "Auckland",      "Barcelona",  "Berlin",  "Boston",    "Brussels",
    "Buenos Aires", "Cairo",    "Chicago",       "Copenhagen", "Dublin",  "Edinburgh", "Geneva",
    "Helsinki",     "Istanbul", "Lisbon",        "London",     "Lyon",    "Madrid",    "Melbourne",
    "Mexico City",  "Milan",    "Montreal",      "Mumbai",     "Nairobi", "Oslo",      "Paris",
    "Prague",       "Rome",     "San Francisco", "Seattle",    "Seoul",   "Singapore", "Stockholm",
    "Sydney",       "Tokyo",    "Toronto",       "Vancouver",  "Vienna",  "Warsaw",    "Zurich"};

// Country names with their ISO 3166-1 alpha-2 codes.
constexpr std::pair<std::string_view, std::string_view> kCountries[] = {
    {"Argentina", "AR"}, {"Australia", "AU"},      {"Austria", "AT"},       {"Belgium", "BE"},
    {"Brazil", "BR"},    {"Canada", "CA"},         {"Chile", "CL"},         {"China", "CN"},
    {"Colombia", "CO"},  {"Czechia", "CZ"},        {"Denmark", "DK"},       {"Egypt", "EG"},
    {"Finland", "FI"},   {"France", "FR"},         {"Germany", "DE"},       {"Greece", "GR"},
    {"Hungary", "HU"},   {"Iceland", "IS"},        {"India", "IN"},         {"Indonesia", "ID"},
    {"Ireland", "IE"},   {"Italy", "IT"},          {"Japan", "JP"},         {"Kenya", "KE"},
    {"Mexico", "MX"},    {"Morocco", "MA"},        {"Netherlands", "NL"},   {"New Zealand", "NZ"},
    {"Nigeria", "NG"},   {"Norway", "NO"},         {"Peru", "PE"},          {"Poland", "PL"},
    {"Portugal", "PT"},  {"Singapore", "SG"},      {"South Africa", "ZA"},  {"South Korea", "KR"},
    {"Spain", "ES"},     {"Sweden", "SE"},         {"Switzerland", "CH"},   {"Thailand", "TH"},
    {"Turkey", "TR"},    {"United Kingdom", "GB"}, {"United States", "US"}, {"Vietnam", "VN"}};

constexpr std::string_view kStreetBases[] = {
    "Maple",      "Oak",     "Pine",     "Cedar",     "Elm",     "Willow", "Birch",  "Chestnut",
    "Lake",       "River",   "Hill",     "Park",      "Meadow",  "Forest", "Spring", "Sunset",
    "Church",     "Mill",    "Station",  "Harbor",    "Bridge",  "Garden", "Valley", "Highland",
    "Washington", "Lincoln", "Franklin", "Jefferson", "Madison", "Main"};

constexpr std::string_view kStreetSuffixes[] = {"Street",    "Avenue",  "Road",  "Lane",
                                                "Drive",     "Court",   "Place", "Way",
                                                "Boulevard", "Terrace", "Square"};

constexpr std::string_view kCompanySuffixes[] = {
    "Inc", "LLC", "Group", "Ltd", "Partners", "Holdings", "Labs", "Systems", "and Sons"};

constexpr std::string_view kJobDescriptors[] = {"Senior", "Junior",    "Lead",  "Principal",
                                                "Chief",  "Associate", "Staff", "Head"};

constexpr std::string_view kJobAreas[] = {"Data",    "Security", "Marketing",  "Finance",
                                          "Product", "Design",   "Operations", "Research",
                                          "Quality", "Support",  "Sales",      "Platform"};

constexpr std::string_view kJobTypes[] = {"Engineer",    "Analyst",    "Manager",    "Designer",
                                          "Architect",   "Consultant", "Specialist", "Director",
                                          "Coordinator", "Developer"};

constexpr std::string_view kDepartments[] = {
    "Accounting", "Engineering", "Human Resources", "Legal",   "Logistics",
    "Marketing",  "Procurement", "Sales",           "Support", "Research and Development"};

constexpr std::string_view kProductAdjectives[] = {"Handmade", "Compact",    "Ergonomic", "Rustic",
                                                   "Sleek",    "Durable",    "Portable",  "Classic",
                                                   "Modern",   "Lightweight"};

constexpr std::string_view kProductMaterials[] = {"Wooden", "Steel",   "Cotton", "Leather",
                                                  "Glass",  "Ceramic", "Bamboo", "Granite",
                                                  "Wool",   "Aluminum"};

constexpr std::string_view kProducts[] = {"Chair", "Table",   "Lamp",     "Backpack", "Bottle",
                                          "Clock", "Jacket",  "Keyboard", "Mug",      "Shelf",
                                          "Sofa",  "Bicycle", "Kettle",   "Notebook", "Umbrella"};

constexpr std::string_view kCurrencyCodes[] = {"USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD",
                                               "SEK", "NOK", "DKK", "NZD", "SGD", "INR", "BRL"};

constexpr std::string_view kEnglishWords[] = {
    "account", "answer",  "apple",  "balance", "basket", "border", "bridge",  "button", "camera",
    "candle",  "channel", "circle", "cloud",   "coffee", "corner", "country", "credit", "design",
    "dinner",  "engine",  "family", "feather", "garden", "guitar", "harbor",  "island", "journey",
    "kitchen", "ladder",  "letter", "market",  "memory", "minute", "morning", "number", "orange",
    "palace",  "pencil",  "planet", "pocket",  "puzzle", "rabbit", "record",  "river",  "rocket",
    "season",  "signal",  "silver", "sunset",  "ticket", "timber", "travel",  "valley", "velvet",
    "village", "window",  "winter", "yellow"};

// Latin words in the style of lorem ipsum filler text.
constexpr std::string_view kLoremWords[] = {
    "lorem",    "ipsum",     "dolor",   "sit",      "amet",      "consectetur", "adipiscing",
    "elit",     "sed",       "do",      "eiusmod",  "tempor",    "incididunt",  "ut",
    "labore",   "et",        "dolore",  "magna",    "aliqua",    "enim",        "ad",
    "minim",    "veniam",    "quis",    "nostrud",  "ullamco",   "laboris",     "nisi",
    "aliquip",  "ex",        "ea",      "commodo",  "duis",      "aute",        "irure",
    "in",       "voluptate", "velit",   "esse",     "cillum",    "fugiat",      "nulla",
    "pariatur", "excepteur", "sint",    "occaecat", "cupidatat", "non",         "proident",
    "sunt",     "culpa",     "qui",     "officia",  "deserunt",  "mollit",      "anim",
    "id",       "est",       "laborum", "vitae",    "porta",     "tellus"};

constexpr std::string_view kColors[] = {
    "red",  "green", "blue", "yellow", "orange", "purple", "pink", "brown",  "black",  "white",
    "gray", "teal",  "navy", "olive",  "maroon", "silver", "gold", "indigo", "violet", "cyan"};

constexpr std::string_view kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};

constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};

constexpr std::string_view kEmailDomains[] = {"example.com", "example.org", "example.net"};

constexpr std::string_view kAlphaNumeric =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

std::string Pick(std::mt19937_64& engine, const auto& list) {
  return std::string(RandomElement(engine, list));
}

void AppendInteger(std::string& out, int64_t value) {
  std::array<char, 24> buffer{};
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (error == std::errc()) out.append(buffer.data(), end);
}

void AppendHex(std::string& out, uint64_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    out.push_back(kHex[(value >> shift) & 0xF]);
  }
}

// Formats a uniformly distributed decimal in [-limit, limit] with 6 decimals, using
// integer arithmetic so that no locale and no rounding mode can change the output.
std::string RandomCoordinate(std::mt19937_64& engine, int64_t limit) {
  constexpr int64_t kScale = 1'000'000;
  int64_t micro_degrees = RandomInRange(engine, -limit * kScale, limit * kScale);
  std::string out;
  if (micro_degrees < 0) out.push_back('-');
  uint64_t magnitude = static_cast<uint64_t>(micro_degrees < 0 ? -micro_degrees : micro_degrees);
  AppendInteger(out, static_cast<int64_t>(magnitude / kScale));
  out.push_back('.');
  std::string fraction;
  AppendInteger(fraction, static_cast<int64_t>(magnitude % kScale));
  out.append(6 - fraction.size(), '0');
  out += fraction;
  return out;
}

std::string JoinRandomWords(std::mt19937_64& engine, const auto& list, int count, char separator) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (i > 0) out.push_back(separator);
    out += RandomElement(engine, list);
  }
  return out;
}

}  // namespace

std::string FirstName(std::mt19937_64& engine) { return Pick(engine, kFirstNames); }
std::string LastName(std::mt19937_64& engine) { return Pick(engine, kLastNames); }
std::string FullName(std::mt19937_64& engine) { return FirstName(engine) + " " + LastName(engine); }
std::string NamePrefix(std::mt19937_64& engine) { return Pick(engine, kNamePrefixes); }
std::string NameSuffix(std::mt19937_64& engine) { return Pick(engine, kNameSuffixes); }

std::string UserName(std::mt19937_64& engine) {
  std::string out = ToLower(FirstName(engine)) + "." + ToLower(LastName(engine));
  AppendInteger(out, RandomInRange(engine, 1, 99));
  return out;
}

std::string Email(std::mt19937_64& engine) {
  return ToLower(FirstName(engine)) + "." + ToLower(LastName(engine)) + "@" +
         Pick(engine, kEmailDomains);
}

std::string City(std::mt19937_64& engine) { return Pick(engine, kCities); }
std::string Country(std::mt19937_64& engine) {
  return std::string(RandomElement(engine, kCountries).first);
}
std::string CountryCode(std::mt19937_64& engine) {
  return std::string(RandomElement(engine, kCountries).second);
}

std::string StreetName(std::mt19937_64& engine) {
  return Pick(engine, kStreetBases) + " " + Pick(engine, kStreetSuffixes);
}

std::string StreetAddress(std::mt19937_64& engine) {
  std::string out;
  AppendInteger(out, RandomInRange(engine, 1, 9999));
  return out + " " + StreetName(engine);
}

std::string Latitude(std::mt19937_64& engine) { return RandomCoordinate(engine, 90); }
std::string Longitude(std::mt19937_64& engine) { return RandomCoordinate(engine, 180); }

std::string PhoneNumber(std::mt19937_64& engine) {
  std::string out;
  AppendInteger(out, RandomInRange(engine, 201, 989));
  out += "-555-01";
  int64_t line = RandomInRange(engine, 0, 99);
  if (line < 10) out.push_back('0');
  AppendInteger(out, line);
  return out;
}

std::string CompanyName(std::mt19937_64& engine) {
  return LastName(engine) + " " + CompanySuffix(engine);
}
std::string CompanySuffix(std::mt19937_64& engine) { return Pick(engine, kCompanySuffixes); }

std::string JobTitle(std::mt19937_64& engine) {
  return Pick(engine, kJobDescriptors) + " " + JobArea(engine) + " " + JobType(engine);
}
std::string JobArea(std::mt19937_64& engine) { return Pick(engine, kJobAreas); }
std::string JobType(std::mt19937_64& engine) { return Pick(engine, kJobTypes); }
std::string Department(std::mt19937_64& engine) { return Pick(engine, kDepartments); }

std::string ProductName(std::mt19937_64& engine) {
  return Pick(engine, kProductAdjectives) + " " + Pick(engine, kProductMaterials) + " " +
         Pick(engine, kProducts);
}

std::string Price(std::mt19937_64& engine) {
  int64_t cents = RandomInRange(engine, 100, 99'999);
  std::string out;
  AppendInteger(out, cents / 100);
  out.push_back('.');
  if (cents % 100 < 10) out.push_back('0');
  AppendInteger(out, cents % 100);
  return out;
}

std::string CurrencyCode(std::mt19937_64& engine) { return Pick(engine, kCurrencyCodes); }

std::string Word(std::mt19937_64& engine) { return Pick(engine, kEnglishWords); }
std::string Words(std::mt19937_64& engine) {
  return JoinRandomWords(engine, kEnglishWords, static_cast<int>(RandomInRange(engine, 2, 4)), ' ');
}
std::string LoremWord(std::mt19937_64& engine) { return Pick(engine, kLoremWords); }
std::string LoremWords(std::mt19937_64& engine) {
  return JoinRandomWords(engine, kLoremWords, 3, ' ');
}

std::string LoremSentence(std::mt19937_64& engine) {
  std::string out =
      JoinRandomWords(engine, kLoremWords, static_cast<int>(RandomInRange(engine, 5, 12)), ' ');
  out[0] = static_cast<char>(out[0] - 'a' + 'A');
  out.push_back('.');
  return out;
}

std::string LoremParagraph(std::mt19937_64& engine) {
  std::string out;
  int64_t sentences = RandomInRange(engine, 3, 6);
  for (int64_t i = 0; i < sentences; ++i) {
    if (i > 0) out.push_back(' ');
    out += LoremSentence(engine);
  }
  return out;
}

std::string LoremSlug(std::mt19937_64& engine) {
  return JoinRandomWords(engine, kLoremWords, 3, '-');
}

std::string Color(std::mt19937_64& engine) { return Pick(engine, kColors); }

std::string HexColor(std::mt19937_64& engine) {
  std::string out = "#";
  AppendHex(out, static_cast<uint64_t>(RandomInRange(engine, 0, 0xFFFFFF)), 6);
  return out;
}

std::string IPv4(std::mt19937_64& engine) {
  std::string out;
  for (int i = 0; i < 4; ++i) {
    if (i > 0) out.push_back('.');
    AppendInteger(out, RandomInRange(engine, i == 0 ? 1 : 0, i == 3 ? 254 : 255));
  }
  return out;
}

std::string IPv6(std::mt19937_64& engine) {
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i > 0) out.push_back(':');
    AppendHex(out, static_cast<uint64_t>(RandomInRange(engine, 0, 0xFFFF)), 4);
  }
  return out;
}

std::string MacAddress(std::mt19937_64& engine) {
  std::string out;
  for (int i = 0; i < 6; ++i) {
    if (i > 0) out.push_back(':');
    AppendHex(out, static_cast<uint64_t>(RandomInRange(engine, 0, 0xFF)), 2);
  }
  return out;
}

std::string DomainName(std::mt19937_64& engine) {
  return Word(engine) + "." + Pick(engine, kEmailDomains);
}

std::string Url(std::mt19937_64& engine) {
  return "https://www." + Pick(engine, kEmailDomains) + "/" + Word(engine);
}

std::string Protocol(std::mt19937_64& engine) {
  return RandomInRange(engine, 0, 1) == 0 ? "http" : "https";
}

std::string Semver(std::mt19937_64& engine) {
  std::string out;
  AppendInteger(out, RandomInRange(engine, 0, 9));
  out.push_back('.');
  AppendInteger(out, RandomInRange(engine, 0, 20));
  out.push_back('.');
  AppendInteger(out, RandomInRange(engine, 0, 50));
  return out;
}

std::string Weekday(std::mt19937_64& engine) { return Pick(engine, kWeekdays); }
std::string Month(std::mt19937_64& engine) { return Pick(engine, kMonths); }

std::string BankAccount(std::mt19937_64& engine) {
  std::string out;
  for (int i = 0; i < 8; ++i) {
    out.push_back(static_cast<char>('0' + RandomInRange(engine, 0, 9)));
  }
  return out;
}

std::string AlphaNumeric(std::mt19937_64& engine, size_t length) {
  std::string out;
  out.reserve(length);
  for (size_t i = 0; i < length; ++i) out.push_back(RandomElement(engine, kAlphaNumeric));
  return out;
}

std::string Uuid(std::mt19937_64& engine) {
  uint64_t high = engine();
  uint64_t low = engine();
  high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;    // RFC 4122 variant
  std::string out;
  out.reserve(36);
  AppendHex(out, high >> 32, 8);
  out.push_back('-');
  AppendHex(out, (high >> 16) & 0xFFFF, 4);
  out.push_back('-');
  AppendHex(out, high & 0xFFFF, 4);
  out.push_back('-');
  AppendHex(out, low >> 48, 4);
  out.push_back('-');
  AppendHex(out, low & 0xFFFFFFFFFFFFULL, 12);
  return out;
}

}  // namespace mimic::tmpl::fake
