// Fuzz target: bytes as Markdown or text with YAML front matter (first byte: which), and as
// a "<file>.meta.yaml" sidecar. yaml-cpp's errors must all become notes.
#include "indexer/readers/front_matter_reader.h"
#include "indexer/readers/utf8.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const bool markdown = data[0] & 1;
    std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    news::indexer::Utf8Repair repair;
    if (news::indexer::find_invalid_utf8(text) != std::string::npos) text = news::indexer::repair_utf8(text, repair);
    news::indexer::ReadReport report;
    (void)news::indexer::read_front_matter(text, markdown, "fuzz.md", report);
    news::indexer::YamlError error;
    if (const auto meta = news::indexer::parse_metadata(text, error)) {
        news::indexer::Article article;
        news::indexer::apply_metadata(*meta, article);
    }
    return 0;
}
