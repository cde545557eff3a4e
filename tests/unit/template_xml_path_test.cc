#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "template/template_limits.h"
#include "template/xml_path.h"

namespace mimic::tmpl {
namespace {

std::optional<std::string> Select(const XmlDocument& document, std::string_view xpath) {
  Result<std::optional<std::string>> value = document.SelectString(xpath);
  EXPECT_TRUE(value) << xpath << ": " << value.error().message;
  return value ? *value : std::nullopt;
}

const char kOrder[] =
    "<?xml version=\"1.0\"?>\n"
    "<order id=\"o-1\"><customer><name first=\"Ada\">Lovelace</name></customer>"
    "<lines><line sku=\"a\">2</line><line sku=\"b\">5</line></lines></order>";

TEST(TemplateXmlPath, SelectsElementText) {
  auto document = XmlDocument::Parse(kOrder);
  ASSERT_TRUE(document) << document.error().message;
  EXPECT_EQ(Select(*document, "/order/customer/name"), "Lovelace");
}

TEST(TemplateXmlPath, SelectsByLocalName) {
  auto document = XmlDocument::Parse(kOrder);
  ASSERT_TRUE(document);
  EXPECT_EQ(Select(*document, "//*[local-name()='name']"), "Lovelace");
}

TEST(TemplateXmlPath, SelectsAttribute) {
  auto document = XmlDocument::Parse(kOrder);
  ASSERT_TRUE(document);
  EXPECT_EQ(Select(*document, "/order/@id"), "o-1");
  EXPECT_EQ(Select(*document, "/order/customer/name/@first"), "Ada");
}

TEST(TemplateXmlPath, FirstNodeInDocumentOrder) {
  auto document = XmlDocument::Parse(kOrder);
  ASSERT_TRUE(document);
  EXPECT_EQ(Select(*document, "//line"), "2");
  EXPECT_EQ(Select(*document, "//line[@sku='b']"), "5");
}

TEST(TemplateXmlPath, NumberAndBooleanResults) {
  auto document = XmlDocument::Parse(kOrder);
  ASSERT_TRUE(document);
  EXPECT_EQ(Select(*document, "count(//line)"), "2");
  EXPECT_EQ(Select(*document, "sum(//line)"), "7");
  EXPECT_EQ(Select(*document, "count(//line) > 1"), "true");
}

TEST(TemplateXmlPath, EmptyNodeSetIsNullopt) {
  auto document = XmlDocument::Parse(kOrder);
  ASSERT_TRUE(document);
  EXPECT_EQ(Select(*document, "/order/missing"), std::nullopt);
}

TEST(TemplateXmlPath, RootNamespacePrefix) {
  auto document = XmlDocument::Parse(
      "<s:Envelope xmlns:s=\"urn:test:soap\"><s:Body><greet>hi</greet></s:Body></s:Envelope>");
  ASSERT_TRUE(document) << document.error().message;
  EXPECT_EQ(Select(*document, "/s:Envelope/s:Body/greet"), "hi");
  EXPECT_EQ(Select(*document, "//*[local-name()='greet']"), "hi");
}

TEST(TemplateXmlPath, InvalidExpression) {
  auto document = XmlDocument::Parse(kOrder);
  ASSERT_TRUE(document);
  auto value = document->SelectString("/order/[");
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().code, ErrorCode::kInvalidArgument);
}

TEST(TemplateXmlPath, UnknownFunction) {
  auto document = XmlDocument::Parse(kOrder);
  ASSERT_TRUE(document);
  EXPECT_FALSE(document->SelectString("document('http://localhost/x')"));
}

TEST(TemplateXmlPath, RejectsLongExpression) {
  auto document = XmlDocument::Parse(kOrder);
  ASSERT_TRUE(document);
  auto value = document->SelectString("/" + std::string(kMaxBodyPathBytes, 'a'));
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().code, ErrorCode::kLimitExceeded);
}

TEST(TemplateXmlPath, RejectsDeepNesting) {
  auto document = XmlDocument::Parse(kOrder);
  ASSERT_TRUE(document);
  std::string deep =
      std::string(kMaxNestingDepth + 1, '(') + "1" + std::string(kMaxNestingDepth + 1, ')');
  auto value = document->SelectString(deep);
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().code, ErrorCode::kLimitExceeded);
}

TEST(TemplateXmlPath, ExpensiveExpressionStops) {
  std::string xml = "<r>";
  for (int i = 0; i < 2000; ++i) xml += "<a><b/><b/></a>";
  xml += "</r>";
  auto document = XmlDocument::Parse(xml);
  ASSERT_TRUE(document);
  auto start = std::chrono::steady_clock::now();
  auto value = document->SelectString("count(//*[count(//*[count(//*) > 0]) > 0])");
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(value);
  EXPECT_LT(elapsed, std::chrono::seconds(10));
}

TEST(TemplateXmlPath, BudgetSharedAcrossCalls) {
  std::string xml = "<r>";
  for (int i = 0; i < 2000; ++i) xml += "<a><b/><b/></a>";
  xml += "</r>";
  auto document = XmlDocument::Parse(xml);
  ASSERT_TRUE(document);
  unsigned long budget = 100'000;
  ASSERT_TRUE(document->SelectString("count(//b)", &budget));
  EXPECT_LT(budget, 100'000u);
  EXPECT_GT(budget, 0u);
  EXPECT_FALSE(document->SelectString("count(//*[count(//*) > 0])", &budget));
  EXPECT_EQ(budget, 0u);
  auto value = document->SelectString("/r/a/b", &budget);
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().code, ErrorCode::kLimitExceeded);
}

TEST(TemplateXmlPath, RejectsMalformedXml) {
  auto document = XmlDocument::Parse("<a><b></a>");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(document.error().message.find("line 1"), std::string::npos) << document.error().message;
}

TEST(TemplateXmlPath, RejectsDoctype) {
  auto document = XmlDocument::Parse(
      "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e \"expanded\">]><r>&e;</r>");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().code, ErrorCode::kUnsupported);
}

TEST(TemplateXmlPath, RejectsExternalEntity) {
  auto document =
      XmlDocument::Parse("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><r>&x;</r>");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().code, ErrorCode::kUnsupported);
}

TEST(TemplateXmlPath, RejectsOversizedBody) {
  std::string xml = "<r>" + std::string(kMaxParsedBodyBytes, 'x') + "</r>";
  auto document = XmlDocument::Parse(xml);
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().code, ErrorCode::kLimitExceeded);
}

}  // namespace
}  // namespace mimic::tmpl
