// Entity extraction: companies, organisations, places (gazetteer matches with context rules),
// people (name rules), years, money amounts and percentages, each with its surface text and
// offsets. Runs on the Analyzer's tokens, so words are split exactly as they are indexed.
#pragma once

#include "schema/analyzer.h"
#include "schema/gazetteer.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace news::schema {

struct EntityMention {
    EntityKind kind = EntityKind::Company;
    std::string canonical;   // "Amazon Web Services", "2025", "700000000 USD", "29"
    std::string surface;     // as written: "AWS’s" -> "AWS", "$700 million"
    std::string field;       // "title" or "body"
    std::size_t begin = 0, end = 0;  // byte offsets of surface in that field's text
    double value = 0;        // money and percent: the number; money: scaled ("million")
    std::string currency;    // money: ISO code ("USD")
};

/// One text of an article (title or body) with its tokens from Analyzer::analyze().
struct TextPart {
    std::string_view field;
    std::string_view text;
    const std::vector<Token>& tokens;
};

class EntityExtractor {
  public:
    /// `analyzer` splits the dictionary names once, at construction.
    EntityExtractor(const Gazetteer& gazetteer, const Analyzer& analyzer);

    /// All mentions in the article's parts, in order of field, then offset. Context rules
    /// look at the whole article (an "AWS" anywhere confirms an ambiguous "Amazon").
    std::vector<EntityMention> extract(const std::vector<TextPart>& parts) const;

    const Gazetteer& gazetteer() const { return gazetteer_; }

  private:
    struct Pattern {
        std::vector<std::string> terms;   // analyzer terms of the name
        std::vector<std::string> shapes;  // the name's words as written, for case checks
        std::size_t entity;
    };
    const Gazetteer& gazetteer_;
    std::unordered_map<std::string, std::vector<Pattern>> patterns_;  // by first term, longest first
    std::unordered_map<std::string, std::size_t> title_words_;        // lower-cased title -> words
};

/// Distinct canonical names of one kind, sorted; with `with_ancestors`, their parents too.
std::vector<std::string> distinct(const std::vector<EntityMention>& mentions, EntityKind kind,
                                  const Gazetteer* with_ancestors = nullptr);

}  // namespace news::schema
