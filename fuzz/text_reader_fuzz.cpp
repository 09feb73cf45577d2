// Fuzz target: bytes as a raw text article (after the UTF-8 repair the corpus walk applies).
#include "indexer/readers/text_reader.h"
#include "indexer/readers/utf8.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    news::indexer::Utf8Repair repair;
    if (news::indexer::find_invalid_utf8(text) != std::string::npos) text = news::indexer::repair_utf8(text, repair);
    news::indexer::ReadReport report;
    (void)news::indexer::read_text(text, "fuzz.txt", report);
    (void)news::indexer::derive_title(text);
    return 0;
}
