#include "indexer/extract.h"

#include "indexer/document_builder.h"
#include "indexer/readers/utf8.h"
#include "schema/entities.h"
#include "schema/ner_span_tagger.h"
#include "schema/version.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace news::indexer {

std::size_t print_entities(const IndexOptions& options, std::ostream& out) {
    schema::Analyzer analyzer{"en"};
    const auto gazetteer = schema::Gazetteer::load(
        options.gazetteers.empty() ? schema::Gazetteer::default_dir() : options.gazetteers);
    const schema::NerSpanTagger tagger{gazetteer, analyzer};
    const schema::EntityExtractor extractor{gazetteer, analyzer, &tagger, tagger.threshold()};
    DocumentBuilder builder{analyzer, &extractor};
    nlohmann::json articles = nlohmann::json::array();
    nlohmann::json rejected = nlohmann::json::array();
    const ArticleSink sink = [&](Article&& a) {
        nlohmann::json entities = nlohmann::json::array();
        // Mentions come by field, then offset: code points are counted on from the last one,
        // so a long article costs time linear in its text, not in text times mentions.
        std::string_view field;
        std::size_t byte = 0, code_point = 0;
        for (const auto& m : builder.extract(a)) {
            const std::string_view text = m.field == "title" ? a.title : a.body;
            if (m.field != field || m.begin < byte) field = m.field, byte = 0, code_point = 0;
            code_point += count_code_points(text.substr(byte, m.begin - byte));
            byte = m.begin;
            nlohmann::json e{{"kind", schema::to_string(m.kind)}, {"canonical", m.canonical},
                             {"surface", m.surface}, {"field", m.field},
                             {"start", code_point},
                             {"end", code_point + count_code_points(text.substr(m.begin, m.end - m.begin))}};
            if (m.kind == schema::EntityKind::Money || m.kind == schema::EntityKind::Percent) e["value"] = m.value;
            if (!m.currency.empty()) e["currency"] = m.currency;
            entities.push_back(std::move(e));
        }
        articles.push_back({{"id", a.id}, {"path", a.path}, {"title", a.title},
                            {"date", a.date.empty() ? nlohmann::json() : nlohmann::json(a.date)},
                            {"time", a.time.empty() ? nlohmann::json() : nlohmann::json(schema::iso_instant(a))},
                            {"entities", std::move(entities)}});
    };
    std::size_t rejected_count = 0;
    for (const auto& input : options.inputs) {
        ReadReport report;
        read_corpus(input, sink, report, options.reader);
        for (const auto& n : report.rejected) rejected.push_back({{"where", n.where}, {"reason", n.message}});
        rejected_count += report.rejected.size();
    }
    out << nlohmann::json{{"format_version", schema::kJsonFormatVersion}, {"articles", articles}, {"rejected", rejected}}.dump(2, ' ', false,
                                                                               nlohmann::json::error_handler_t::replace)
        << "\n";
    return rejected_count;
}

}  // namespace news::indexer
