#include "schema/document_layout.h"

#include "schema/ranking.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace news::schema {
namespace {

constexpr std::uint64_t kFnvBasis = 0xcbf29ce484222325ULL;

// FNV-1a, 64 bit; each field is followed by a 0xff byte (never in UTF-8) as a separator.
std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
    for (const unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    h ^= 0xff;
    return h * 0x100000001b3ULL;
}

// The 8 bytes of a hash, most significant first: half the size of its hex (two value slots of
// every article hold one).
std::string bytes(std::uint64_t h) {
    std::string out(8, '\0');
    for (int i = 7; i >= 0; --i, h >>= 8) out[static_cast<std::size_t>(i)] = static_cast<char>(h & 0xff);
    return out;
}

std::string hex(std::uint64_t h) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

// The same story indexed twice, or one wire copy under two titles, opens with the same words.
constexpr std::size_t kDupWords = 60;

// Adds `tokens` with positions from `pos` on; returns the last position used (`pos` if none).
Xapian::termpos add_tokens(Xapian::Document& doc, Xapian::termpos pos, const std::vector<Token>& tokens,
                           const Field& field, Xapian::termcount wdf) {
    Xapian::termpos last = pos;
    for (const auto& token : tokens) {
        last = pos + token.position;
        doc.add_posting(word_term(field, token), last, wdf);
    }
    return last;
}

// Every term of the document is rescaled (only the id term may precede the text's). A wdf
// only grows, unless the article is over ~3,000 words: then a positional term gives back the
// difference through one of its positions. What a shrinking term needs is read in the one pass
// over the termlist: a Document's TermIterator::skip_to walks from where it stands, so looking
// each term up again cost the terms times the shrinking terms (a 1 MB table of figures: 26 s).
void normalise_wdfs(Xapian::Document& doc, double length, double b) {
    struct Shrink {
        std::string term;
        Xapian::termcount wdf, less;
        std::optional<Xapian::termpos> first;  // its first position, if it has any
    };
    std::vector<Shrink> shrink;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const Xapian::termcount count = t.get_wdf(), wdf = normalised_wdf(count, length, b);
        if (wdf > count) {
            doc.add_term(*t, wdf - count);
        } else if (wdf < count) {
            const auto p = t.positionlist_begin();
            shrink.push_back({*t, count, count - wdf,
                              p != t.positionlist_end() ? std::optional<Xapian::termpos>(*p) : std::nullopt});
        }
    }
    for (const auto& s : shrink) {
        if (s.first) {  // remove one position with the difference, put it back
            doc.remove_posting(s.term, *s.first, s.less);
            doc.add_posting(s.term, *s.first, 0);
        } else {
            doc.remove_term(s.term);
            doc.add_term(s.term, s.wdf - s.less);
        }
    }
}

}  // namespace

std::string term(const Field& f, std::string_view value) {
    // Omega convention: a prefix longer than one character that ends in a capital letter is
    // followed by ':' when the value starts with a capital; folded values never do.
    const std::string folded = f.id == FieldId::Id ? std::string(value) : normalize_filter_value(value);
    std::string out{f.prefix};
    if (folded.size() <= kMaxValueBytes) return out += folded;
    return out.append(folded, 0, kMaxValueBytes - 17).append("#").append(hex(fnv1a(kFnvBasis, folded)));
}

std::string id_term(std::string_view article_id) { return term(field(FieldId::Id), article_id); }

std::string article_id(std::string_view id_term) {
    return std::string(id_term.substr(std::min(id_term.size(), field(FieldId::Id).prefix.size())));
}

void add(Xapian::Document& doc, const Field& f, const std::vector<std::string>& values) {
    std::string joined;
    for (const auto& v : values) {
        doc.add_boolean_term(term(f, v));
        joined += (joined.empty() ? "" : "\n") + v;
    }
    if (f.slot != kNoSlot && !joined.empty()) doc.add_value(f.slot, joined);
}

std::string date_key(std::string_view date) {
    std::string key;
    for (const char c : date)
        if (c != '-') key += c;
    return key;
}

std::string instant_key(std::string_view date, std::string_view time) {
    std::string key = date_key(date);
    if (time.empty()) return key + "000000";
    for (const char c : time)
        if (c != ':') key += c;
    return key;
}

void add_text(Xapian::Document& doc, const std::vector<Token>& title, const std::vector<Token>& body,
              bool title_derived, double b) {
    // Title words go in twice: under the title prefix for title: queries, and in the default
    // field with a higher wdf so a title match outranks a body match. Only the default field
    // keeps their positions; a title phrase is looked for there, up to the title's last
    // position (slot kTitleEnd), by searcher/title_span.h.
    for (const auto& token : title) doc.add_term(word_term(field(FieldId::Title), token));
    const Field& text = field(FieldId::Body);
    Xapian::termpos title_end = 0;
    Xapian::termpos pos = 1;
    if (title_derived) {
        // A derived title is the first sentence of the body: indexing it twice would only
        // inflate it. Its span is the body's opening words, as far as they are the title's.
        for (std::size_t i = 0; i < title.size() && i < body.size() && title[i].term == body[i].term &&
                                title[i].position == body[i].position;
             ++i)
            title_end = pos + title[i].position;
    } else if (!title.empty()) {
        title_end = add_tokens(doc, pos, title, text, kTitleWdf);
        pos = title_end + kFieldGap;
    }
    add_tokens(doc, pos, body, text, 1);
    if (title_end > 0) doc.add_value(slot::kTitleEnd, std::to_string(title_end));
    // So far every wdf counts occurrences; the title's count kTitleWdf. Now each becomes its
    // BM25-normalised frequency, the length being the default field's words.
    if (b != kRawWdfs)
        normalise_wdfs(doc, static_cast<double>(body.size() + (title_derived ? 0 : kTitleWdf * title.size())), b);
}

std::vector<std::pair<std::string, Xapian::termcount>> text_wdfs(const std::vector<Token>& title,
                                                                 const std::vector<Token>& body, bool title_derived) {
    // add_text()'s counts: the title's words kTitleWdf times unless derived, the body's once.
    const Field& text = field(FieldId::Body);
    std::map<std::string, Xapian::termcount> counts;
    if (!title_derived)
        for (const auto& token : title) counts[word_term(text, token)] += kTitleWdf;
    for (const auto& token : body) ++counts[word_term(text, token)];
    const double length = static_cast<double>(body.size() + (title_derived ? 0 : kTitleWdf * title.size()));
    std::vector<std::pair<std::string, Xapian::termcount>> out;
    out.reserve(counts.size());
    for (auto& [term, count] : counts) out.emplace_back(term, normalised_wdf(count, length));
    return out;
}

std::string content_hash(const ArticleFields& a) {
    std::uint64_t h = kFnvBasis;
    h = fnv1a(h, std::to_string(kSchemaVersion));
    for (const std::string* s : {&a.id, &a.title, &a.body, &a.date, &a.time, &a.source, &a.url, &a.path}) h = fnv1a(h, *s);
    return bytes(h);
}

std::string duplicate_key(const std::vector<Token>& body) {
    std::uint64_t h = kFnvBasis;
    std::size_t words = 0;
    for (const auto& t : body) {
        if (t.compound) continue;
        h = fnv1a(h, t.term);
        if (++words == kDupWords) break;
    }
    return words == 0 ? std::string() : bytes(h);
}

}  // namespace news::schema
