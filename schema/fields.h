// The schema: every field newsdex indexes, its Xapian term prefix and value slot, in one table.
// Both sides link it: the indexer writes through it, the query builder and facets read it.
#pragma once

#include "schema/analyzer.h"

#include <xapian.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace news::schema {

enum class FieldId { Id, Title, Body, Company, CompanyOnly, Org, Person, Place, Year, Mentions, Date, Source,
                     Money };

// FreeText is analyzed into words; Filter is one exact term per value (narrows, never ranks).
enum class Kind { FreeText, Filter };

inline constexpr Xapian::valueno kNoSlot = Xapian::BAD_VALUENO;

struct Field {
    FieldId id;
    std::string_view name;    // as typed in a query: "company:aws"
    std::string_view prefix;  // Xapian term prefix (Omega conventions: Q id, S title, Y year)
    Kind kind;
    Xapian::valueno slot;     // value slot, or kNoSlot
    bool facet;               // counted by --facet
    bool multi;               // several values per article ('\n'-joined in its slot)
    std::string_view help;    // one line for --schema and the docs/architecture.md table
};

namespace slot {  // one meaning and one encoding per slot; never reuse a number
inline constexpr Xapian::valueno kDate = 0;       // "YYYYMMDD", sorts as a string; empty if undated
inline constexpr Xapian::valueno kYear = 1;       // "YYYY"; empty if undated
inline constexpr Xapian::valueno kCompanies = 2;  // '\n'-joined canonical company names
inline constexpr Xapian::valueno kOrgs = 3;       // '\n'-joined canonical organisation names
inline constexpr Xapian::valueno kPeople = 4;     // '\n'-joined full person names
inline constexpr Xapian::valueno kPlaces = 5;     // '\n'-joined canonical place names
inline constexpr Xapian::valueno kMentions = 6;   // '\n'-joined years mentioned in the text
inline constexpr Xapian::valueno kHash = 7;       // content hash, 8 bytes; incremental re-indexing
inline constexpr Xapian::valueno kMoneyMax = 8;   // largest money amount, sortable_serialise()
inline constexpr Xapian::valueno kDupKey = 9;     // 8-byte hash of the body's first 60 words: duplicates
inline constexpr Xapian::valueno kStored = 10;    // the stored article, DocumentCodec::store()
inline constexpr Xapian::valueno kTitleEnd = 11;  // decimal: the title's last position in the default
                                                  // field (title phrases, searcher/title_span.h)
inline constexpr Xapian::valueno kFile = 12;      // key of the source file: its path relative to the
                                                  // root recorded in the database, or absolute
                                                  // (indexer/readers/corpus_reader.h, source_key())
inline constexpr Xapian::valueno kInstant = 13;   // "YYYYMMDDhhmmss" in UTC, sorts as a string: the
                                                  // publication instant, 000000 for a day without a
                                                  // time (instant_key(), document_layout.h); empty if
                                                  // undated. Date sorts and recency read it.
}  // namespace slot

inline constexpr std::array kFields{
    Field{FieldId::Id, "id", "Q", Kind::Filter, kNoSlot, false, false,
          "unique article id (path, or path#id for JSON Lines)"},
    Field{FieldId::Title, "title", "S", Kind::FreeText, kNoSlot, false, false,
          "words of the title"},
    Field{FieldId::Body, "body", "", Kind::FreeText, kNoSlot, false, false,
          "words of title and body (the default field)"},
    Field{FieldId::Company, "company", "XCO", Kind::Filter, slot::kCompanies, true, true,
          "companies, canonical name; includes subsidiaries"},
    Field{FieldId::CompanyOnly, "company_only", "XCX", Kind::Filter, kNoSlot, false, true,
          "companies mentioned directly, without subsidiaries"},
    Field{FieldId::Org, "org", "XOR", Kind::Filter, slot::kOrgs, true, true,
          "organisations (news, government, international)"},
    Field{FieldId::Person, "person", "XPE", Kind::Filter, slot::kPeople, true, true,
          "people, full name"},
    Field{FieldId::Place, "place", "XPL", Kind::Filter, slot::kPlaces, true, true,
          "countries, states, cities, canonical name"},
    Field{FieldId::Year, "year", "Y", Kind::Filter, slot::kYear, true, false,
          "publication year, YYYY"},
    Field{FieldId::Mentions, "mentions", "XMY", Kind::Filter, slot::kMentions, true, true,
          "years mentioned in the text, YYYY"},
    Field{FieldId::Date, "date", "D", Kind::Filter, slot::kDate, false, false,
          "publication date, YYYY-MM-DD (term: YYYYMMDD)"},
    Field{FieldId::Source, "source", "XSO", Kind::Filter, kNoSlot, false, false,
          "publication or site name"},
    Field{FieldId::Money, "money", "XMO", Kind::Filter, kNoSlot, false, true,
          "money amounts mentioned: money:1e9.. (any currency), money:GBP:1e6..1e8, money:EUR"},
};

/// Bump on any change to the table above, the slot encodings, the analyzer's output or the
/// document data layout: the searcher refuses databases of another version. What each version
/// changed is in CHANGELOG.md.
inline constexpr int kSchemaVersion = 17;
inline constexpr std::string_view kSchemaVersionKey = "newsdex_schema_version";

constexpr bool prefixes_unique() {  // checked by the compiler, not by a reviewer
    for (std::size_t i = 0; i < kFields.size(); ++i)
        for (std::size_t j = i + 1; j < kFields.size(); ++j)
            if (kFields[i].prefix == kFields[j].prefix || kFields[i].name == kFields[j].name)
                return false;
    return true;
}
static_assert(prefixes_unique());

constexpr bool slots_unique() {
    for (std::size_t i = 0; i < kFields.size(); ++i)
        for (std::size_t j = i + 1; j < kFields.size(); ++j)
            if (kFields[i].slot != kNoSlot && kFields[i].slot == kFields[j].slot) return false;
    return true;
}
static_assert(slots_unique());

/// The field with this id; every FieldId is in kFields.
const Field& field(FieldId id);

/// The field a query names ("company"), or nullptr.
const Field* find_field(std::string_view name);

/// The name of the field nearest to `name` by edit distance ("compnay" -> "company"), for
/// messages about a field that does not exist.
std::string_view closest_field(std::string_view name);

/// Marks the terms of acronyms (words written in capitals, docs/analysis.md): "^aws" is "AWS",
/// never a stem; no word, number or compound term has a '^'.
inline constexpr std::string_view kAcronymMark = "^";

/// The term a word of a FreeText field is indexed and searched as: prefix + its stem, or
/// prefix + the word itself when it has none (numbers, compounds), or for an acronym prefix +
/// kAcronymMark + the word unstemmed. The two never collide: a
/// word without a stem has a digit, '-', '.', '$' or '%', which no stem has. In the default
/// field the one term carries the word's positions too, so phrases match stems in order, as
/// FTS5's porter tokenizer does. No "Z" marks stems: it would cost a byte in each of the
/// position table's keys, one per word and article.
std::string word_term(const Field& f, const Token& token);

/// Folds a filter value to its term form (schema::term(), document_layout.h): schema::fold()
/// (case, accents), spaces kept, so "company:AWS" and "company:aws" reach the same term, and
/// "place:ZÜRICH" the term of "Zürich".
std::string normalize_filter_value(std::string_view value);

/// The schema as a printable table (for --schema and docs/architecture.md).
std::string describe();

}  // namespace news::schema
