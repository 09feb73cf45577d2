// Fuzz target: bytes as a JSON Lines file. Every record must end as an article or a note,
// whatever the bytes; any exception or sanitizer report is a finding.
#include "indexer/readers/jsonl_reader.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in{std::string(reinterpret_cast<const char*>(data), size)};
    news::indexer::ReadReport report;
    std::size_t articles = 0;
    const std::size_t records = news::indexer::read_jsonl(
        in, "fuzz.jsonl", "fuzz.jsonl", [&](news::indexer::Article&&) { ++articles; }, report,
        4096);  // a small record limit, so the bound itself is exercised
    if (articles + report.rejected.size() != records) throw std::logic_error("records do not add up");
    return 0;
}
