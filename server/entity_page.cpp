#include "server/entity_page.h"

#include "schema/document_layout.h"
#include "schema/fields.h"
#include "schema/gazetteer.h"
#include "server/request_error.h"
#include "searcher/render.h"

#include <algorithm>
#include <cmath>

namespace news::server {
namespace {

constexpr std::string_view kEntityFields[] = {"company", "org", "person", "place"};

std::optional<schema::EntityKind> kind_of(std::string_view field) {
    if (field == "company") return schema::EntityKind::Company;
    if (field == "org") return schema::EntityKind::Org;
    if (field == "person") return schema::EntityKind::Person;
    if (field == "place") return schema::EntityKind::Place;
    return std::nullopt;
}

// x ln(x / e), 0 when x is 0: one cell of G2.
double cell(double observed, double expected) {
    return observed > 0 && expected > 0 ? observed * std::log(observed / expected) : 0;
}

struct CoMention {
    std::string field, value;
    Xapian::doccount count = 0, total = 0;
    Association association;
};

}  // namespace

Association associate(double both, double with_entity, double with_value, double docs) {
    Association out;
    if (both <= 0 || with_entity <= 0 || with_value <= 0 || docs <= 0) return out;
    const double expected = with_entity * with_value / docs;
    out.pmi = std::log2(both / expected);
    // The four cells: both, entity only, value only, neither; each against its expectation.
    const double e_only = with_entity - both, v_only = with_value - both, neither = docs - with_entity - with_value + both;
    const double g2 = 2 * (cell(both, expected) + cell(e_only, with_entity * (docs - with_value) / docs) +
                           cell(v_only, (docs - with_entity) * with_value / docs) +
                           cell(neither, (docs - with_entity) * (docs - with_value) / docs));
    out.log_likelihood = both >= expected ? g2 : -g2;
    return out;
}

nlohmann::json entity_page(Worker& worker, const EntityPageRequest& request) {
    const auto kind = kind_of(request.kind);
    if (!kind)
        throw RequestError(400, "kind", "kind: '" + request.kind + "' names no entities; use company, org, person or place");
    auto& searcher = worker.searcher;
    searcher::SearchRequest counts;
    counts.filters = {{request.kind, request.name}};
    counts.limit = 0;
    counts.snippets = false;
    counts.facets.assign(std::begin(kEntityFields), std::end(kEntityFields));
    counts.facet_limit = 10000;  // every co-mentioned value is scored, not only the most frequent
    counts.timeline = searcher::Interval::Month;
    const searcher::SearchResults found = searcher.search(counts);
    if (found.lower_bound == 0) return nullptr;

    const schema::Entity* entry = searcher.gazetteer().resolve(request.name, kind);
    std::string canonical = entry ? entry->canonical : request.name;
    // Without a dictionary entry (people), the stored spelling of the value the filter found.
    const std::string folded = schema::normalize_filter_value(request.name);
    for (const auto& facet : found.facets)
        if (facet.field == request.kind)
            for (const auto& v : facet.values)
                if (!entry && schema::normalize_filter_value(v.value) == folded) canonical = v.value;

    const Xapian::Database& db = searcher.database();
    const double docs = db.get_doccount(), with_entity = found.lower_bound;
    nlohmann::json co = nlohmann::json::object();
    for (const auto& facet : found.facets) {
        const schema::Field& field = *schema::find_field(facet.field);
        std::vector<CoMention> list;
        for (const auto& v : facet.values) {
            if (facet.field == request.kind && v.value == canonical) continue;  // itself
            CoMention m{facet.field, v.value, v.count, db.get_termfreq(schema::term(field, v.value)), {}};
            m.association = associate(m.count, with_entity, m.total, docs);
            list.push_back(std::move(m));
        }
        // Strongest association first: a value in every other article ("Amazon") scores low
        // however often it appears; ties by count, then name.
        std::sort(list.begin(), list.end(), [](const CoMention& a, const CoMention& b) {
            if (a.association.log_likelihood != b.association.log_likelihood)
                return a.association.log_likelihood > b.association.log_likelihood;
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
        if (list.size() > request.co_mentions) list.resize(request.co_mentions);
        nlohmann::json values = nlohmann::json::array();
        for (const auto& m : list)
            values.push_back({{"value", m.value}, {"count", m.count}, {"articles", m.total},
                              {"pmi", std::round(m.association.pmi * 1000) / 1000},
                              {"log_likelihood", std::round(m.association.log_likelihood * 1000) / 1000}});
        co[facet.field] = std::move(values);
    }

    nlohmann::json timeline = nlohmann::json::array();
    for (const auto& b : found.timeline->buckets) timeline.push_back({{"start", b.start}, {"count", b.count}});

    searcher::SearchRequest latest;
    latest.filters = counts.filters;
    latest.limit = request.latest;
    latest.sort = searcher::SortOrder::Date;
    latest.snippets = false;
    const nlohmann::json recent = nlohmann::json::parse(searcher::render_json(searcher.search(latest)));

    nlohmann::json aliases = nlohmann::json::array();
    if (entry)
        for (const auto& a : entry->aliases)
            if (a != entry->canonical) aliases.push_back(a);
    return {
        {"kind", request.kind},
        {"name", canonical},
        {"in_dictionary", entry != nullptr},
        {"aliases", aliases},
        {"parent", entry && !entry->parent.empty() ? nlohmann::json(entry->parent) : nlohmann::json()},
        {"articles", found.lower_bound},
        {"timeline", {{"interval", "month"}, {"buckets", timeline}, {"undated", found.timeline->undated}}},
        {"co_mentions", co},
        {"latest", recent["results"]},
    };
}

}  // namespace news::server
