#include "indexer/document_builder.h"

#include "schema/document_data.h"

#include <cstdint>
#include <cstdio>

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
    return hex(h);
}

void DocumentBuilder::add_text(Xapian::Document& doc, Xapian::termpos& pos, std::string_view text,
                               const schema::Field& field, Xapian::termcount wdf) const {
    const std::string prefix{field.prefix};
    Xapian::termpos last = pos;
    for (const auto& token : analyzer_.analyze(text)) {
        last = pos + token.position;
        doc.add_posting(prefix + token.term, last, wdf);
        if (!token.stem.empty()) doc.add_term("Z" + prefix + token.stem, wdf);
    }
    pos = last + kFieldGap;
}

Xapian::Document DocumentBuilder::build(const Article& a) const {
    Xapian::Document doc;
    doc.add_boolean_term(id_term(a.id));

    // Title words go in twice: under the title prefix for title: queries, and in the default
    // field with a higher wdf so a title match outranks a body match.
    Xapian::termpos pos = 1;
    add_text(doc, pos, a.title, schema::field(FieldId::Title), 1);
    pos = 1;
    const auto& body = schema::field(FieldId::Body);
    // A derived title is the first sentence of the body: indexing it twice would only inflate it.
    if (!a.title_derived) add_text(doc, pos, a.title, body, kTitleWdf);
    add_text(doc, pos, a.body, body, 1);

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

    schema::StoredArticle stored;
    stored.id = a.id;
    stored.title = a.title;
    stored.title_derived = a.title_derived;
    stored.date = a.date;
    stored.source = a.source;
    stored.url = a.url;
    stored.path = a.path;
    stored.body = a.body;
    doc.set_data(schema::encode(stored));
    return doc;
}

}  // namespace news::indexer
