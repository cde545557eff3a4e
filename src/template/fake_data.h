#pragma once

#include <random>
#include <string>

// Generators of plausible mock data from small English word lists embedded in this
// module. E-mail addresses and URLs use the reserved example.com, example.org and
// example.net domains, and phone numbers the fictional 555-01xx range, so generated
// data never reaches a real person. Each call reads only its `engine` argument.
namespace mimic::tmpl::fake {

std::string FirstName(std::mt19937_64& engine);
std::string LastName(std::mt19937_64& engine);
std::string FullName(std::mt19937_64& engine);    // "Jane Doe"
std::string NamePrefix(std::mt19937_64& engine);  // "Dr."
std::string NameSuffix(std::mt19937_64& engine);  // "Jr."
std::string UserName(std::mt19937_64& engine);    // "jane.doe42"
std::string Email(std::mt19937_64& engine);       // "jane.doe@example.com"

std::string City(std::mt19937_64& engine);
std::string Country(std::mt19937_64& engine);
std::string CountryCode(std::mt19937_64& engine);    // ISO 3166-1 alpha-2
std::string StreetName(std::mt19937_64& engine);     // "Maple Avenue"
std::string StreetAddress(std::mt19937_64& engine);  // "1234 Maple Avenue"
std::string Latitude(std::mt19937_64& engine);       // -90 to 90, 6 decimals
std::string Longitude(std::mt19937_64& engine);      // -180 to 180, 6 decimals
std::string PhoneNumber(std::mt19937_64& engine);    // "415-555-0123"

std::string CompanyName(std::mt19937_64& engine);
std::string CompanySuffix(std::mt19937_64& engine);
std::string JobTitle(std::mt19937_64& engine);  // "Senior Data Engineer"
std::string JobArea(std::mt19937_64& engine);
std::string JobType(std::mt19937_64& engine);
std::string Department(std::mt19937_64& engine);
std::string ProductName(std::mt19937_64& engine);   // "Handmade Wooden Chair"
std::string Price(std::mt19937_64& engine);         // "123.45"
std::string CurrencyCode(std::mt19937_64& engine);  // ISO 4217

std::string Word(std::mt19937_64& engine);   // a common English word
std::string Words(std::mt19937_64& engine);  // 2 to 4 English words
std::string LoremWord(std::mt19937_64& engine);
std::string LoremWords(std::mt19937_64& engine);  // 3 lorem words
std::string LoremSentence(std::mt19937_64& engine);
std::string LoremParagraph(std::mt19937_64& engine);
std::string LoremSlug(std::mt19937_64& engine);  // "lorem-ipsum-dolor"

std::string Color(std::mt19937_64& engine);     // "teal"
std::string HexColor(std::mt19937_64& engine);  // "#1a2b3c"
std::string IPv4(std::mt19937_64& engine);
std::string IPv6(std::mt19937_64& engine);
std::string MacAddress(std::mt19937_64& engine);
std::string DomainName(std::mt19937_64& engine);  // "maple.example.org"
std::string Url(std::mt19937_64& engine);         // "https://www.example.com/maple"
std::string Protocol(std::mt19937_64& engine);    // "http" or "https"
std::string Semver(std::mt19937_64& engine);      // "3.14.1"
std::string Weekday(std::mt19937_64& engine);
std::string Month(std::mt19937_64& engine);
std::string BankAccount(std::mt19937_64& engine);  // 8 digits

// Returns `length` characters drawn from [0-9A-Za-z].
std::string AlphaNumeric(std::mt19937_64& engine, size_t length);

// Returns a random version 4 UUID in lower-case 8-4-4-4-12 form.
std::string Uuid(std::mt19937_64& engine);

}  // namespace mimic::tmpl::fake
