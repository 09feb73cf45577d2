#include "searcher/render.h"

#include "schema/version.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
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

// The year of an article's date as a number, or null when undated.
nlohmann::json year_of(const schema::StoredArticle& a) {
    if (a.date.size() < 4) return nullptr;
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (a.date[i] < '0' || a.date[i] > '9') return nullptr;
        year = year * 10 + (a.date[i] - '0');
    }
    return year;
}

nlohmann::json or_null(const std::string& value) { return value.empty() ? nlohmann::json() : nlohmann::json(value); }

// Years mentioned, as numbers (they are stored as "YYYY").
nlohmann::json years(const std::vector<std::string>& values) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : values) {
        char* end = nullptr;
        const long y = std::strtol(v.c_str(), &end, 10);
        out.push_back(end && *end == '\0' && !v.empty() ? nlohmann::json(y) : nlohmann::json(v));
    }
    return out;
}

// "$700 million (700000000 USD)": an amount as written and as read.
std::string amount_text(const schema::Amount& a) {
    char value[64];
    std::snprintf(value, sizeof value, "%.2f", a.value);
    std::string exact = value;  // cents kept, trailing zeros dropped, as the extractor writes it
    while (exact.back() == '0') exact.pop_back();
    if (exact.back() == '.') exact.pop_back();
    return printable(a.text) + " (" + exact + " " + printable(a.currency) + ")";
}

// Code points in text[0, byte): UTF-8 continuation bytes do not count.
std::size_t code_points(const std::string& text, std::size_t byte) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
    return n;
}

// "63", or "between 40 and 120" when counting stopped at its limit.
std::string total_text(const SearchResults& r) {
    if (r.exact) return std::to_string(r.estimate);
    return "between " + std::to_string(r.lower_bound) + " and " + std::to_string(r.upper_bound);
}

// "flutter 0.31, panel 0.12": the words feedback added, with the factor each BM25 weight got.
std::string expansion_words(const std::vector<ExpansionTerm>& terms) {
    std::ostringstream out;
    out.precision(2);
    for (const auto& t : terms) out << (out.tellp() > 0 ? ", " : "") << t.term << " " << t.weight;
    return out.str();
}

}  // namespace

TextStyle text_style(const StyleChoice& choice) {
    const bool color = choice.color == "always" ||
                       (choice.color == "auto" && choice.terminal && !choice.no_color && !choice.dumb);
    TextStyle style;
    if (color) style = {"\033[1m", "\033[0m", "\033[1m", "\033[0m"};
    if (choice.highlight == "markers") style.mark_open = style.mark_close = "**";
    if (choice.highlight == "none") style.mark_open = style.mark_close = "";
    return style;
}

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
    if (style.show_query) out << "query: " << printable(r.parsed) << "\n";
    if (style.show_query && r.feedback_docs > 0)
        out << "expanded from the top " << r.feedback_docs << " articles with: " << expansion_words(r.expansion) << "\n";
    if (style.show_query)
        out << "path: " << (r.remote ? "remote" : "local") << (r.dense ? ", dense arrays" : "")
            << (r.ranked_by_facet_pass ? ", ranked by the facet pass" : "") << "\n";
    if (style.show_query)
        for (const auto& note : r.notes) out << "note: " << note << "\n";
    if (r.partial) {
        out << "Partial results: these shards did not answer:";
        for (const auto& shard : r.missing_shards) out << " '" << printable(shard) << "'";
        out << "\n";
    }
    const std::string total = total_text(r);
    if (!r.respelled.empty())
        out << "Showing results for " << printable(r.respelled) << "; search instead for " << printable(r.query) << " with --as-typed\n";
    if (!r.suggestion.empty()) out << "Did you mean: " << printable(r.suggestion) << "\n";
    const std::string searched = printable(r.respelled.empty() ? r.query : r.respelled);
    if (r.fell_back_to_any) out << "No article has all of: " << printable(r.query) << ". Showing articles with any of the words:\n";
    if (r.upper_bound == 0) {
        out << "No results for: " << searched << "\n";
    } else if (r.hits.empty()) {  // --limit 0, or an offset past the end
        out << total << (r.exact && r.estimate == 1 ? " result" : " results") << " for: " << searched
            << (r.limit > 0 ? " (none at this offset)" : "") << "\n";
    } else {
        out << "Results " << r.offset + 1 << "-" << r.offset + r.hits.size() << " of " << total << " for: " << searched << "\n";
    }
    for (const auto& h : r.hits) {
        const auto& a = h.article;
        out << "\n" << h.rank << ". " << style.title_open << printable(a.title) << style.title_close;
        if (h.duplicates) out << "  (+" << h.duplicates << " duplicate" << (h.duplicates == 1 ? "" : "s") << ")";
        out << "\n";
        // The id is what --similar and id: take; the path is shown too when it says more.
        out << "   " << (a.date.empty() ? "undated" : printable(a.date)) << (a.time.empty() ? "" : " " + printable(a.time) + " UTC")
            << (a.source.empty() ? "" : " | " + printable(a.source))
            << " | id " << printable(a.id) << (a.path.empty() || a.path == a.id ? "" : " | " + printable(a.path))
            << (style.show_relevance ? " | relevance " + std::to_string(h.percent) + "%" : "") << "\n";
        std::string entities;
        if (!a.companies.empty()) entities += "   companies: " + joined(a.companies) + "\n";
        if (!a.orgs.empty()) entities += "   organisations: " + joined(a.orgs) + "\n";
        if (!a.people.empty()) entities += "   people: " + joined(a.people) + "\n";
        if (!a.places.empty()) entities += "   places: " + joined(a.places) + "\n";
        if (!a.amounts.empty()) {
            entities += "   money: ";
            for (std::size_t i = 0; i < a.amounts.size(); ++i) entities += (i ? ", " : "") + amount_text(a.amounts[i]);
            entities += "\n";
        }
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

nlohmann::json article_fields(const schema::StoredArticle& a) {
    nlohmann::json money = nlohmann::json::array();
    for (const auto& m : a.amounts) money.push_back({{"text", m.text}, {"value", m.value}, {"currency", m.currency}});
    return {
        {"id", a.id},
        {"title", or_null(a.title)},
        {"date", or_null(a.date)},
        {"time", or_null(schema::iso_instant(a))},
        {"year", year_of(a)},
        {"source", or_null(a.source)},
        {"url", or_null(a.url)},
        {"path", or_null(a.path)},
        {"companies", a.companies},
        {"organisations", a.orgs},
        {"people", a.people},
        {"places", a.places},
        {"mentions", years(a.mentions)},
        {"money", money},
    };
}

std::string render_json(const SearchResults& r) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& h : r.hits) {
        const auto& a = h.article;
        nlohmann::json highlights = nlohmann::json::array();
        for (const auto& s : h.snippet.highlights)
            highlights.push_back({{"start", code_points(h.snippet.text, s.begin)}, {"end", code_points(h.snippet.text, s.end)}});
        nlohmann::json result = article_fields(a);
        result["rank"] = h.rank;
        result["duplicates"] = h.duplicates;
        result["relevance"] = h.percent;
        result["weight"] = h.weight;
        result["snippet"] = {{"text", h.snippet.text}, {"highlights", highlights}};
        results.push_back(std::move(result));
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
        {"suggestion", or_null(r.suggestion)},
        {"respelled", or_null(r.respelled)},  // searched instead of "query"
        {"expansion", expansion},
        {"search_path", r.remote ? "remote" : "local"},
        {"partial", r.partial},
        {"missing_shards", r.missing_shards},
        {"notes", r.notes},
    };
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace news::searcher
