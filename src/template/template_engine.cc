#include "template/template_engine.h"

#include <array>
#include <exception>
#include <optional>
#include <span>
#include <unordered_map>
#include <utility>

#include "template/expression_value.h"
#include "template/json_body.h"
#include "template/random_engine.h"
#include "template/request_variables.h"
#include "template/template_limits.h"

namespace mimic::tmpl {
namespace {

// Most calls have few arguments, so their views live on the stack.
constexpr size_t kInlineArgs = 8;

// State of one Render call.
class Evaluator {
 public:
  Evaluator(const EvaluableRequest& request, TemplateContext& context, TimePoint now)
      : request_variables_(request), environment_{context, ThreadRandomEngine(), now} {}

  ExpressionValue Evaluate(const Expression& expression) {
    return std::visit([this](const auto& node) { return EvaluateNode(node); }, expression.node);
  }

 private:
  ExpressionValue EvaluateNode(const LiteralExpression& literal) {
    return ExpressionValue::Text(literal.value);
  }

  ExpressionValue EvaluateNode(const ContextVariable& variable) {
    const TemplateContext& context = environment_.context;
    if (const std::string* value = context.Get(variable.name)) {
      return ExpressionValue::Text(*value);
    }
    if (variable.path.empty()) return ExpressionValue::Null();
    return ResolveContextPath(variable);
  }

  ExpressionValue EvaluateNode(const RequestVariable& variable) {
    return request_variables_.Resolve(variable);
  }

  ExpressionValue EvaluateNode(const FunctionCall& call) { return Call(call, nullptr); }

  ExpressionValue EvaluateNode(const Fallback& fallback) {
    ExpressionValue value;
    for (const Expression& alternative : fallback.alternatives) {
      value = Evaluate(alternative);
      if (value.IsPresent()) return value;
    }
    return value;
  }

  ExpressionValue EvaluateNode(const Redirect& redirect) {
    ExpressionValue value = Evaluate(redirect.stages.front());
    if (value.kind == ExpressionValue::Kind::kError) return value;
    for (size_t i = 1; i < redirect.stages.size(); ++i) {
      // Stages other than function calls have nothing to receive the value.
      const auto* call = std::get_if<FunctionCall>(&redirect.stages[i].node);
      if (call == nullptr) continue;
      ExpressionValue result = Call(*call, &value.text);
      if (result.kind == ExpressionValue::Kind::kError) return result;
    }
    return value;
  }

  ExpressionValue EvaluateNode(const InvalidExpression& invalid) {
    return ExpressionValue::Failure(invalid.message);
  }

  // Follows `path` inside the JSON value of the context variable `root`, for values that
  // a script stored as JSON text. Each value is parsed once per render unless the context
  // changes in between.
  ExpressionValue ResolveContextPath(const ContextVariable& variable) {
    const TemplateContext& context = environment_.context;
    auto [entry, inserted] = parsed_context_.try_emplace(variable.root);
    ParsedContextValue& parsed = entry->second;
    if (inserted || parsed.generation != context.generation()) {
      parsed.generation = context.generation();
      parsed.document.reset();
      parsed.lookups = JsonLookupCache();
      const std::string* root = context.Get(variable.root);
      char first = root == nullptr || root->empty() ? '\0' : root->front();
      if ((first == '{' || first == '[') && root->size() <= kMaxParsedBodyBytes) {
        Result<Json> document = ParseJsonDocument(*root);
        if (document) parsed.document = std::move(*document);
      }
    }
    if (!parsed.document) return ExpressionValue::Null();
    const Json* value = FindJsonValue(*parsed.document, variable.path, &parsed.lookups);
    if (value == nullptr) return ExpressionValue::Null();
    return ExpressionValue::Text(JsonValueText(*value));
  }

  // Calls `call`, appending `redirected` to its arguments when it is set.
  ExpressionValue Call(const FunctionCall& call, const std::string* redirected) {
    if (call.function == nullptr) return ExpressionValue::Text(std::string());
    size_t count = call.args.size() + (redirected != nullptr ? 1 : 0);
    if (count > kMaxFunctionArgs) {
      return ExpressionValue::Failure("function " + call.name + " has more than " +
                                      std::to_string(kMaxFunctionArgs) + " arguments");
    }
    std::array<std::string_view, kInlineArgs> inline_values;
    std::vector<std::string_view> heap_values;
    std::span<std::string_view> values;
    if (count <= kInlineArgs) {
      values = std::span<std::string_view>(inline_values.data(), count);
    } else {
      heap_values.resize(count);
      values = heap_values;
    }
    for (size_t i = 0; i < call.args.size(); ++i) values[i] = call.args[i];
    if (redirected != nullptr) values[count - 1] = *redirected;

    Result<std::string> result = call.function(FunctionArgs{values, call.raw_args}, environment_);
    if (!result) return ExpressionValue::Failure(result.error().message);
    return ExpressionValue::Text(std::move(*result));
  }

  // A context variable parsed as JSON, valid while the context generation is unchanged.
  struct ParsedContextValue {
    uint64_t generation = 0;
    std::optional<Json> document;
    JsonLookupCache lookups;
  };

  RequestVariables request_variables_;
  FunctionEnvironment environment_;
  std::unordered_map<std::string, ParsedContextValue> parsed_context_;
};

TimePoint CurrentTime(const RenderOptions& options) {
  if (options.now) return *options.now;
  return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

void AppendValue(std::string& out, const ExpressionValue& value) {
  switch (value.kind) {
    case ExpressionValue::Kind::kText:
      out += value.text;
      break;
    case ExpressionValue::Kind::kError:
      out += ErrorMarker(value.text);
      break;
    case ExpressionValue::Kind::kNull:
      break;
  }
}

std::string RenderSegments(const CompiledTemplate& compiled, const EvaluableRequest& request,
                           TemplateContext& context, const RenderOptions& options) {
  Evaluator evaluator(request, context, CurrentTime(options));
  std::string out;
  out.reserve(compiled.literal_bytes() + 40 * compiled.expression_count());
  for (const TemplateSegment& segment : compiled.segments()) {
    if (const auto* literal = std::get_if<std::string>(&segment)) {
      out += *literal;
    } else {
      AppendValue(out, evaluator.Evaluate(std::get<Expression>(segment)));
    }
    if (out.size() > kMaxRenderedBytes) {
      out.resize(kMaxRenderedBytes);
      out += ErrorMarker("rendered output exceeds " + std::to_string(kMaxRenderedBytes) +
                         " bytes and was cut");
      break;
    }
  }
  return out;
}

}  // namespace

std::string ErrorMarker(std::string_view reason) {
  std::string marker = "[template error: ";
  marker += reason;
  marker += "]";
  return marker;
}

std::string Render(const CompiledTemplate& compiled, const EvaluableRequest& request,
                   TemplateContext& context, const RenderOptions& options) {
  try {
    return RenderSegments(compiled, request, context, options);
  } catch (const std::exception& error) {
    // Evaluation reports failures as values, so only allocation failures reach this point.
    return ErrorMarker(std::string("rendering failed: ") + error.what());
  }
}

std::string RenderText(std::string_view text, const EvaluableRequest& request,
                       TemplateContext& context, const RenderOptions& options) {
  Result<CompiledTemplate> compiled = Compile(text);
  if (!compiled) {
    std::string out = ErrorMarker(compiled.error().message);
    out += text;
    return out;
  }
  return Render(*compiled, request, context, options);
}

}  // namespace mimic::tmpl
