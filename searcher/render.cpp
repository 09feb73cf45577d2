#include "searcher/render.h"

#include "schema/version.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace news::searcher {
namespace {

std::string marked(const Snippet& s, const TextStyle& style) {
    std::string out;
    std::size_t at = 0;
    for (const auto& h : s.highlights) {
        out += s.text.substr(at, h.begin - at);
        out += style.mark_open + s.text.substr(h.begin, h.end - h.begin) + style.mark_close;
        at = h.end;
    }
    return out + s.text.substr(at);
}

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
    return out;
}

std::string year_of(const schema::StoredArticle& a) { return a.date.size() >= 4 ? a.date.substr(0, 4) : ""; }

// "flutter 0.31, panel 0.12": the words feedback added, with the factor each BM25 weight got.
std::string expansion_words(const std::vector<ExpansionTerm>& terms) {
    std::ostringstream out;
    out.precision(2);
    for (const auto& t : terms) out << (out.tellp() > 0 ? ", " : "") << t.term << " " << t.weight;
    return out.str();
}

}  // namespace

std::string render_text(const SearchResults& r, const TextStyle& style) {
    std::ostringstream out;
    if (style.show_query) out << "query: " << r.parsed << "\n";
    if (style.show_query && r.feedback_docs > 0)
        out << "expanded from the top " << r.feedback_docs << " articles with: " << expansion_words(r.expansion) << "\n";
    const auto total = r.exact ? std::to_string(r.estimate) : "about " + std::to_string(r.estimate);
    if (!r.suggestion.empty()) out << "Did you mean: " << r.suggestion << "\n";
    if (r.fell_back_to_any) out << "No article has all of: " << r.query << ". Showing articles with any of the words:\n";
    if (r.hits.empty()) {
        out << "No results for: " << r.query << (r.estimate ? " (at this offset)" : "") << "\n";
    } else {
        out << "Results " << r.offset + 1 << "-" << r.offset + r.hits.size() << " of " << total << " for: " << r.query << "\n";
    }
    for (const auto& h : r.hits) {
        const auto& a = h.article;
        out << "\n" << h.rank << ". " << a.title;
        if (h.duplicates) out << "  (+" << h.duplicates << " duplicate" << (h.duplicates == 1 ? "" : "s") << ")";
        out << "\n";
        out << "   " << (a.date.empty() ? "undated" : a.date) << " | " << (a.source.empty() ? a.path : a.source + " | " + a.path)
            << (style.show_relevance ? " | relevance " + std::to_string(h.percent) + "%" : "") << "\n";
        std::string entities;
        if (!a.companies.empty()) entities += "   companies: " + joined(a.companies) + "\n";
        if (!a.orgs.empty()) entities += "   organisations: " + joined(a.orgs) + "\n";
        if (!a.people.empty()) entities += "   people: " + joined(a.people) + "\n";
        if (!a.places.empty()) entities += "   places: " + joined(a.places) + "\n";
        out << entities;
        if (!h.snippet.text.empty()) out << "   " << marked(h.snippet, style) << "\n";
    }
    for (const auto& f : r.facets) {
        out << "\n" << f.field << " (" << f.distinct << " values):\n";
        for (const auto& v : f.values) out << "  " << v.count << "  " << v.value << "\n";
        if (f.missing) out << "  " << f.missing << "  (" << (f.field == "year" ? "undated" : "none") << ")\n";
    }
    return out.str();
}

std::string render_json(const SearchResults& r) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& h : r.hits) {
        const auto& a = h.article;
        nlohmann::json highlights = nlohmann::json::array();
        for (const auto& s : h.snippet.highlights) highlights.push_back({{"start", s.begin}, {"end", s.end}});
        results.push_back({
            {"rank", h.rank},
            {"duplicates", h.duplicates},
            {"id", a.id},
            {"relevance", h.percent},
            {"weight", h.weight},
            {"title", a.title},
            {"date", a.date.empty() ? nlohmann::json() : nlohmann::json(a.date)},
            {"year", year_of(a).empty() ? nlohmann::json() : nlohmann::json(year_of(a))},
            {"source", a.source},
            {"url", a.url},
            {"path", a.path},
            {"companies", a.companies},
            {"organisations", a.orgs},
            {"people", a.people},
            {"places", a.places},
            {"mentions", a.mentions},
            {"snippet", {{"text", h.snippet.text}, {"highlights", highlights}}},
        });
    }
    nlohmann::json facets = nlohmann::json::object();
    for (const auto& f : r.facets) {
        nlohmann::json values = nlohmann::json::array();
        for (const auto& v : f.values) values.push_back({{"value", v.value}, {"count", v.count}});
        facets[f.field] = {{"values", values}, {"distinct", f.distinct}, {"missing", f.missing}};
    }
    nlohmann::json expansion;  // null: the query was not expanded
    if (r.feedback_docs > 0) {
        nlohmann::json terms = nlohmann::json::array();
        for (const auto& t : r.expansion) terms.push_back({{"term", t.term}, {"weight", t.weight}});
        expansion = {{"docs", r.feedback_docs}, {"terms", terms}};
    }
    const nlohmann::json j{
        {"format_version", schema::kJsonFormatVersion},
        {"query", r.query},
        {"parsed", r.parsed},
        {"total", {{"estimate", r.estimate}, {"lower_bound", r.lower_bound}, {"upper_bound", r.upper_bound}, {"exact", r.exact}}},
        {"offset", r.offset},
        {"limit", r.limit},
        {"results", results},
        {"facets", facets},
        {"fallback", r.fell_back_to_any ? nlohmann::json("any") : nlohmann::json()},
        {"suggestion", r.suggestion.empty() ? nlohmann::json() : nlohmann::json(r.suggestion)},
        {"expansion", expansion},
    };
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace news::searcher
