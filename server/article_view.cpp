#include "server/article_view.h"

#include "searcher/render.h"

#include <algorithm>
#include <cstdlib>

namespace news::server {
namespace {

const std::vector<std::string>* stored_names(const schema::StoredArticle& a, schema::EntityKind kind) {
    switch (kind) {
        case schema::EntityKind::Company: return &a.companies;
        case schema::EntityKind::Org: return &a.orgs;
        case schema::EntityKind::Person: return &a.people;
        case schema::EntityKind::Place: return &a.places;
        default: return nullptr;
    }
}

nlohmann::json or_null(const std::string& value) { return value.empty() ? nlohmann::json() : nlohmann::json(value); }

}  // namespace

std::size_t code_points(std::string_view text, std::size_t byte) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
    return n;
}

nlohmann::json article_view(Worker& worker, const schema::StoredArticle& a) {
    const auto title = worker.analyzer.analyze(a.title);
    const auto body = worker.analyzer.analyze(a.body);
    const int year = a.date.size() >= 4 ? std::atoi(a.date.substr(0, 4).c_str()) : 0;
    const auto mentions = worker.entities().extract({{"title", a.title, title}, {"body", a.body, body}}, year);
    nlohmann::json entities = nlohmann::json::array();
    for (const auto& m : mentions) {
        // Only what the article was indexed with: the extractor's rules may differ from the
        // ones that indexed it (an index built by another release), the stored lists do not.
        const auto* names = stored_names(a, m.kind);
        if (names && std::find(names->begin(), names->end(), m.canonical) == names->end()) continue;
        const std::string_view text = m.field == "title" ? std::string_view(a.title) : std::string_view(a.body);
        nlohmann::json e{{"kind", schema::to_string(m.kind)}, {"canonical", m.canonical}, {"surface", m.surface},
                         {"field", m.field}, {"start", code_points(text, m.begin)}, {"end", code_points(text, m.end)}};
        entities.push_back(std::move(e));
    }
    nlohmann::json amounts = nlohmann::json::array();
    for (const auto& m : a.amounts) amounts.push_back({{"text", m.text}, {"value", m.value}, {"currency", or_null(m.currency)}});
    nlohmann::json out = searcher::article_fields(a);
    out["title_derived"] = a.title_derived;
    out["amounts"] = std::move(amounts);
    out["body"] = a.body;
    out["entities"] = std::move(entities);
    return out;
}

}  // namespace news::server
