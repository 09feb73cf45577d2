// Entity extraction: companies, organisations, places (gazetteer matches with context rules),
// people (name rules), years, money amounts and percentages, each with its surface text and
// offsets. Runs on the Analyzer's tokens, so words are split exactly as they are indexed.
#pragma once

#include "schema/analyzer.h"
#include "schema/gazetteer.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
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

/// Which pass proposed a span.
enum class SpanSource { Dictionary, Model, LegalSuffix, NameRule, SurnameReference, Number };

/// A span a learned sequence tagger proposes in one part: byte offsets [begin, end) that
/// start and end on word boundaries, the kind (Person, Org, Company or Place) and the
/// model's confidence in [0, 1].
struct TaggedSpan {
    std::size_t part = 0;
    std::size_t begin = 0, end = 0;
    EntityKind kind = EntityKind::Person;
    double confidence = 0;
};

/// A learned tagger as the extractor sees it: one call per article, on the same tokens the
/// dictionary pass reads. Must be safe to call from several threads at once.
class SpanTagger {
  public:
    virtual ~SpanTagger() = default;
    virtual std::vector<TaggedSpan> tag(const std::vector<TextPart>& parts) const = 0;
};

struct ExtractionState;  // schema/internal/entity_state.h
struct SureContext;
namespace internal {
struct Candidate;
}

class EntityExtractor {
  public:
    /// `analyzer` splits the dictionary names once, at construction. A `tagger`, when given,
    /// proposes spans; those below `min_confidence` are dropped, and dictionary names win
    /// where both overlap.
    EntityExtractor(const Gazetteer& gazetteer, Analyzer& analyzer, const SpanTagger* tagger = nullptr,
                    double min_confidence = 0.5);

    /// All mentions in the article's parts, in order of field, then offset. Context rules
    /// look at the whole article (an "AWS" anywhere confirms an ambiguous "Amazon").
    /// `year` is the article's year (0: undated): names and roll-ups follow it.
    std::vector<EntityMention> extract(const std::vector<TextPart>& parts, int year = 0) const;

    const Gazetteer& gazetteer() const { return gazetteer_; }

  private:
    // The passes, in the order extract() runs them; each reads and extends the state.
    void match_dictionary(ExtractionState& state) const;
    void add_tagged_spans(ExtractionState& state) const;
    /// Unlisted bodies named by a head word: "Bucknell University", "British Computer Society",
    /// "Institute for Fiscal Studies", "Florida Department of Law Enforcement": organisations, and
    /// a listed place inside such a name ("University of Oxford") is no place of the article.
    void find_body_names(ExtractionState& state) const;
    // One head table's names: bodies (orgs) or places ("Ford County", "Lake Victoria").
    void add_headed_names(ExtractionState& state, const std::unordered_set<std::string>& heads) const;
    bool press_name(const ExtractionState& state, std::size_t p, std::size_t first, std::size_t last,
                    const std::vector<std::size_t>& place_at) const;
    void resolve_ambiguous(ExtractionState& state) const;
    void find_suffixed_orgs(ExtractionState& state) const;
    void find_company_context(ExtractionState& state) const;
    void find_people(ExtractionState& state) const;
    void refer_surnames(ExtractionState& state) const;
    /// "Kelley said it owns ..." in an article about "Kelley Oil and Gas Partners Ltd": a lone
    /// word that begins a multi-word company or org name of the same article, or stands before
    /// a word that designates a firm ("Kelley Oil", "Hughes Tool Co"), is that firm's short
    /// name, no person. A person named in full ("Frank J. Kelley") or after a title ("Mr
    /// Kelley") stays one.
    void drop_firm_short_names(ExtractionState& state) const;
    void resolve_shared_places(ExtractionState& state) const;

    struct Pattern;
    bool pattern_at(const ExtractionState& state, std::size_t part, std::size_t i, const Pattern& p) const;
    bool confirmed(const ExtractionState& state, const internal::Candidate& c, const SureContext& sure) const;
    bool title_before(const ExtractionState& state, std::size_t part, std::size_t i) const;
    bool role_follows(const ExtractionState& state, std::size_t part, std::size_t last) const;
    /// The last word of the run of name words that starts at word `i`.
    // The last word of the capitalised name run from word i; tail_only: only through an
    // initial's period or a particle ("Javier Perez de Cuellar"), for a span the model ended.
    std::size_t name_run(const ExtractionState& state, std::size_t part, std::size_t i, bool tail_only = false) const;

    struct Pattern {
        std::vector<std::string> terms;   // analyzer terms of the name
        std::vector<std::string> shapes;  // the name's words as written, for case checks
        std::size_t entity;
        std::string name;                 // the gazetteer name it was made from
        std::vector<bool> dotted;         // the word ends in a period that the text must have ("Miss.")
        std::vector<bool> possessive;     // the word ends in 's that the text must have ("Moody's")
        std::size_t second_hash = 0;      // std::hash of terms[1], when there is one
    };
    const Gazetteer& gazetteer_;
    const SpanTagger* tagger_;
    double min_confidence_;
    std::unordered_map<std::string, std::vector<Pattern>> patterns_;  // by first term, longest first
    std::unordered_map<std::string, std::size_t> title_words_;        // lower-cased title -> words
};

/// The surname of a person's full name: its last word with the particles before it ("Osama bin
/// Laden" -> "bin Laden", "Tony Blair" -> "Blair"); a one-word name is its own surname.
std::string surname_of(const std::string& name);

/// Distinct canonical names of one kind, sorted; with `with_ancestors`, their parents of the
/// same kind too, as they stood in `year` (0: undated, only links without a start year), each by
/// its name of that year (Gazetteer::name_at).
std::vector<std::string> distinct(const std::vector<EntityMention>& mentions, EntityKind kind,
                                  const Gazetteer* with_ancestors = nullptr, int year = 0);

}  // namespace news::schema
