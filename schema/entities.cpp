#include "schema/entities.h"

#include "schema/internal/entity_state.h"

#include <algorithm>
#include <set>
#include <unordered_set>

namespace news::schema {
namespace {

using internal::Candidate;
using internal::capitalised;
using internal::Word;

// Words near an ambiguous name that say it is the company ("Apple said", "Amazon shares").
const std::unordered_set<std::string> kCompanyCues{
    "inc", "corp", "co", "ltd", "llc", "plc", "company", "companies", "firm", "shares", "stock", "stocks",
    "ceo", "chief", "executive", "executives", "announced", "said", "says", "reported", "revenue", "sales",
    "earnings", "profit", "acquire", "acquired", "acquisition", "deal", "customers", "employees", "workers",
    "staff", "cloud", "e-commerce", "commerce", "tech", "technology", "giant", "subsidiary", "division",
    "investors", "nasdaq", "nyse", "quarter", "services", "platform", "app", "software", "hire", "hiring",
    "layoffs", "jobs", "retailer", "startup", "rival", "rivals", "offer", "offers", "unit", "owned", "products",
    "video", "meetings", "store", "stores", "prime", "devices", "iphone", "founder", "board", "billion", "million"};
// Words that say it is not: Amazon the river, Apple the fruit.
const std::unordered_set<std::string> kNotCompanyCues{
    "river", "rainforest", "forest", "basin", "jungle", "fruit", "fruits", "juice", "pie", "orchard", "tree",
    "trees", "tribe", "tribes", "warrior", "warriors", "mythology", "rain", "cider"};
const std::unordered_set<std::string> kPlacePrepositions{
    "in", "at", "from", "to", "near", "across", "throughout", "outside", "inside", "into", "via", "of"};
// Capitalised words that start sentences or name times, never people.
const std::unordered_set<std::string> kNotNameWords{
    "The", "This", "That", "These", "Those", "A", "An", "In", "On", "At", "For", "But", "And", "Or", "If",
    "When", "While", "After", "Before", "Despite", "However", "Thanks", "Last", "Next", "Our", "We", "It",
    "Its", "He", "She", "They", "His", "Her", "Their", "As", "By", "With", "From", "To", "Of", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "June", "July", "August", "September", "October", "November", "December", "Mr", "Mrs", "Ms",
    "Dr", "President", "Chairman", "Minister", "Secretary", "Senator", "Governor", "Inc", "Corp", "Ltd",
    "Co", "Group", "Bank", "Street", "Road", "Avenue", "University", "Department", "Ministry"};
// Endings of organisation names not in the dictionary: "Allegheny International Inc".
const std::unordered_set<std::string> kLegalSuffixes{"Inc", "Corp", "Corporation", "Co", "Ltd", "LLC", "PLC",
                                                     "Plc", "AG", "SA", "NV", "GmbH", "Group", "Bank",
                                                     "Holdings", "Bancorp"};
const std::unordered_set<std::string> kDroppedSuffixes{"Inc", "Corp", "Corporation", "Co", "Ltd", "LLC", "PLC",
                                                       "Plc", "AG", "SA", "NV", "GmbH"};

std::vector<Word> words_of(const TextPart& part) {
    std::vector<Word> words;
    for (std::size_t i = 0; i < part.tokens.size(); ++i) {
        const Token& t = part.tokens[i];
        if (t.compound) continue;
        words.push_back({&t, internal::strip_possessive(std::string(part.text.substr(t.begin, t.end - t.begin))), i});
    }
    return words;
}

// Words [first, last] of one part joined by single spaces: "Nigel Lawson".
std::string joined(const std::vector<Word>& words, std::size_t first, std::size_t last) {
    std::string name;
    for (std::size_t k = first; k <= last; ++k) name += (name.empty() ? "" : " ") + words[k].surface;
    return name;
}

// "US $ 700", "HK$": a country name just before a dollar sign marks the currency.
bool before_dollar(std::string_view text, std::size_t end) {
    const std::string_view rest = text.substr(end);
    return rest.find_first_not_of(' ') == rest.find('$');
}

}  // namespace

// ---- The shared state ---------------------------------------------------------------------

ExtractionState::ExtractionState(const std::vector<TextPart>& text_parts) : parts(text_parts) {
    for (const auto& part : parts) {
        words.push_back(words_of(part));
        taken.emplace_back(words.back().size(), false);
    }
}

EntityMention ExtractionState::mention(EntityKind kind, std::string canonical, std::size_t part,
                                       std::size_t first, std::size_t last) const {
    const Word& a = words[part][first];
    const Word& b = words[part][last];
    EntityMention m;
    m.kind = kind;
    m.canonical = std::move(canonical);
    m.field = std::string(parts[part].field);
    m.begin = a.token->begin;
    m.end = b.token->begin + b.surface.size();
    m.surface = std::string(parts[part].text.substr(m.begin, m.end - m.begin));
    return m;
}

std::string_view ExtractionState::gap(std::size_t part, std::size_t a, std::size_t b) const {
    const std::size_t from = words[part][a].token->end;
    return parts[part].text.substr(from, words[part][b].token->begin - from);
}

void ExtractionState::add(Candidate c) {
    for (std::size_t k = c.first; k <= c.last; ++k) taken[c.part][k] = true;
    candidates.push_back(std::move(c));
}

bool ExtractionState::free(std::size_t part, std::size_t first, std::size_t last) const {
    for (std::size_t k = first; k <= last; ++k)
        if (taken[part][k]) return false;
    return true;
}

// ---- The extractor ------------------------------------------------------------------------

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer, const Analyzer& analyzer, const SpanTagger* tagger,
                                 double min_confidence)
    : gazetteer_(gazetteer), tagger_(tagger), min_confidence_(min_confidence) {
    for (std::size_t i = 0; i < gazetteer.entities().size(); ++i) {
        const Entity& e = gazetteer.entities()[i];
        std::vector<std::string> names{e.canonical};
        names.insert(names.end(), e.aliases.begin(), e.aliases.end());
        for (const auto& name : names) {
            Pattern p{{}, {}, i};
            for (const auto& t : analyzer.analyze(name)) {
                if (t.compound) continue;
                p.terms.push_back(t.term);
                p.shapes.push_back(internal::strip_possessive(name.substr(t.begin, t.end - t.begin)));
            }
            // One-letter names ("X") would match everywhere; they need an explicit longer alias.
            if (p.terms.empty() || (p.terms.size() == 1 && p.shapes[0].size() < 2)) continue;
            patterns_[p.terms.front()].push_back(std::move(p));
        }
    }
    for (auto& [term, list] : patterns_)
        std::stable_sort(list.begin(), list.end(),
                         [](const Pattern& a, const Pattern& b) { return a.terms.size() > b.terms.size(); });
    for (const auto& title : gazetteer.person_titles()) {
        std::string t = lower_ascii(title);
        if (!t.empty() && t.back() == '.') t.pop_back();
        title_words_[t] = static_cast<std::size_t>(std::count(t.begin(), t.end(), ' ') + 1);
    }
}

std::vector<EntityMention> EntityExtractor::extract(const std::vector<TextPart>& parts) const {
    ExtractionState state{parts};
    match_dictionary(state);        // listed names, longest first; ambiguous ones tentative
    add_tagged_spans(state);        // the learned tagger's spans, where no listed name is
    resolve_ambiguous(state);       // context confirms tentative names or drops them
    find_suffixed_orgs(state);      // unlisted names ending in a legal suffix
    find_people(state);             // first names and titles before capitalised words
    refer_surnames(state);          // a lone surname refers back to the full name
    internal::find_numbers(state);  // years, money, percentages

    std::vector<EntityMention> out;
    for (auto& c : state.candidates) out.push_back(std::move(c.mention));
    std::stable_sort(out.begin(), out.end(), [&](const EntityMention& a, const EntityMention& b) {
        return a.field != b.field ? a.field == "title" : a.begin < b.begin;
    });
    return out;
}

bool EntityExtractor::pattern_at(const ExtractionState& state, std::size_t part, std::size_t i,
                                 const Pattern& p) const {
    const auto& words = state.words[part];
    const std::size_t n = p.terms.size();
    if (i + n > words.size()) return false;
    for (std::size_t k = 0; k < n; ++k) {
        if (words[i + k].token->term != p.terms[k] || !internal::shape_fits(p.shapes[k], words[i + k].surface))
            return false;
        if (k > 0 && !internal::joinable_gap(state.gap(part, i + k - 1, i + k))) return false;
    }
    return true;
}

void EntityExtractor::match_dictionary(ExtractionState& state) const {
    const auto& entities = gazetteer_.entities();
    for (std::size_t p = 0; p < state.parts.size(); ++p) {
        const auto& words = state.words[p];
        for (std::size_t i = 0; i < words.size(); ++i) {
            const auto it = patterns_.find(words[i].token->term);
            if (it == patterns_.end()) continue;
            for (const Pattern& pat : it->second) {
                if (!pattern_at(state, p, i, pat)) continue;
                const std::size_t last = i + pat.terms.size() - 1;
                const Entity& e = entities[pat.entity];
                if (e.kind == EntityKind::Place && before_dollar(state.parts[p].text, words[last].token->end))
                    continue;
                state.add({state.mention(e.kind, e.canonical, p, i, last), p, i, last, SpanSource::Dictionary, 1.0,
                           e.ambiguous, pat.entity});
                i = last;
                break;
            }
        }
    }
}

void EntityExtractor::add_tagged_spans(ExtractionState& state) const {
    if (!tagger_) return;
    for (const TaggedSpan& span : tagger_->tag(state.parts)) {
        if (span.confidence < min_confidence_ || span.part >= state.parts.size()) continue;
        const auto& words = state.words[span.part];
        std::size_t first = words.size(), last = 0;
        for (std::size_t k = 0; k < words.size(); ++k)
            if (words[k].token->begin >= span.begin && words[k].token->end <= span.end) {
                first = std::min(first, k);
                last = k;
            }
        if (first > last || first == words.size()) continue;
        if (!state.free(span.part, first, last)) {
            // A listed ambiguous name the model also calls a name of a fitting kind is confirmed.
            for (auto& c : state.candidates)
                if (c.tentative && c.part == span.part && c.first <= last && first <= c.last &&
                    (c.mention.kind == span.kind ||
                     (span.kind == EntityKind::Org && c.mention.kind == EntityKind::Company)))
                    c.tentative = false;
            continue;
        }
        const std::string name = joined(words, first, last);
        const Entity* known = gazetteer_.resolve(name);
        const EntityKind kind =
            known && (known->kind == span.kind || span.kind == EntityKind::Org) ? known->kind : span.kind;
        state.add({state.mention(kind, known && known->kind == kind ? known->canonical : name, span.part, first, last),
                   span.part, first, last, SpanSource::Model, span.confidence, false,
                   known ? static_cast<std::size_t>(known - gazetteer_.entities().data()) : internal::kNoEntity});
    }
}

bool EntityExtractor::confirmed(const ExtractionState& state, const std::size_t index) const {
    const Candidate& f = state.candidates[index];
    const Entity& e = gazetteer_.entities()[f.entity];
    const auto& words = state.words[f.part];
    auto family = [&](const std::string& a, const std::string& b) {
        if (a == b) return true;
        for (const auto& up : gazetteer_.ancestors(a))
            if (up == b) return true;
        for (const auto& up : gazetteer_.ancestors(b))
            if (up == a) return true;
        return false;
    };
    bool sure = false;
    for (const auto& other : state.candidates)
        if (!other.tentative && family(other.mention.canonical, e.canonical)) sure = true;
    const std::size_t lo = f.first > 6 ? f.first - 6 : 0;
    for (std::size_t k = lo; k < std::min(words.size(), f.last + 7); ++k) {
        if (k >= f.first && k <= f.last) continue;
        if (kNotCompanyCues.contains(words[k].token->term)) return false;
        if (e.kind != EntityKind::Place && kCompanyCues.contains(words[k].token->term)) sure = true;
    }
    if (e.kind == EntityKind::Place) {
        if (f.first > 0 && kPlacePrepositions.contains(words[f.first - 1].token->term)) sure = true;
        // Dateline: "WASHINGTON, March 3 - ..." at the start of the text.
        if (f.mention.begin < 3 && internal::all_caps(words[f.first].surface)) sure = true;
    } else {
        for (const auto& other : state.candidates)
            if (&other != &f && !other.tentative && other.part == f.part && other.mention.kind == e.kind &&
                other.last + 3 >= f.first && other.first <= f.last + 3)
                sure = true;  // "Microsoft, Google and Zoom"
    }
    return sure;
}

void EntityExtractor::resolve_ambiguous(ExtractionState& state) const {
    // In order: a name confirmed earlier is context for the later ones. Then drop the rest.
    for (std::size_t i = 0; i < state.candidates.size(); ++i)
        if (state.candidates[i].tentative) state.candidates[i].tentative = !confirmed(state, i);
    std::erase_if(state.candidates, [&](const Candidate& f) {
        if (!f.tentative) return false;
        for (std::size_t k = f.first; k <= f.last; ++k) state.taken[f.part][k] = false;
        return true;
    });
}

void EntityExtractor::find_suffixed_orgs(ExtractionState& state) const {
    for (std::size_t p = 0; p < state.parts.size(); ++p) {
        const auto& words = state.words[p];
        for (std::size_t i = 1; i < words.size(); ++i) {
            if (state.taken[p][i] || !kLegalSuffixes.contains(words[i].surface)) continue;
            std::size_t first = i;
            while (first > 0 && i - first < 5 && !state.taken[p][first - 1] && capitalised(words[first - 1].surface) &&
                   !kNotNameWords.contains(words[first - 1].surface) &&
                   internal::joinable_gap(state.gap(p, first - 1, first)))
                --first;
            if (first == i) continue;
            const std::size_t name_end = kDroppedSuffixes.contains(words[i].surface) ? i - 1 : i;
            const std::string name = joined(words, first, name_end);
            const Entity* known = gazetteer_.resolve(name);
            state.add({state.mention(known ? known->kind : EntityKind::Company, known ? known->canonical : name, p,
                                     first, i),
                       p, first, i, SpanSource::LegalSuffix});
        }
    }
}

bool EntityExtractor::title_before(const ExtractionState& state, std::size_t part, std::size_t i) const {
    const auto& words = state.words[part];
    std::string phrase;
    for (std::size_t n = 1; n <= 3 && n <= i; ++n) {
        phrase = lower_ascii(words[i - n].surface) + (phrase.empty() ? "" : " " + phrase);
        if (title_words_.contains(phrase)) return true;
    }
    return false;
}

void EntityExtractor::find_people(ExtractionState& state) const {
    for (std::size_t p = 0; p < state.parts.size(); ++p) {
        const auto& words = state.words[p];
        const auto& taken = state.taken[p];
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (taken[i] || !capitalised(words[i].surface) || kNotNameWords.contains(words[i].surface)) continue;
            std::size_t last = i;
            while (last + 1 < words.size() && last - i < 3 && !taken[last + 1] &&
                   capitalised(words[last + 1].surface) && !kNotNameWords.contains(words[last + 1].surface) &&
                   (state.gap(p, last, last + 1) == " " || state.gap(p, last, last + 1) == "\n"))
                ++last;
            const bool first_name = gazetteer_.is_first_name(words[i].surface);
            const bool titled = title_before(state, p, i);
            if (!((first_name && last > i) || (titled && (last > i || !first_name)))) {
                // "Exchequer Nigel Lawson": a first name later in the run may still start a name.
                std::size_t next = last;
                for (std::size_t k = i + 1; k < last && next == last; ++k)
                    if (gazetteer_.is_first_name(words[k].surface)) next = k - 1;
                i = next;
                continue;
            }
            const std::string name = joined(words, i, last);
            state.add({state.mention(EntityKind::Person, name, p, i, last), p, i, last, SpanSource::NameRule});
            if (last > i) state.surnames.emplace_back(words[last].surface, name);
            i = last;
        }
    }
}

void EntityExtractor::refer_surnames(ExtractionState& state) const {
    for (std::size_t p = 0; p < state.parts.size(); ++p) {
        const auto& words = state.words[p];
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (state.taken[p][i]) continue;
            for (const auto& [surname, full] : state.surnames)
                if (words[i].surface == surname) {
                    state.add({state.mention(EntityKind::Person, full, p, i, i), p, i, i, SpanSource::SurnameReference});
                    break;
                }
        }
    }
}

std::vector<std::string> distinct(const std::vector<EntityMention>& mentions, EntityKind kind,
                                  const Gazetteer* with_ancestors) {
    std::set<std::string> values;
    for (const auto& m : mentions) {
        if (m.kind != kind) continue;
        values.insert(m.canonical);
        if (with_ancestors)
            for (auto& up : with_ancestors->ancestors(m.canonical)) values.insert(std::move(up));
    }
    return {values.begin(), values.end()};
}

}  // namespace news::schema
