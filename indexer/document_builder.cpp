#include "indexer/document_builder.h"

#include "schema/document_layout.h"
#include "schema/fields.h"
#include "schema/money.h"

#include <algorithm>
#include <unordered_set>

namespace news::indexer {
namespace {

// The year of a "YYYY-MM-DD" date, 0 when undated: entity names and roll-ups follow it.
int year_of(const std::string& date) {
    if (date.size() < 4) return 0;
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (date[i] < '0' || date[i] > '9') return 0;
        year = year * 10 + (date[i] - '0');
    }
    return year;
}

}  // namespace

using schema::FieldId;

std::string DocumentBuilder::training_sample(const Article& article) {
    schema::StoredArticle stored;
    static_cast<schema::ArticleFields&>(stored) = article;
    return schema::encode(stored);
}

Article DocumentBuilder::article(const Xapian::Document& doc, const schema::DocumentCodec& codec) {
    Article a;
    static_cast<schema::ArticleFields&>(a) = codec.load(doc);
    a.file = doc.get_value(schema::slot::kFile);
    return a;
}

// Each entity value is one boolean term (its canonical name, folded) plus a '\n'-joined
// slot for facets. Companies and places also carry their parents, so company:amazon finds
// AWS articles and the Amazon facet counts them; company_only: has the direct mentions.
void DocumentBuilder::add_entities(Xapian::Document& doc, const std::vector<schema::EntityMention>& mentions,
                                   schema::StoredArticle& stored, int year) const {
    using schema::EntityKind;
    const schema::Gazetteer& g = entities_->gazetteer();
    stored.companies = schema::distinct(mentions, EntityKind::Company);
    stored.orgs = schema::distinct(mentions, EntityKind::Org);
    stored.people = schema::distinct(mentions, EntityKind::Person);
    stored.places = schema::distinct(mentions, EntityKind::Place);
    stored.mentions = schema::distinct(mentions, EntityKind::Year);
    schema::add(doc, schema::field(FieldId::Company), schema::distinct(mentions, EntityKind::Company, &g, year));
    schema::add(doc, schema::field(FieldId::CompanyOnly), stored.companies);
    schema::add(doc, schema::field(FieldId::Org), schema::distinct(mentions, EntityKind::Org, &g, year));
    schema::add(doc, schema::field(FieldId::Person), stored.people);
    schema::add(doc, schema::field(FieldId::Place), schema::distinct(mentions, EntityKind::Place, &g, year));
    schema::add(doc, schema::field(FieldId::Mentions), stored.mentions);
    double largest = 0;
    const std::string_view money_prefix = schema::field(FieldId::Money).prefix;
    for (const auto& m : mentions) {
        if (m.kind == EntityKind::Money) {
            stored.amounts.push_back({m.surface, m.value, m.currency});
            largest = std::max(largest, m.value);
            // money:GBP:1e6..1e8 and money:1e9.. (schema/money.h): a few terms per amount.
            for (const auto& t : schema::money_terms(money_prefix, m.currency, schema::amount_key(m.value)))
                doc.add_boolean_term(t);
        } else if (m.kind == EntityKind::Percent) {
            stored.percents.push_back(m.value);
        }
    }
    if (largest > 0) doc.add_value(schema::slot::kMoneyMax, Xapian::sortable_serialise(largest));
}

std::vector<schema::EntityMention> DocumentBuilder::extract(const Article& a) {
    if (!entities_) return {};
    const auto title = analyzer_.analyze(a.title);
    const auto body = analyzer_.analyze(a.body);
    return entities_->extract({{"title", a.title, title}, {"body", a.body, body}}, year_of(a.date));
}

BuiltDocument DocumentBuilder::build(const Article& a) {
    BuiltDocument built;
    Xapian::Document& doc = built.doc;
    const auto title_tokens = analyzer_.analyze(a.title);
    const auto body_tokens = analyzer_.analyze(a.body);
    schema::add(doc, schema::field(FieldId::Id), {a.id});
    schema::add_text(doc, title_tokens, body_tokens, a.title_derived, length_b_);
    if (!a.date.empty()) {
        const std::string key = schema::date_key(a.date);
        schema::add(doc, schema::field(FieldId::Date), {key});
        schema::add(doc, schema::field(FieldId::Year), {key.substr(0, 4)});
        doc.add_value(schema::slot::kInstant, schema::instant_key(a.date, a.time));
    }
    if (!a.source.empty()) schema::add(doc, schema::field(FieldId::Source), {a.source});
    if (!a.file.empty()) doc.add_value(schema::slot::kFile, a.file);
    doc.add_value(schema::slot::kHash, schema::content_hash(a));
    doc.add_value(schema::slot::kDupKey, schema::duplicate_key(body_tokens));

    schema::StoredArticle stored;
    static_cast<schema::ArticleFields&>(stored) = a;
    if (entities_)
        add_entities(doc,
                     entities_->extract({{"title", a.title, title_tokens}, {"body", a.body, body_tokens}},
                                        year_of(a.date)),
                     stored, year_of(a.date));
    codec_.store(stored, doc);
    // A word with a stem is indexed only as its stem, so the spelling dictionary gets the words.
    std::unordered_set<std::string_view> words;
    for (const auto* tokens : {&title_tokens, &body_tokens})
        for (const auto& t : *tokens)
            if (schema::spelling_word(t.term) && words.insert(t.term).second) built.spelling.push_back(t.term);
    return built;
}

}  // namespace news::indexer
