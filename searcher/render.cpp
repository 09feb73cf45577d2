#include "searcher/render.h"

#include "schema/version.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace news::searcher {
namespace {

std::string marked(const Snippet& s, const TextStyle& style) {
    const std::string_view text = s.text;
    std::string out;
    std::size_t at = 0;
    for (const auto& h : s.highlights) {
        out += printable(text.substr(at, h.begin - at));
        out += style.mark_open + printable(text.substr(h.begin, h.end - h.begin)) + style.mark_close;
        at = h.end;
    }
    return out + printable(text.substr(at));
}

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + printable(v);
    return out;
}

std::string year_of(const schema::StoredArticle& a) { return a.date.size() >= 4 ? a.date.substr(0, 4) : ""; }

}  // namespace

std::string printable(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\t' || byte == '\n') {
            out += text[i];
        } else if (byte == '\r') {  // would send the cursor back over what was printed
            out += ' ';
        } else if (byte < 0x20 || byte == 0x7F) {
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
        } else if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            const auto c1 = static_cast<unsigned char>(text[++i]);
            out += "\\u00";
            out += kHex[c1 >> 4];
            out += kHex[c1 & 15];
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string render_text(const SearchResults& r, const TextStyle& style) {
    std::ostringstream out;
    const std::string query = printable(r.query);
    if (style.show_query) out << "query: " << printable(r.parsed) << "\n";
    const auto total = r.exact ? std::to_string(r.estimate) : "about " + std::to_string(r.estimate);
    if (!r.suggestion.empty()) out << "Did you mean: " << printable(r.suggestion) << "\n";
    if (r.fell_back_to_any) out << "No article has all of: " << query << ". Showing articles with any of the words:\n";
    if (r.hits.empty()) {
        out << "No results for: " << query << (r.estimate ? " (at this offset)" : "") << "\n";
    } else {
        out << "Results " << r.offset + 1 << "-" << r.offset + r.hits.size() << " of " << total << " for: " << query << "\n";
    }
    for (const auto& h : r.hits) {
        const auto& a = h.article;
        out << "\n" << h.rank << ". " << printable(a.title);
        if (h.duplicates) out << "  (+" << h.duplicates << " duplicate" << (h.duplicates == 1 ? "" : "s") << ")";
        out << "\n";
        out << "   " << (a.date.empty() ? "undated" : printable(a.date)) << " | "
            << printable(a.source.empty() ? a.path : a.source + " | " + a.path)
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
        for (const auto& v : f.values) out << "  " << v.count << "  " << printable(v.value) << "\n";
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
    };
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace news::searcher
