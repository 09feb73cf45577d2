// The state the extractor's passes share while reading one article (schema/entities.cpp):
// the words of each part, which words a span already holds, and the candidate spans that
// later passes confirm, drop or resolve. Library-only.
#pragma once

#include "schema/entities.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace news::schema {

namespace internal {

struct Word {  // a non-compound token with its surface, as the rules see it
    const Token* token;
    std::string surface;  // the text slice, possessive dropped: "Bezos’" -> "Bezos"
    std::size_t index;    // into the part's token vector
};

inline constexpr std::size_t kNoEntity = static_cast<std::size_t>(-1);

/// A span proposed by one pass. Later passes resolve it: an ambiguous dictionary name waits
/// (tentative) for context, a model span yields to a dictionary match it overlaps.
struct Candidate {
    EntityMention mention;
    std::size_t part = 0, first = 0, last = 0;  // word range [first, last] in that part
    SpanSource source = SpanSource::Dictionary;
    double confidence = 1.0;         // 1 for rules and dictionary names; the model's otherwise
    bool tentative = false;          // an ambiguous name, waiting for context
    std::size_t entity = kNoEntity;  // index into Gazetteer::entities() when it names one
    std::vector<std::size_t> alternatives = {};  // other places the same name denotes ("Georgia")
};

bool is_upper(char c);
bool is_lower(char c);
bool capitalised(const std::string& s);
bool all_caps(const std::string& s);
std::string strip_possessive(std::string s);
std::string upper_ascii(std::string s);

/// Does the text as written fit the dictionary name's case? "AWS" and "3M" only as written;
/// "Amazon" as Amazon or AMAZON; lower-case words of a name ("of", "com") in any case.
bool shape_fits(const std::string& shape, const std::string& surface);

/// What separates two words of one name: spaces, or the dot/dash/ampersand inside it.
bool joinable_gap(std::string_view gap);

/// A lower-case word inside a person's name: "de" of Dominique de Villepin, "bin" of Osama bin
/// Laden, "van" of Ludwig van Beethoven.
bool is_name_particle(const std::string& word);

}  // namespace internal

struct ExtractionState {
    const std::vector<TextPart>& parts;
    int year = 0;  // the article's year; 0 when undated
    std::vector<std::vector<internal::Word>> words;  // per part
    std::vector<std::vector<bool>> taken;            // per part, per word: held by a span
    std::vector<internal::Candidate> candidates;
    std::vector<std::pair<std::string, std::string>> surnames;  // surname -> full name

    ExtractionState(const std::vector<TextPart>& text_parts, int article_year);

    /// A mention of words [first, last] of `part`; its surface is the text between them.
    EntityMention mention(EntityKind kind, std::string canonical, std::size_t part, std::size_t first,
                          std::size_t last) const;
    /// The text between two words of one part.
    std::string_view gap(std::size_t part, std::size_t a, std::size_t b) const;
    /// Adds a candidate and marks its words taken.
    void add(internal::Candidate c);
    bool free(std::size_t part, std::size_t first, std::size_t last) const;
};

namespace internal {
/// Years, money amounts and percentages (schema/entity_numbers.cpp).
void find_numbers(ExtractionState& state);
/// Is `term` (the Analyzer's folded term) the name of a currency: "euros", "yen", "sterling"?
bool is_currency_word(std::string_view term);
}  // namespace internal

}  // namespace news::schema
