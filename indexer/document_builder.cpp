#include "indexer/document_builder.h"

#include "schema/document_data.h"
#include "schema/ranking.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <unordered_set>

namespace news::indexer {
namespace {

using schema::FieldId;

// Xapian terms may not exceed 245 bytes; ids that long are cut and made unique by a hash.
constexpr std::size_t kMaxIdTermBytes = 200;

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

std::string date_key(std::string_view date) {  // "2020-12-15" -> "20201215"
    std::string key;
    for (const char c : date)
        if (c != '-') key += c;
    return key;
}

// The same story indexed twice, or one wire copy under two titles, opens with the same words:
// the hash of the body's first kDupWords words (case, punctuation and spacing ignored).
constexpr std::size_t kDupWords = 60;
std::string duplicate_key(const std::vector<schema::Token>& body) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    std::size_t words = 0;
    for (const auto& t : body) {
        if (t.compound) continue;
        h = fnv1a(h, t.term);
        if (++words == kDupWords) break;
    }
    return words == 0 ? std::string() : bytes(h);
}

// Only the text terms were added so far (entity, id and date terms come later), so every term
// of the document is rescaled. A wdf only grows, unless the article is over ~3,000 words:
// then a positional term gives back the difference through one of its positions.
void normalise_wdfs(Xapian::Document& doc, double length) {
    std::vector<std::pair<std::string, Xapian::termcount>> shrink;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const Xapian::termcount count = t.get_wdf(), wdf = schema::normalised_wdf(count, length);
        if (wdf > count) {
            doc.add_term(*t, wdf - count);
        } else if (wdf < count) {
            shrink.emplace_back(*t, count - wdf);
        }
    }
    for (const auto& [term, less] : shrink) {
        auto t = doc.termlist_begin();
        t.skip_to(term);
        const auto p = t.positionlist_begin();
        if (p != t.positionlist_end()) {  // remove one position with the difference, put it back
            const Xapian::termpos at = *p;
            doc.remove_posting(term, at, less);
            doc.add_posting(term, at, 0);
        } else {
            const Xapian::termcount wdf = t.get_wdf() - less;
            doc.remove_term(term);
            doc.add_term(term, wdf);
        }
    }
}

// The fields an Article and its stored copy share, both ways: everything content_hash() reads.
template <class From, class To>
void copy_article_fields(const From& from, To& to) {
    to.id = from.id;
    to.title = from.title;
    to.title_derived = from.title_derived;
    to.date = from.date;
    to.source = from.source;
    to.url = from.url;
    to.path = from.path;
    to.body = from.body;
}

}  // namespace

std::string DocumentBuilder::id_term(std::string_view article_id) {
    const std::string prefix{schema::field(FieldId::Id).prefix};
    if (article_id.size() <= kMaxIdTermBytes) return prefix + std::string(article_id);
    return prefix + std::string(article_id.substr(0, kMaxIdTermBytes - 17)) + "#" +
           hex(fnv1a(0xcbf29ce484222325ULL, article_id));
}

std::string DocumentBuilder::content_hash(const Article& a) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, std::to_string(schema::kSchemaVersion));
    for (const std::string* s : {&a.id, &a.title, &a.body, &a.date, &a.source, &a.url, &a.path})
        h = fnv1a(h, *s);
    return bytes(h);
}

std::string DocumentBuilder::article_id(std::string_view id_term) {
    return std::string(id_term.substr(std::min(id_term.size(), schema::field(FieldId::Id).prefix.size())));
}

std::string DocumentBuilder::training_sample(const Article& article) {
    schema::StoredArticle stored;
    copy_article_fields(article, stored);
    return schema::encode(stored);
}

Article DocumentBuilder::article(const schema::StoredArticle& stored) {
    Article a;
    copy_article_fields(stored, a);
    return a;
}

Xapian::termpos DocumentBuilder::add_tokens(Xapian::Document& doc, Xapian::termpos pos,
                                            const std::vector<schema::Token>& tokens, const schema::Field& field,
                                            Xapian::termcount wdf) const {
    Xapian::termpos last = pos;
    for (const auto& token : tokens) {
        last = pos + token.position;
        doc.add_posting(schema::word_term(field, token), last, wdf);
    }
    return last;
}

// Each entity value is one boolean term (its canonical name, folded) plus a '\n'-joined
// slot for facets. Companies and places also carry their parents, so company:amazon finds
// AWS articles and the Amazon facet counts them; company_only: has the direct mentions.
void DocumentBuilder::add_entities(Xapian::Document& doc, const std::vector<schema::EntityMention>& mentions,
                                   schema::StoredArticle& stored) const {
    using schema::EntityKind;
    const schema::Gazetteer& g = entities_->gazetteer();
    auto index = [&](FieldId id, const std::vector<std::string>& values) {
        const schema::Field& f = schema::field(id);
        std::string joined;
        for (const auto& v : values) {
            doc.add_boolean_term(schema::filter_term(f, v));
            joined += (joined.empty() ? "" : "\n") + v;
        }
        if (f.slot != schema::kNoSlot && !joined.empty()) doc.add_value(f.slot, joined);
    };
    stored.companies = schema::distinct(mentions, EntityKind::Company);
    stored.orgs = schema::distinct(mentions, EntityKind::Org);
    stored.people = schema::distinct(mentions, EntityKind::Person);
    stored.places = schema::distinct(mentions, EntityKind::Place);
    stored.mentions = schema::distinct(mentions, EntityKind::Year);
    index(FieldId::Company, schema::distinct(mentions, EntityKind::Company, &g));
    index(FieldId::CompanyOnly, stored.companies);
    index(FieldId::Org, schema::distinct(mentions, EntityKind::Org, &g));
    index(FieldId::Person, stored.people);
    index(FieldId::Place, schema::distinct(mentions, EntityKind::Place, &g));
    index(FieldId::Mentions, stored.mentions);
    double largest = 0;
    for (const auto& m : mentions) {
        if (m.kind == EntityKind::Money) {
            stored.amounts.push_back({m.surface, m.value, m.currency});
            largest = std::max(largest, m.value);
        } else if (m.kind == EntityKind::Percent) {
            stored.percents.push_back(m.value);
        }
    }
    if (largest > 0) doc.add_value(schema::slot::kMoneyMax, Xapian::sortable_serialise(largest));
}

std::vector<schema::EntityMention> DocumentBuilder::extract(const Article& a) const {
    if (!entities_) return {};
    const auto title = analyzer_.analyze(a.title);
    const auto body = analyzer_.analyze(a.body);
    return entities_->extract({{"title", a.title, title}, {"body", a.body, body}});
}

BuiltDocument DocumentBuilder::build(const Article& a) const {
    BuiltDocument built;
    Xapian::Document& doc = built.doc;
    doc.add_boolean_term(id_term(a.id));
    const auto title_tokens = analyzer_.analyze(a.title);
    const auto body_tokens = analyzer_.analyze(a.body);

    // Title words go in twice: under the title prefix for title: queries, and in the default
    // field with a higher wdf so a title match outranks a body match. Only the default field
    // keeps their positions; a title phrase is looked for there, up to the title's last
    // position (slot kTitleEnd), by searcher/title_span.h.
    for (const auto& token : title_tokens) doc.add_term(schema::word_term(schema::field(FieldId::Title), token));
    const auto& body = schema::field(FieldId::Body);
    Xapian::termpos title_end = 0;
    Xapian::termpos pos = 1;
    if (a.title_derived) {
        // A derived title is the first sentence of the body: indexing it twice would only
        // inflate it. Its span is the body's opening words, as far as they are the title's.
        for (std::size_t i = 0; i < title_tokens.size() && i < body_tokens.size() &&
                                title_tokens[i].term == body_tokens[i].term &&
                                title_tokens[i].position == body_tokens[i].position;
             ++i)
            title_end = pos + title_tokens[i].position;
    } else if (!title_tokens.empty()) {
        title_end = add_tokens(doc, pos, title_tokens, body, kTitleWdf);
        pos = title_end + kFieldGap;
    }
    add_tokens(doc, pos, body_tokens, body, 1);
    if (title_end > 0) doc.add_value(schema::slot::kTitleEnd, std::to_string(title_end));
    // So far every wdf counts occurrences; the title's count kTitleWdf. Now each becomes its
    // BM25-normalised frequency (schema/ranking.h), the length being the default field's words.
    normalise_wdfs(doc, static_cast<double>(body_tokens.size() +
                                            (a.title_derived ? 0 : kTitleWdf * title_tokens.size())));

    if (!a.date.empty()) {
        const std::string key = date_key(a.date);
        doc.add_value(schema::slot::kDate, key);
        doc.add_value(schema::slot::kYear, key.substr(0, 4));
        doc.add_boolean_term(schema::filter_term(schema::field(FieldId::Date), key));
        doc.add_boolean_term(schema::filter_term(schema::field(FieldId::Year), key.substr(0, 4)));
    }
    if (!a.source.empty())
        doc.add_boolean_term(schema::filter_term(schema::field(FieldId::Source), a.source));
    doc.add_value(schema::slot::kHash, content_hash(a));
    doc.add_value(schema::slot::kDupKey, duplicate_key(body_tokens));

    schema::StoredArticle stored;
    copy_article_fields(a, stored);
    if (entities_)
        add_entities(doc, entities_->extract({{"title", a.title, title_tokens}, {"body", a.body, body_tokens}}), stored);
    codec_.store(stored, doc);
    // A word with a stem is indexed only as its stem, so the spelling dictionary gets the words.
    std::unordered_set<std::string_view> words;
    for (const auto* tokens : {&title_tokens, &body_tokens})
        for (const auto& t : *tokens)
            if (schema::spelling_word(t.term) && words.insert(t.term).second) built.spelling.push_back(t.term);
    return built;
}

}  // namespace news::indexer
