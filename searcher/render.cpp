#include "searcher/render.h"

#include "schema/version.h"
#include "searcher/json_writer.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>

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

// The year of an article's date, or none when undated.
std::optional<int> year_of(const schema::StoredArticle& a) {
    if (a.date.size() < 4) return std::nullopt;
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (a.date[i] < '0' || a.date[i] > '9') return std::nullopt;
        year = year * 10 + (a.date[i] - '0');
    }
    return year;
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

namespace {

void write_snippet(JsonWriter& w, const Snippet& snippet) {
    w.key("snippet");
    w.begin_object();
    w.key("highlights");
    w.begin_array();
    for (const auto& s : snippet.highlights) {
        w.begin_object();
        w.member_unsigned("end", code_points(snippet.text, s.end));
        w.member_unsigned("start", code_points(snippet.text, s.begin));
        w.end_object();
    }
    w.end_array();
    w.member("text", snippet.text);
    w.end_object();
}

// One result of render_json(): the article's stored fields and, for a hit, its rank, score and
// snippet, in the order nlohmann::json keeps keys (sorted), so the text is what dumping a tree
// of them printed.
void write_result(JsonWriter& w, const schema::StoredArticle& a, const Hit* hit) {
    w.begin_object();
    w.member_strings("companies", a.companies);
    w.member_or_null("date", a.date);
    if (hit) w.member_unsigned("duplicates", hit->duplicates);
    w.member("id", a.id);
    w.key("mentions");  // years as numbers (they are stored as "YYYY")
    w.begin_array();
    for (const auto& v : a.mentions) {
        char* end = nullptr;
        const long y = std::strtol(v.c_str(), &end, 10);
        if (end && *end == '\0' && !v.empty()) w.integer(y);
        else w.string(v);
    }
    w.end_array();
    w.key("money");
    w.begin_array();
    for (const auto& m : a.amounts) {
        w.begin_object();
        w.member("currency", m.currency);
        w.member("text", m.text);
        w.member_real("value", m.value);
        w.end_object();
    }
    w.end_array();
    w.member_strings("organisations", a.orgs);
    w.member_or_null("path", a.path);
    w.member_strings("people", a.people);
    w.member_strings("places", a.places);
    if (hit) {
        w.member_unsigned("rank", hit->rank);
        w.key("relevance");
        w.integer(hit->percent);
        write_snippet(w, hit->snippet);
    }
    w.member_or_null("source", a.source);
    w.member_or_null("time", schema::iso_instant(a));
    w.member_or_null("title", a.title);
    w.member_or_null("url", a.url);
    if (hit) w.member_real("weight", hit->weight);
    w.key("year");
    if (const auto year = year_of(a)) w.integer(*year);
    else w.null();
    w.end_object();
}

// By field name, as an nlohmann object keeps them; a field asked twice shows its last count.
void write_facets(JsonWriter& w, const std::vector<Facet>& facets) {
    std::map<std::string_view, const Facet*> by_field;
    for (const auto& f : facets) by_field[f.field] = &f;
    w.key("facets");
    w.begin_object();
    for (const auto& [field, f] : by_field) {
        w.key(field);
        w.begin_object();
        w.member_unsigned("distinct", f->distinct);
        w.member_unsigned("missing", f->missing);
        w.key("values");
        w.begin_array();
        for (const auto& v : f->values) {
            w.begin_object();
            w.member_unsigned("count", v.count);
            w.member("value", v.value);
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_object();
}

void write_expansion(JsonWriter& w, const SearchResults& r) {
    w.key("expansion");
    if (r.feedback_docs == 0) return w.null();  // the query was not expanded
    w.begin_object();
    w.member_unsigned("docs", r.feedback_docs);
    w.key("terms");
    w.begin_array();
    for (const auto& t : r.expansion) {
        w.begin_object();
        w.member("term", t.term);
        w.member_real("weight", t.weight);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

}  // namespace

nlohmann::json article_fields(const schema::StoredArticle& a) {
    JsonWriter w;
    write_result(w, a, nullptr);
    return nlohmann::json::parse(w.take());
}

std::string render_json(const SearchResults& r) {
    JsonWriter w;
    w.begin_object();
    write_expansion(w, r);
    write_facets(w, r.facets);
    w.key("fallback");
    if (r.fell_back_to_any) w.string("any");
    else w.null();
    w.key("format_version");
    w.integer(schema::kJsonFormatVersion);
    w.member_unsigned("limit", r.limit);
    w.member_strings("missing_shards", r.missing_shards);
    w.member_strings("notes", r.notes);
    w.member_unsigned("offset", r.offset);
    w.member("parsed", r.parsed);
    w.key("partial");
    w.boolean(r.partial);
    w.member("query", r.query);
    w.member_or_null("respelled", r.respelled);  // searched instead of "query"
    w.key("results");
    w.begin_array();
    for (const auto& h : r.hits) write_result(w, h.article, &h);
    w.end_array();
    w.member("search_path", r.remote ? "remote" : "local");
    w.member_or_null("suggestion", r.suggestion);
    w.key("total");
    w.begin_object();
    w.member_unsigned("estimate", r.estimate);
    w.key("exact");
    w.boolean(r.exact);
    w.member_unsigned("lower_bound", r.lower_bound);
    w.member_unsigned("upper_bound", r.upper_bound);
    w.end_object();
    w.end_object();
    return w.take();
}

}  // namespace news::searcher
