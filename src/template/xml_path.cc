#include "template/xml_path.h"

#include <algorithm>
#include <mutex>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "common/strings.h"
#include "template/template_limits.h"

namespace mimic::tmpl {
namespace {

// libxml2 must be initialized once before threads use it concurrently. This module never
// calls xmlCleanupParser, because other code in the process may use libxml2 too.
void InitializeLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// Keeps libxml2 from printing XPath errors to stderr: the caller reports them.
void IgnoreXmlError(void*, xmlErrorPtr) {}

// Silences the generic error handler of the calling thread while it exists, and restores
// the previous handler afterwards. libxml2 2.9 reports some XPath evaluation errors, such
// as an unknown function, only through that handler.
class GenericErrorSilencer {
 public:
  GenericErrorSilencer()
      : previous_handler_(xmlGenericError), previous_context_(xmlGenericErrorContext) {
    xmlSetGenericErrorFunc(nullptr, IgnoreGenericError);
  }
  ~GenericErrorSilencer() { xmlSetGenericErrorFunc(previous_context_, previous_handler_); }
  GenericErrorSilencer(const GenericErrorSilencer&) = delete;
  GenericErrorSilencer& operator=(const GenericErrorSilencer&) = delete;

 private:
  static void IgnoreGenericError(void*, const char*, ...) {}

  xmlGenericErrorFunc previous_handler_;
  void* previous_context_;
};

struct XPathContextDeleter {
  void operator()(xmlXPathContext* context) const { xmlXPathFreeContext(context); }
};
struct XPathExpressionDeleter {
  void operator()(xmlXPathCompExpr* expression) const { xmlXPathFreeCompExpr(expression); }
};
struct XPathObjectDeleter {
  void operator()(xmlXPathObject* object) const { xmlXPathFreeObject(object); }
};

// Returns the deepest nesting of brackets and parentheses outside string literals. The
// libxml2 XPath compiler recurses once per level, so the depth bounds its stack use.
size_t XPathNestingDepth(std::string_view xpath) {
  size_t depth = 0;
  size_t max_depth = 0;
  char quote = '\0';
  for (char c : xpath) {
    if (quote != '\0') {
      if (c == quote) quote = '\0';
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[') {
      max_depth = std::max(max_depth, ++depth);
    } else if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return max_depth;
}

std::string LastParseError(const xmlParserCtxt* context) {
  const xmlError& error = context->lastError;
  if (error.message == nullptr) return "invalid XML";
  std::string message(Trim(error.message));
  return "invalid XML at line " + std::to_string(error.line) + ": " + message;
}

void RegisterRootNamespaces(xmlDoc* document, xmlXPathContext* context) {
  xmlNode* root = xmlDocGetRootElement(document);
  if (root == nullptr) return;
  for (xmlNs* ns = root->nsDef; ns != nullptr; ns = ns->next) {
    if (ns->prefix != nullptr && ns->href != nullptr) {
      xmlXPathRegisterNs(context, ns->prefix, ns->href);
    }
  }
}

}  // namespace

void XmlDocument::DocumentDeleter::operator()(_xmlDoc* document) const { xmlFreeDoc(document); }

Result<XmlDocument> XmlDocument::Parse(std::string_view text) {
  if (text.size() > kMaxParsedBodyBytes) {
    return MakeError(ErrorCode::kLimitExceeded,
                     "XML body of " + std::to_string(text.size()) + " bytes is larger than the " +
                         std::to_string(kMaxParsedBodyBytes) + " bytes read for XPath");
  }
  // Rejecting a DOCTYPE before parsing means that no entity declaration is ever read,
  // which rules out entity expansion and external entities whatever the libxml2 version.
  if (text.find("<!DOCTYPE") != std::string_view::npos) {
    return MakeError(ErrorCode::kUnsupported,
                     "XML body contains a DOCTYPE, which is not read for XPath; remove it");
  }
  InitializeLibxml();

  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
#if LIBXML_VERSION >= 21300
  options |= XML_PARSE_NO_XXE;
#endif
  xmlParserCtxt* context = xmlNewParserCtxt();
  if (context == nullptr) return MakeError(ErrorCode::kInternal, "libxml2 is out of memory");
  xmlDoc* document = xmlCtxtReadMemory(context, text.data(), static_cast<int>(text.size()), nullptr,
                                       nullptr, options);
  if (document == nullptr) {
    std::string message = LastParseError(context);
    xmlFreeParserCtxt(context);
    return MakeError(ErrorCode::kInvalidArgument, std::move(message));
  }
  xmlFreeParserCtxt(context);

  XmlDocument parsed(document);
  if (document->intSubset != nullptr || document->extSubset != nullptr) {
    return MakeError(ErrorCode::kUnsupported,
                     "XML body contains a DOCTYPE, which is not read for XPath; remove it");
  }
  return parsed;
}

Result<std::optional<std::string>> XmlDocument::SelectString(
    std::string_view xpath, unsigned long* operation_budget,
    const std::vector<std::pair<std::string, std::string>>* namespaces) const {
  if (xpath.size() > kMaxBodyPathBytes) {
    return MakeError(ErrorCode::kLimitExceeded, "XPath expression is longer than " +
                                                    std::to_string(kMaxBodyPathBytes) + " bytes");
  }
  if (XPathNestingDepth(xpath) > kMaxNestingDepth) {
    return MakeError(ErrorCode::kLimitExceeded, "XPath expression is nested deeper than " +
                                                    std::to_string(kMaxNestingDepth) + " levels");
  }
  unsigned long operation_limit = kMaxXPathOperations;
  if (operation_budget != nullptr) {
    if (*operation_budget == 0) {
      return MakeError(ErrorCode::kLimitExceeded,
                       "the XPath expressions of this render used up their budget of " +
                           std::to_string(kMaxXPathOperationsPerRender) + " operations");
    }
    operation_limit = std::min(operation_limit, *operation_budget);
  }

  GenericErrorSilencer silencer;
  std::unique_ptr<xmlXPathContext, XPathContextDeleter> context(
      xmlXPathNewContext(document_.get()));
  if (context == nullptr) return MakeError(ErrorCode::kInternal, "libxml2 is out of memory");
  context->error = IgnoreXmlError;
  context->opLimit = operation_limit;
  RegisterRootNamespaces(document_.get(), context.get());
  if (namespaces != nullptr) {
    for (const auto& [prefix, uri] : *namespaces) {
      xmlXPathRegisterNs(context.get(), reinterpret_cast<const xmlChar*>(prefix.c_str()),
                         reinterpret_cast<const xmlChar*>(uri.c_str()));
    }
  }

  // NOTE: the expression is compiled on every call. libxml2 2.9 caches function lookups
  // inside a compiled expression while evaluating it, so one compiled expression cannot
  // be shared by threads rendering the same template.
  std::string expression(xpath);
  std::unique_ptr<xmlXPathCompExpr, XPathExpressionDeleter> compiled(
      xmlXPathCtxtCompile(context.get(), reinterpret_cast<const xmlChar*>(expression.c_str())));
  if (compiled == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument, "invalid XPath expression '" + expression + "'");
  }
  std::unique_ptr<xmlXPathObject, XPathObjectDeleter> result(
      xmlXPathCompiledEval(compiled.get(), context.get()));
  if (operation_budget != nullptr) {
    *operation_budget -= std::min(*operation_budget, context->opCount);
  }
  if (result == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "XPath expression '" + expression +
                         "' failed: it calls an unknown function or prefix, or needs more than " +
                         std::to_string(operation_limit) + " operations");
  }
  if (result->type == XPATH_NODESET &&
      (result->nodesetval == nullptr || result->nodesetval->nodeNr == 0)) {
    return std::optional<std::string>();
  }
  xmlChar* text = xmlXPathCastToString(result.get());
  if (text == nullptr) return MakeError(ErrorCode::kInternal, "libxml2 is out of memory");
  std::string value(reinterpret_cast<const char*>(text));
  xmlFree(text);
  return std::optional<std::string>(std::move(value));
}

}  // namespace mimic::tmpl
