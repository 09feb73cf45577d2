#include "schema/ner_span_tagger.h"

#include "schema/internal/entity_state.h"

#include <algorithm>
#include <set>
#include <string>

namespace news::schema {
namespace {

// Words that make an organisation a body rather than a company: "Finance Ministry", "Sky News"
// stays a company (no such word), "Bank of England" is listed, "Preston City Council" is not.
const std::set<std::string, std::less<>> kBodyWords{
    "ministry", "council", "party", "university", "college", "school", "committee", "commission", "agency",
    "association", "union", "federation", "court", "parliament", "department", "office", "fund", "institute",
    "organisation", "organization", "police", "army", "navy", "church", "government", "board", "authority",
    "assembly", "senate", "congress", "league", "club", "fc", "foundation", "society", "hospital", "museum",
    "secretariat", "tribunal", "cabinet", "treasury", "reserve", "forces", "movement", "front", "coalition"};

// Body words that need a name to name a body: "the Commission", "the Department" alone are
// references to a body named in full elsewhere. (The Senate, the Navy, the Treasury are kept:
// one body of the country the story is in.)
const std::set<std::string, std::less<>> kGenericBodyWords{
    "ministry", "council", "committee", "commission", "agency", "association", "union", "federation", "court",
    "department", "office", "fund", "institute", "organisation", "organization", "board", "authority",
    "assembly", "league", "club", "foundation", "society", "secretariat", "tribunal", "government", "party",
    "movement", "front", "coalition", "university", "college", "school", "church", "hospital", "museum"};

// Second parts of a hyphenated modifier: "Obama-era", "Texas-based", "Kremlin-backed" are no
// part of the name before the hyphen. Any other lower-case part after a hyphen is: the given
// names "Lee Cheuk-yan", "Kim Jong-un", "Hau Lung-bin" are written so.
const std::set<std::string, std::less<>> kModifierParts{
    "era", "led", "based", "backed", "owned", "born", "style", "like", "type", "linked", "related", "run",
    "controlled", "made", "funded", "sponsored", "supported", "aligned", "leaning", "appointed", "elect",
    "designate", "friendly", "free", "dominated", "affiliated", "allied", "inspired", "esque", "ian", "ite",
    "ist", "ism", "wide", "only", "specific", "bound", "listed", "registered", "headquartered", "area", "region",
    "year", "day", "week", "month", "time", "old", "long", "page", "point", "member", "man", "woman", "men",
    "women", "class", "level", "scale", "size", "sized", "shaped", "speaking", "language", "rated", "minus",
    "plus", "quoted", "traded"};

bool has_lower(const std::string& w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// A word in capitals: letters, none of them lower case ("BANK", "OPEC"; not "U.S", "1987").
bool in_capitals(const std::string& w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) && !has_lower(w);
}

// Are the words [first, last] in capitals inside a run of words in capitals ("LIBRA BANK EXPECTS
// BRAZIL TO REACH DEBT ACCORD" run on into its dateline "LONDON, March 5")? There capitals are
// no evidence of a name; an acronym in running text ("said OPEC officials") has lower-case
// words around it. A neighbour counts when it has three letters or more and no period ("U.S."
// before an acronym says nothing).
bool in_capitals_run(const std::vector<NerWord>& sentence, std::size_t first, std::size_t last) {
    for (std::size_t k = first; k <= last; ++k)
        if (!in_capitals(sentence[k].surface)) return false;
    auto headline_word = [&](std::size_t k) {
        const std::string& w = sentence[k].surface;
        return in_capitals(w) && w.size() >= 3 && w.find('.') == std::string::npos;
    };
    return (first > 0 && headline_word(first - 1)) || (last + 1 < sentence.size() && headline_word(last + 1));
}

// Word `k` is the lower-case or capitalised part of a hyphenated word joined to word k - 1
// ("Cheuk-yan", "Kilroy-Silk"), other than a modifier's part ("Obama-era").
bool hyphen_part(const std::vector<NerWord>& sentence, std::size_t k) {
    if (k == 0 || sentence[k].gap != "-" || sentence[k].begin != sentence[k - 1].token_end + 1) return false;
    return !kModifierParts.contains(sentence[k].term);
}

EntityKind kind_of(NerKind kind, const std::vector<std::string>& lower_words, const Gazetteer& gazetteer,
                   const std::string& name) {
    switch (kind) {
        case NerKind::Person: return EntityKind::Person;
        case NerKind::Place: return EntityKind::Place;
        case NerKind::Org: break;
    }
    if (gazetteer.resolve(name)) return EntityKind::Org;  // the extractor takes the listed kind
    for (const auto& w : lower_words)
        if (kBodyWords.contains(w)) return EntityKind::Org;
    return EntityKind::Company;
}

}  // namespace

NerSpanTagger::NerSpanTagger(const Gazetteer& gazetteer, Analyzer& analyzer, const std::filesystem::path& model_file)
    : gazetteer_(gazetteer), model_(NerModel::load(model_file)), lexicon_(gazetteer, analyzer) {}

std::vector<TaggedSpan> NerSpanTagger::tag(const std::vector<TextPart>& parts) const {
    std::vector<TaggedSpan> out;
    for (std::size_t p = 0; p < parts.size(); ++p) {
        for (const auto& sentence : ner_sentences(parts[p].text, parts[p].tokens)) {
            // A headline in capitals: the training text has almost none, and the model's
            // spans there are mostly wrong; the dictionaries still read it.
            if (std::none_of(sentence.begin(), sentence.end(), [](const NerWord& w) { return has_lower(w.surface); }))
                continue;
            std::vector<float> probability;
            for (NerSpan span : model_.tag(sentence, lexicon_, &probability)) {
                // A name starts with a capitalised word: never a number ("Thomas Sam, 42").
                while (span.first < span.last && !ner_may_start_name(sentence[span.first].surface)) ++span.first;
                if (!ner_may_start_name(sentence[span.first].surface)) continue;
                // A name ends in a capitalised word or a part of a hyphenated one: "Robert
                // Dole of" -> Robert Dole, "Lee Cheuk-yan" stays whole.
                while (span.last > span.first && !ner_may_start_name(sentence[span.last].surface) &&
                       !hyphen_part(sentence, span.last))
                    --span.last;
                // (A capitalised part the extractor joins itself: "Kilroy-Silk", "Franz-Josef Feiter".)
                while (span.last + 1 < sentence.size() && hyphen_part(sentence, span.last + 1) &&
                       !ner_may_start_name(sentence[span.last + 1].surface))
                    ++span.last;
                // A person's name holds no lower-case word but a particle ("Ann Chiang of DAB";
                // "Charles de Gaulle").
                if (span.kind == NerKind::Person)
                    for (std::size_t k = span.first + 1; k <= span.last; ++k)
                        if (!ner_may_start_name(sentence[k].surface) && !hyphen_part(sentence, k) &&
                            !internal::is_name_particle(sentence[k].term)) {
                            span.last = k - 1;
                            break;
                        }
                // "The Church of Scientology" and "Church of Scientology" are one name.
                if (span.kind == NerKind::Org && span.first < span.last && sentence[span.first].term == "the")
                    ++span.first;
                // A possessive ends a name: "Thatcher's Conservative party", "Touche Ross's Collander".
                for (std::size_t k = span.first; k < span.last; ++k)
                    if (sentence[k].possessive) {
                        span.last = k;
                        break;
                    }
                std::size_t first = span.first;
                // "Mr Khodorkovsky", "President Putin": the title is context, not the name.
                while (span.kind == NerKind::Person && first < span.last &&
                       lexicon_.is_title(sentence[first].term))
                    ++first;
                if (span.kind == NerKind::Person && lexicon_.is_title(sentence[first].term)) continue;
                // The confidence of the name's own words: a title before it is context ("Mr").
                double confidence = 1.0;
                for (std::size_t k = first; k <= span.last; ++k) confidence = std::min<double>(confidence, probability[k]);
                if (confidence < model_.threshold() || in_capitals_run(sentence, first, span.last)) continue;
                std::vector<std::string> lower;
                std::string name;
                for (std::size_t k = first; k <= span.last; ++k) {
                    lower.push_back(sentence[k].term);
                    name += (name.empty() ? "" : " ") + sentence[k].surface;
                }
                // A place must be one the dictionaries list: only then does it roll up to its
                // country, and the place lists are broad; the model confirms and finds them in
                // context ("in Georgia" against "Georgia Gulf Corp").
                if (span.kind == NerKind::Place && !gazetteer_.resolve(name, EntityKind::Place)) continue;
                // "the Commission", "the Department": a word for a kind of body names none.
                if (span.kind == NerKind::Org && lower.size() == 1 && kGenericBodyWords.contains(lower.front()) &&
                    !gazetteer_.resolve(name))
                    continue;
                out.push_back({p, sentence[first].begin, sentence[span.last].token_end,
                               kind_of(span.kind, lower, gazetteer_, name), confidence});
            }
        }
    }
    return out;
}

}  // namespace news::schema
