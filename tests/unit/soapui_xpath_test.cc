#include "script/soapui_xpath.h"

#include <gtest/gtest.h>

namespace mimic::script {
namespace {

TEST(SoapUiXPath, DeclaredNamespaces) {
  auto prepared = PrepareSoapUiXPath(
      "declare namespace ser='http://example.com/hello'; declare namespace x=\"urn:x\";\n"
      "//ser:sayHello/name");
  ASSERT_EQ(prepared.namespaces.size(), 2u);
  EXPECT_EQ(prepared.namespaces[0].first, "ser");
  EXPECT_EQ(prepared.namespaces[0].second, "http://example.com/hello");
  EXPECT_EQ(prepared.namespaces[1].second, "urn:x");
  EXPECT_EQ(prepared.expression, "//ser:sayHello/name");
}

TEST(SoapUiXPath, WildcardNamespaceStep) {
  EXPECT_EQ(PrepareSoapUiXPath("//*:name").expression, "//*[local-name()='name']");
  EXPECT_EQ(PrepareSoapUiXPath("count(//a)").expression, "count(//a)");
}

TEST(SoapUiXPath, EvaluatesOnSoapEnvelope) {
  std::string xml =
      "<soapenv:Envelope xmlns:soapenv='http://schemas.xmlsoap.org/soap/envelope/' "
      "xmlns:hel='http://www.example.com/hello'><soapenv:Body><hel:sayHello>"
      "<name>Karla</name></hel:sayHello></soapenv:Body></soapenv:Envelope>";
  EXPECT_EQ(EvaluateSoapUiXPath(xml, "//name"), "Karla");
  EXPECT_EQ(EvaluateSoapUiXPath(xml, "//*:sayHello/name"), "Karla");
  EXPECT_EQ(EvaluateSoapUiXPath(
                xml, "declare namespace h='http://www.example.com/hello'; //h:sayHello/name"),
            "Karla");
  EXPECT_EQ(EvaluateSoapUiXPath(xml, "//missing"), "");
}

TEST(SoapUiXPath, InvalidInputIsAnError) {
  EXPECT_EQ(EvaluateSoapUiXPath("<a>", "//a").rfind("error: ", 0), 0u);
  EXPECT_EQ(EvaluateSoapUiXPath("<a/>", "//[").rfind("error: ", 0), 0u);
}

}  // namespace
}  // namespace mimic::script
