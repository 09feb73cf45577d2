// Fuzz target: bytes as a stored article (value slot 10), read by a codec with a trained
// dictionary as the searcher reads them. Damaged data must throw news::Error, nothing else,
// and never allocate what its header claims before checking it.
#include "schema/document_data.h"
#include "schema/errors.h"

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace {

const news::schema::DocumentCodec& codec() {
    static const news::schema::DocumentCodec trained = [] {
        std::mt19937 random{17};  // fixed: the same dictionary on every run
        const std::vector<std::string> words{"shares", "oil", "bank", "said", "company", "profit", "quarter",
                                             "Amazon", "cloud", "market", "prices", "rose", "fell", "percent"};
        std::vector<std::string> samples;
        for (int i = 0; i < 400; ++i) {
            news::schema::StoredArticle a;
            a.id = "news.jsonl#" + std::to_string(i);
            a.title = words[random() % words.size()] + " " + words[random() % words.size()];
            for (int w = 0; w < 80; ++w) a.body += words[random() % words.size()] + " ";
            a.date = "2020-01-" + std::to_string(10 + i % 20);
            samples.push_back(news::schema::encode(a));
        }
        return news::schema::DocumentCodec::train(samples);
    }();
    return trained;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        (void)codec().unpack(bytes);
    } catch (const news::Error&) {  // damaged or foreign data: the expected refusal
    }
    try {
        (void)news::schema::decode(bytes);
    } catch (const news::Error&) {
    }
    return 0;
}
