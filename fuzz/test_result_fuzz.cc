// Renders arbitrary TestResult documents the way `mimic test` does, because the
// server's response is untrusted input to the client. Also checks that XmlEscape
// output contains no markup characters and no control characters XML 1.0 forbids.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cli/test_report.h"

namespace {

// Returns false when `xml` has a raw '<' or '>' or a control character XML 1.0 forbids.
bool IsEscaped(std::string_view xml) {
  for (char c : xml) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (c == '<' || c == '>' || c == '"' || c == '\'') return false;
    if (byte < 0x20 && byte != '\t' && byte != '\n') return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!IsEscaped(mimic::XmlEscape(input))) __builtin_trap();

  mimic::Json document = mimic::Json::parse(input.begin(), input.end(), nullptr, false);
  if (document.is_discarded()) return 0;
  mimic::cli::TestSummary summary = mimic::cli::SummarizeTestResult(document);
  (void)mimic::cli::FormatSummaryTable(summary);
  (void)mimic::cli::FormatVerdictLine(summary);
  (void)mimic::cli::FormatJUnitReport(summary, summary.service_id);
  (void)mimic::DumpJson(mimic::cli::SummaryToJson(summary));
  for (const mimic::cli::OperationSummary& operation : summary.operations) {
    (void)mimic::cli::FormatOperationLine(operation);
  }
  return 0;
}
