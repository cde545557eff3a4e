#include "schema/openapi_schema.h"

#include "common/strings.h"

namespace mimic::schema {

bool IsOpenApi30AnnotationKeyword(std::string_view keyword) {
  static constexpr std::string_view kKeywords[] = {
      "readOnly",      "writeOnly", "example",     "xml",     "externalDocs", "deprecated",
      "discriminator", "title",     "description", "default", "nullable"};
  for (std::string_view name : kKeywords) {
    if (name == keyword) return true;
  }
  return false;
}

bool IsOpenApi30AssertedFormat(std::string_view format) {
  static constexpr std::string_view kFormats[] = {"date", "date-time", "email", "uuid",
                                                  "ipv4", "ipv6",      "uri"};
  for (std::string_view name : kFormats) {
    if (name == format) return true;
  }
  return false;
}

bool IsNullable(const Json& schema) {
  if (!schema.is_object()) return false;
  auto it = schema.find("nullable");
  return it != schema.end() && it->is_boolean() && it->get<bool>();
}

std::optional<Discriminator> ParseDiscriminator(const Json& schema) {
  if (!schema.is_object()) return std::nullopt;
  auto it = schema.find("discriminator");
  if (it == schema.end() || !it->is_object()) return std::nullopt;
  auto property = it->find("propertyName");
  if (property == it->end() || !property->is_string()) return std::nullopt;
  Discriminator discriminator;
  discriminator.property_name = property->get<std::string>();
  auto mapping = it->find("mapping");
  if (mapping != it->end() && mapping->is_object()) {
    for (auto entry = mapping->begin(); entry != mapping->end(); ++entry) {
      if (entry->is_string()) {
        discriminator.mapping.emplace_back(entry.key(), entry->get<std::string>());
      }
    }
  }
  return discriminator;
}

std::string ImplicitDiscriminatorValue(std::string_view ref) {
  size_t slash = ref.find_last_of("/#");
  std::string_view name = slash == std::string_view::npos ? ref : ref.substr(slash + 1);
  for (std::string_view extension : {".json", ".yaml", ".yml"}) {
    if (EndsWith(name, extension)) {
      name.remove_suffix(extension.size());
      break;
    }
  }
  return PercentDecode(name);
}

}  // namespace mimic::schema
