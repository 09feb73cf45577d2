#include "schema/entities.h"

#include "schema/internal/entity_state.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>
#include <set>
#include <tuple>
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
    "Co", "Group", "Bank", "Street", "Road", "Avenue", "University", "Department", "Ministry", "I", "No",
    "Yes", "Not", "Many", "Some", "Most", "All", "Several", "Few", "Both", "Each", "Every", "Other", "Such",
    "There", "Here", "What", "Who", "How", "Why", "Where", "Which", "May", "Yesterday", "Today", "Tomorrow",
    "Tonight", "Meanwhile", "Also"};
// Last words of names of things, not of people: "Tony Award", "Preston City Council".
const std::unordered_set<std::string> kThingHeads{
    "Award", "Awards", "Prize", "Cup", "Trophy", "Council", "City", "County", "Committee", "Party", "Club",
    "College", "School", "University", "Institute", "Foundation", "Fund", "Trust", "Association", "Union",
    "League", "Street", "Square", "Bridge", "House", "Airport", "Station", "Museum", "Theatre", "Theater",
    "Festival", "Games", "Show", "Centre", "Center", "Hospital", "Stadium", "Road", "Avenue", "Island",
    "Islands", "River", "Mountains", "Valley", "Sea", "Ocean", "Agency", "Commission", "Board", "Authority",
    "Service", "Services", "Department", "Ministry", "Office", "Bank", "Group", "Times", "News", "Journal",
    "Exchange", "Index", "Act", "Treaty", "Report", "Week", "Company", "Corporation", "Airlines", "Motors",
    "Administration", "Administrations", "Government", "Governments", "Cabinet", "Division", "Unit", "Staff",
    "Bureau", "Daily", "Bulletin", "Gazette", "Agreement", "Zone", "Corps", "Command", "Court", "Organization",
    "Organisation", "Programme", "Program", "Summit", "Conference", "Meeting", "Talks", "Round", "Project"};
// Lower-case words after a capitalised word that make it the name of a thing, not a person:
// "the official Notimex news agency", "its Eurotrust subsidiary", "the Westpac bank".
const std::unordered_set<std::string> kThingNouns{
    "news", "agency", "newspaper", "daily", "weekly", "magazine", "radio", "television", "subsidiary", "unit",
    "affiliate", "division", "group", "company", "firm", "bank", "index", "shares", "stock", "brand"};
// Words that describe a bank or group without naming one: "the Central Bank", "a Financial
// Group". A name made of these and a legal suffix alone names no company.
const std::unordered_set<std::string> kGenericNameWords{
    "Central", "Reserve", "National", "Federal", "State", "Financial", "International", "General", "United",
    "First", "Savings", "Investment", "Development", "Commercial", "Merchant", "Industrial", "Holding",
    "Capital", "Global", "World", "Regional", "Local", "Mutual", "Cooperative", "Private", "Public",
    "Export", "Import", "Credit", "Finance", "Insurance", "Mortgage", "Land", "Agricultural", "Investors",
    "European", "American", "Asian", "African", "Arab", "Islamic", "Royal", "Security", "Securities",
    "Trust", "Union", "Peoples", "Media", "Energy", "Technology", "Services", "Big", "New", "Main"};
// Lower-case particles inside surnames: "de Villepin", "bin Laden", "van Gogh".
const std::unordered_set<std::string> kParticles{"de", "da", "di", "du", "del", "della", "der", "den", "van",
                                                 "von", "bin", "ibn", "al", "el", "la", "le", "dos", "das", "ter"};
// "And" in the languages whose firms' names news quotes as written: Dutch, German, French, Spanish.
const std::unordered_set<std::string> kForeignAnd{"en", "und", "et", "y"};
// Firms' legal forms, as written (looked up without their periods: "L.P." is LP, "S.A." SA).
const std::unordered_set<std::string> kLegalForms{"Inc", "Incorporated", "Corp", "Corporation", "Co", "Cos", "Ltd",
                                                  "LLC", "LLP",          "LP",   "PLC",         "Plc", "plc", "AG",
                                                  "SA",  "NV",           "BV",   "GmbH",        "SpA", "Pty"};
// The word tables made from others: `words` with `more`, without `less`, in lower case.
std::unordered_set<std::string> with(std::unordered_set<std::string> words, std::initializer_list<const char*> more) {
    words.insert(more.begin(), more.end());
    return words;
}
std::unordered_set<std::string> without(std::unordered_set<std::string> words, std::initializer_list<const char*> less) {
    for (const char* w : less) words.erase(w);
    return words;
}
std::unordered_set<std::string> folded(const std::unordered_set<std::string>& words) {
    std::unordered_set<std::string> out;
    for (std::string w : words) {
        for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.insert(std::move(w));
    }
    return out;
}
// Endings of organisation names not in the dictionary: "Allegheny International Inc", "Tesco
// plc", "Crown Pacific Partners, L.P.", and words that end a firm's name without being a legal form.
const std::unordered_set<std::string> kLegalSuffixes = with(kLegalForms, {"Group", "Bank", "Holdings", "Bancorp"});
// Words after a name that make it a firm's (as folded terms, so "KELLEY OIL" counts too): the
// legal suffixes and the trades companies are named after.
const std::unordered_set<std::string> kFirmWords{
    "inc", "incorporated", "corp", "corporation", "co", "cos", "ltd", "llc", "llp", "lp", "plc", "ag", "sa", "nv",
    "bv", "gmbh", "pty", "group", "bank",
    "holdings", "bancorp", "oil", "gas", "petroleum", "energy", "resources", "mining", "minerals", "steel",
    "industries", "partners", "enterprises", "motors", "airlines", "chemical", "chemicals", "electric",
    "electronics", "systems", "communications", "securities", "financial", "insurance", "technologies",
    "computer", "computers", "stores", "products", "foods", "brothers", "associates", "investments",
    "properties", "realty", "pharmaceuticals", "laboratories", "manufacturing", "shipping", "exploration",
    "pipeline", "ventures", "bookseller", "booksellers", "publishing", "airways", "hotels", "restaurants",
    "telephone", "telegraph"};
// A trade a firm is named after (a firm word that is no legal suffix): "Oil", "Gas", "Bank".
bool trade_word(const Word& w) {
    static const std::unordered_set<std::string> kLegal = folded(kLegalForms);
    return kFirmWords.contains(w.token->term) && !kLegal.contains(w.token->term);
}
// Does word `w` end a firm's name and never a person's? A name run ending in a trade ("Mitchell
// Energy", "Barris Industries", "B. Dalton Bookseller") names a firm. Steel is a surname too
// ("David Steel"), so a run ending in it stays a person's.
bool firm_name_end(const Word& w) {
    return kFirmWords.contains(w.token->term) && w.token->term != "steel";
}
// The legal forms left out of a firm's canonical name; "Williams Cos" and "Broken Hill Pty" keep
// theirs (the rest alone would be a poorer name).
const std::unordered_set<std::string> kDroppedSuffixes = without(kLegalForms, {"Cos", "Pty"});
// Is `surface` in `suffixes` as written or without its periods ("L.P." -> LP, "S.A." -> SA)?
bool suffix_in(const std::unordered_set<std::string>& suffixes, const std::string& surface) {
    if (suffixes.contains(surface)) return true;
    if (surface.find('.') == std::string::npos) return false;
    std::string bare;
    for (const char c : surface)
        if (c != '.') bare += c;
    return suffixes.contains(bare);
}
bool legal_suffix(const std::string& surface) { return suffix_in(kLegalSuffixes, surface); }
// Legal forms written as abbreviations: their final period is part of the name ("Acme Inc.").
const std::unordered_set<std::string> kAbbreviatedForms{"Inc", "Corp", "Co", "Cos", "Ltd", "Pty"};
// A word as the name tables write it: "CAPITAL" of a headline in capitals -> "Capital".
std::string as_listed(const std::string& word) {
    if (word.size() < 2 || !internal::all_caps(word)) return word;
    std::string out = word.substr(0, 1);
    for (std::size_t k = 1; k < word.size(); ++k) out += static_cast<char>(std::tolower(static_cast<unsigned char>(word[k])));
    return out;
}

// Extends a mention over the period right after it: the period of an abbreviation that ends
// the name ("Calif.", "U.S.", "L.P."), also when it ends the sentence.
void take_final_period(EntityMention& m, std::string_view text) {
    if (m.end < text.size() && text[m.end] == '.') {
        m.end += 1;
        m.surface += '.';
    }
}

// Capitalised words that start sentences or clauses; next to a name they do not lengthen it.
const std::unordered_set<std::string> kFunctionWords{
    "The", "This", "That", "These", "Those", "A", "An", "In", "On", "At", "For", "But", "And", "Or", "If",
    "When", "While", "After", "Before", "Despite", "However", "Thanks", "Last", "Next", "Our", "We", "It",
    "Its", "He", "She", "They", "His", "Her", "Their", "As", "By", "With", "From", "To", "Of", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "I"};
// Capitalised roles: after the name of a body they do not lengthen it ("Bundesbank President"),
// before one they are no part of it ("Deputy Central Bank Governor").
const std::unordered_set<std::string> kRoleWords{
    "President", "Chairman", "Chairwoman", "Secretary", "Minister", "Governor", "Director", "Chief",
    "Spokesman", "Spokeswoman", "Vice", "Deputy", "Head", "Official", "Officials", "Economist", "Analyst",
    "Democrat", "Democrats", "Republican", "Republicans"};
// Words for a political party or its members ("the ruling Conservatives", "Labour's lead", "an
// Oklahoma Republican"): they name no firm, and which country's party they mean the words alone
// do not say.
const std::unordered_set<std::string> kPartyWords{
    "Labour", "Labor", "Conservative", "Conservatives", "Tory", "Tories", "Liberal", "Liberals", "Democrat",
    "Democrats", "Democratic", "Republican", "Republicans", "Socialist", "Socialists", "Communist",
    "Communists", "Green", "Greens", "Christian", "Social"};
// Titles of a government's ministers: an organisation's name right before one is the title's
// portfolio ("Trade and Industry Minister"), never a firm.
const std::unordered_set<std::string> kPortfolioTitles{"Minister", "Ministers", "Secretary", "minister",
                                                       "ministers"};
// Words that make a region of a place's name even at a sentence start: "North America" is no
// United States, "Central America" none either.
const std::unordered_set<std::string> kCompassWords{"North", "South", "East", "West", "Northern", "Southern",
                                                    "Eastern", "Western", "Central", "Latin", "Upper", "Lower"};
// Words after a company or agency name that make it the name of a market index ("the Dow
// Jones index", "the Nikkei average"), which is no mention of the firm.
const std::unordered_set<std::string> kIndexWords{"index", "indices", "indexes", "average", "averages",
                                                  "industrials", "industrial", "composite", "225"};

// A gap inside a sentence of running text: a space, or the line break of hard-wrapped text
// ("Finance Minister\nHajime Tamura"). A blank line or an indented line starts a paragraph.
bool running_gap(std::string_view gap) {
    return gap == " " || gap == "\n" || gap == "\r\n";
}

// Does word `k` start a sentence (or the text, a paragraph, a quotation)?
bool sentence_start(const ExtractionState& s, std::size_t part, std::size_t k) {
    if (k == 0) return true;
    const std::string_view gap = s.gap(part, k - 1, k);
    for (const char c : gap)
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '(') return true;
    return gap.find('\n') != std::string_view::npos && !running_gap(gap);
}

// Was a possessive ("'s", "'") cut from the word?
bool possessive(const Word& w) {
    return w.surface.size() < w.token->end - w.token->begin;
}

// Is one-word name at word `i` only a piece of a longer capitalised name ("Liam Fox", "Bayer
// Leverkusen", "Tiananmen Square", "X-Box", "L Moody")? A neighbour lengthens it when it is
// capitalised and joined by a space or a hyphen, is no function word, no legal suffix and no
// acronym, and (before the name) is not merely the capital of a sentence start. In a headline
// in capitals every word is capitalised, so there the rule says nothing.
bool inside_longer_name(const ExtractionState& s, std::size_t part, std::size_t i,
                        const std::unordered_set<std::string>& suffixes, const Gazetteer& g) {
    const auto& words = s.words[part];
    // An acronym between a firm's name and its legal form is part of that name: "Olivetti EC SpA"
    // names no European Community, "Sears UK Ltd" no United Kingdom.
    if (internal::all_caps(words[i].surface))
        return i > 0 && i + 1 < words.size() && running_gap(s.gap(part, i - 1, i)) &&
               running_gap(s.gap(part, i, i + 1)) && suffix_in(suffixes, words[i + 1].surface) &&
               capitalised(words[i - 1].surface) && !internal::all_caps(words[i - 1].surface) &&
               !kFunctionWords.contains(words[i - 1].surface) && !possessive(words[i - 1]);
    auto lengthens = [&](std::size_t k, std::string_view gap) {
        const std::string& w = words[k].surface;
        if ((!running_gap(gap) && gap != "-") || !capitalised(w) || kFunctionWords.contains(w) || suffix_in(suffixes, w))
            return false;
        return w.size() == 1 || !internal::all_caps(w);
    };
    // Does a word after word `k` lengthen the run it ends? A possessive ends a name ("Uruguay's
    // Foreign Minister"), and a role after it is no part of it ("Bundesbank President Poehl").
    const auto continues = [&](std::size_t k) {
        return !possessive(words[k]) && k + 1 < words.size() && !kRoleWords.contains(words[k + 1].surface) &&
               lengthens(k + 1, s.gap(part, k, k + 1));
    };
    // Two listed places joined by a hyphen are two places ("the Iran-Iraq war"), unless more of
    // a name follows ("Amsterdam-Rotterdam Bank").
    const auto place_pair = [&](std::size_t a, std::size_t b) {
        const bool more = b + 1 < words.size() && capitalised(words[b + 1].surface) &&
                          (s.gap(part, b, b + 1) == " " || s.gap(part, b, b + 1) == "-");
        return s.gap(part, a, b) == "-" && !more && g.resolve(words[a].surface, EntityKind::Place) &&
               g.resolve(words[b].surface, EntityKind::Place);
    };
    // Before the name, no possessive lengthens it ("Amro's London-based").
    if (i > 0 && lengthens(i - 1, s.gap(part, i - 1, i)) && !possessive(words[i - 1]) && !place_pair(i - 1, i) &&
        (!sentence_start(s, part, i - 1) || g.is_first_name(words[i - 1].surface) ||
         kCompassWords.contains(words[i - 1].surface)))
        return true;
    return continues(i) && !place_pair(i, i + 1);
}

std::vector<Word> words_of(const TextPart& part) {
    std::vector<Word> words;
    for (std::size_t i = 0; i < part.tokens.size(); ++i) {
        const Token& t = part.tokens[i];
        if (t.compound) continue;
        words.push_back({&t, internal::strip_possessive(std::string(part.text.substr(t.begin, t.end - t.begin))), i});
    }
    return words;
}

// An initial, or "St" (Saint) of a name: its period is no sentence end ("Ivan F. Boesky").
bool is_initial(const std::string& w) {
    return (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') || w == "St";
}

// A person's name without its middle initials: "Paul A. Volcker", "Paul A Volcker" -> "Paul Volcker".
std::string without_initials(const std::string& name) {
    std::string out;
    std::size_t from = 0;
    while (from <= name.size()) {
        std::size_t to = name.find(' ', from);
        if (to == std::string::npos) to = name.size();
        std::string word = name.substr(from, to - from);
        if (!word.empty() && word.back() == '.') word.pop_back();
        if (!(word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z' && from > 0 && to < name.size())) {
            if (!out.empty()) out += ' ';
            out.append(name, from, to - from);
        }
        from = to + 1;
    }
    return out;
}

// Words [first, last] of one part as one name: punctuation between two words kept as written
// ("Kilroy-Silk", "S&P", "S/P"), the period of an initial or of a dotted abbreviation kept
// ("Ronald A. Paradis", "M.S. Carriers"), any other
// gap one space ("Nigel\nLawson" -> "Nigel Lawson").
std::string joined(const std::vector<Word>& words, std::size_t first, std::size_t last, std::string_view text) {
    std::string name = words[first].surface;
    for (std::size_t k = first + 1; k <= last; ++k) {
        const std::size_t from = words[k - 1].token->end;
        const std::string_view gap = text.substr(from, words[k].token->begin - from);
        const std::string& before = words[k - 1].surface;
        const bool initial = (is_initial(before) || before.find('.') != std::string::npos) && gap.starts_with('.');
        const bool inside = !gap.empty() && gap.size() <= 2 && gap.find_first_of(" \n\t\r") == std::string_view::npos;
        name += std::string(initial ? ". " : inside ? gap : " ") + words[k].surface;
    }
    return name;
}

// Of several places one name denotes, the one it means without context: a country before a
// region (a continent, a region across borders or inside a country), a region before a state,
// a state before a city; the first listed among equals.
int place_rank(const Entity& e) {
    return e.place_type == "country" ? 0 : e.place_type == "region" ? 1 : e.place_type == "state" ? 2 : 3;
}

// "US $ 700", "HK$": a country name just before a dollar sign marks the currency.
bool before_dollar(std::string_view text, std::size_t end) {
    const std::string_view rest = text.substr(end);
    const std::size_t next = rest.find_first_not_of(' ');
    return next != std::string_view::npos && rest[next] == '$';
}

}  // namespace

// ---- The shared state ---------------------------------------------------------------------

ExtractionState::ExtractionState(const std::vector<TextPart>& text_parts, int article_year)
    : parts(text_parts), year(article_year) {
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

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer, Analyzer& analyzer, const SpanTagger* tagger,
                                 double min_confidence)
    : gazetteer_(gazetteer), tagger_(tagger), min_confidence_(min_confidence) {
    for (std::size_t i = 0; i < gazetteer.entities().size(); ++i) {
        const Entity& e = gazetteer.entities()[i];
        std::vector<std::string> names{e.canonical};
        names.insert(names.end(), e.aliases.begin(), e.aliases.end());
        for (const auto& name : names) {
            Pattern p{{}, {}, i, name, {}, {}};
            for (const auto& t : analyzer.analyze(name)) {
                if (t.compound) continue;
                const std::string written = name.substr(t.begin, t.end - t.begin);
                p.terms.push_back(t.term);
                p.shapes.push_back(internal::strip_possessive(written));
                p.dotted.push_back(t.end < name.size() && name[t.end] == '.');
                p.possessive.push_back(p.shapes.back().size() + 2 <= written.size());
            }
            // One-letter names ("X") would match everywhere; they need an explicit longer alias.
            if (p.terms.empty() || (p.terms.size() == 1 && p.shapes[0].size() < 2)) continue;
            if (p.terms.size() > 1) p.second_hash = std::hash<std::string>{}(p.terms[1]);
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

namespace {

// The country a place was in in `year`: its last ancestor then, or the place itself.
std::string country_in(const Gazetteer& g, const std::string& place, int year) {
    const auto up = g.ancestors(place, year);
    return up.empty() ? place : up.back();
}

// A person's name that begins with an initial before the given name ("L. Ron Hubbard", "F.
// Scott Fitzgerald", "H. Ross Perot"): the passes start a name at the given name, so the
// initial and its period are taken in here.
void take_leading_initials(ExtractionState& state, const Gazetteer& g) {
    for (auto& c : state.candidates) {
        if (c.mention.kind != EntityKind::Person || c.first == 0) continue;
        const auto& words = state.words[c.part];
        const std::string& initial = words[c.first - 1].surface;
        const std::string_view gap = state.gap(c.part, c.first - 1, c.first);
        if (state.taken[c.part][c.first - 1] || initial.size() != 1 || !internal::is_upper(initial[0]) ||
            (gap != ". " && gap != ".\n") || !g.is_first_name(words[c.first].surface) || c.first == c.last)
            continue;
        const std::size_t before = c.first - 1;
        EntityMention m = state.mention(EntityKind::Person, initial + ". " + c.mention.canonical, c.part, before, c.last);
        for (auto& [surname, name] : state.surnames)  // a lone "Hubbard" is the whole name too
            if (name == c.mention.canonical) name = m.canonical;
        state.taken[c.part][before] = true;
        c.first = before;
        c.mention = std::move(m);
    }
}

// "CAMBRIDGE, Mass.", "Birmingham, Ala.", "Dublin, California": a listed city followed, after a
// comma, by a state or country other than its own is a namesake there that no list holds, not
// the listed city; the state or country stays. ("Hanover, West Germany" in 1987 is Hanover.)
// So is a listed state before another country's state ("NORFOLK, Va.", "Somerset, N.J."); before
// a country it may be one of a list ("Texas, Mexico and Guatemala"). A region says nothing
// ("Lagos, West Africa").
void drop_foreign_namesakes(ExtractionState& state, const Gazetteer& g) {
    const auto& entities = g.entities();
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> starts;  // (part, first word) -> place
    for (std::size_t k = 0; k < state.candidates.size(); ++k) {
        const auto& c = state.candidates[k];
        if (c.mention.kind == EntityKind::Place && c.entity != internal::kNoEntity) starts[{c.part, c.first}] = k;
    }
    std::vector<bool> drop(state.candidates.size(), false);
    for (std::size_t k = 0; k < state.candidates.size(); ++k) {
        const auto& c = state.candidates[k];
        if (c.mention.kind != EntityKind::Place || c.entity == internal::kNoEntity) continue;
        const std::string& type = entities[c.entity].place_type;
        if (type != "city" && type != "state") continue;
        const auto next = starts.find({c.part, c.last + 1});
        if (next == starts.end()) continue;
        const std::string_view gap = state.gap(c.part, c.last, c.last + 1);
        if (gap != ", " && gap != ",\n") continue;
        const Entity& region = entities[state.candidates[next->second].entity];
        if (region.place_type == "city" || region.place_type == "region") continue;
        if (type == "state" && region.place_type != "state") continue;
        drop[k] = country_in(g, entities[c.entity].canonical, state.year) !=
                  country_in(g, region.canonical, state.year);
    }
    std::vector<Candidate> kept;
    for (std::size_t k = 0; k < state.candidates.size(); ++k)
        if (!drop[k]) kept.push_back(std::move(state.candidates[k]));
    state.candidates = std::move(kept);
}

// "the U.S. International Trade Commission (ITC)": an acronym the article defines after a
// long name whose capitalised words' initials spell it. The long name's words, or an empty
// range when the word at `k` is no such definition.
std::pair<std::size_t, std::size_t> defined_by(const ExtractionState& s, std::size_t part, std::size_t k) {
    static const std::unordered_set<std::string> kJoiners{"of", "and", "for", "on", "the", "in", "de", "&"};
    const auto& words = s.words[part];
    const std::string& acronym = words[k].surface;
    const std::pair<std::size_t, std::size_t> none{1, 0};
    if (k == 0 || acronym.size() < 2 || !internal::all_caps(acronym) || !s.gap(part, k - 1, k).ends_with("(") ||
        (k + 1 < words.size() && !s.gap(part, k, k + 1).starts_with(")")))
        return none;
    // Back from the parenthesis, one capitalised word per letter (joiners skipped): the
    // acronym's letters in order, or the same letters in another order, as a name translated
    // from another language is abbreviated ("Brazilian Coffee Institute (IBC)", the Instituto
    // Brasileiro do Cafe).
    std::string letters;  // the initials read back from the parenthesis
    for (std::size_t j = k; j-- > 0;) {
        if (j + 1 < k && !internal::joinable_gap(s.gap(part, j, j + 1)) && s.gap(part, j, j + 1) != " & ") break;
        const std::string& w = words[j].surface;
        if (kJoiners.contains(w)) continue;
        if (!capitalised(w)) break;
        letters.insert(letters.begin(), w[0]);
        if (letters.size() < acronym.size()) continue;
        std::string sorted = acronym;
        std::sort(letters.begin(), letters.end());
        std::sort(sorted.begin(), sorted.end());
        return letters == sorted ? std::pair{j, k - 1} : none;
    }
    return none;
}

// The initials of a name's capitalised words: "International Tin Council" -> "ITC".
std::string initials(std::string_view name) {
    std::string out;
    for (std::size_t at = 0; at < name.size(); ++at)
        if ((at == 0 || name[at - 1] == ' ' || name[at - 1] == '-') && internal::is_upper(name[at])) out += name[at];
    return out;
}

// The capitalised words of a name, folded and cut to their first four letters, so that
// spellings of one word agree ("Tariff", "Tariffs"; "Organisation", "Organization"; a typo
// late in a word): "General Agreement on Tariffs and Trade" -> {agre, gene, tari, trad}.
std::set<std::string> capitalised_words(std::string_view name) {
    std::set<std::string> out;
    std::size_t from = 0;
    while (from < name.size()) {
        std::size_t to = name.find_first_of(" \n-", from);
        if (to == std::string_view::npos) to = name.size();
        if (to > from && internal::is_upper(name[from])) out.insert(fold(name.substr(from, to - from)).substr(0, 4));
        from = to + 1;
    }
    return out;
}

// Does a listed entity spell `acronym` with a long name other than the article's? The
// International Tin Council spells ITC; the article's "U.S. International Trade Commission
// (ITC)" is another body. The same capitalised words in another order, with other small words,
// or with more words on one side ("General Agreement on Trade and Tariffs", "U.S. Federal
// Aviation Administration") name the same body.
bool spelled_otherwise(const Entity& e, const std::string& acronym, const std::set<std::string>& long_words) {
    std::vector<std::string> names{e.canonical};
    names.insert(names.end(), e.aliases.begin(), e.aliases.end());
    bool other = false;
    for (const auto& name : names) {
        if (name.find(' ') == std::string::npos) continue;
        const auto words = capitalised_words(name);
        if (std::includes(long_words.begin(), long_words.end(), words.begin(), words.end()) ||
            std::includes(words.begin(), words.end(), long_words.begin(), long_words.end()))
            return false;  // the same body
        other = other || initials(name) == acronym;
    }
    return other;
}

// "James River said" after "James River Corp", "Echo Bay" after "Echo Bay Mines Ltd": a place
// named by its head word that begins a firm's longer name in the article is that firm.
void firm_names_over_places(ExtractionState& state) {
    auto terms = [&](const Candidate& c, std::size_t n) {
        std::string out;
        for (std::size_t k = c.first; k < c.first + n; ++k) out += state.words[c.part][k].token->term + ' ';
        return out;
    };
    std::map<std::string, std::size_t> firm_starts;  // folded first words -> the firm's candidate
    for (std::size_t f = 0; f < state.candidates.size(); ++f) {
        const auto& c = state.candidates[f];
        if (c.mention.kind == EntityKind::Company || c.mention.kind == EntityKind::Org)
            for (std::size_t n = 1; n <= c.last - c.first; ++n) firm_starts.emplace(terms(c, n), f);
    }
    if (firm_starts.empty()) return;
    for (auto& c : state.candidates) {
        if (c.mention.kind != EntityKind::Place || c.source != SpanSource::NameRule) continue;
        const auto firm = firm_starts.find(terms(c, c.last - c.first + 1));
        if (firm == firm_starts.end()) continue;
        const Candidate& named = state.candidates[firm->second];
        c.mention.kind = named.mention.kind;
        c.mention.canonical = named.mention.canonical;
        c.entity = named.entity;
    }
}

// An acronym a dictionary lists for one body and the article defines for another ("ITC" for
// the International Tin Council, in a story that writes "U.S. International Trade Commission
// (ITC)") means the article's body throughout: the listed one when the long name is listed,
// else none (the long name stands for itself).
void resolve_defined_acronyms(ExtractionState& state, const Gazetteer& g) {
    // acronym -> (the listed entity of the long name or null, the long name's capitalised words)
    std::unordered_map<std::string, std::pair<const Entity*, std::set<std::string>>> meaning;
    for (std::size_t p = 0; p < state.parts.size(); ++p)
        for (std::size_t k = 0; k < state.words[p].size(); ++k) {
            const auto [first, last] = defined_by(state, p, k);
            if (first > last) continue;
            const std::string long_name = joined(state.words[p], first, last, state.parts[p].text);
            meaning.emplace(state.words[p][k].surface, std::pair{g.resolve(long_name), capitalised_words(long_name)});
        }
    if (meaning.empty()) return;
    const auto& entities = g.entities();
    std::erase_if(state.candidates, [&](Candidate& c) {
        if (c.mention.kind == EntityKind::Place || c.mention.kind == EntityKind::Person || c.first != c.last ||
            c.entity == internal::kNoEntity)
            return false;
        const auto it = meaning.find(state.words[c.part][c.first].surface);
        if (it == meaning.end()) return false;
        const auto& [listed, long_name] = it->second;
        if (listed == &entities[c.entity] ||
            !spelled_otherwise(entities[c.entity], state.words[c.part][c.first].surface, long_name))
            return false;
        if (listed && listed->kind != EntityKind::Place) {
            c.entity = static_cast<std::size_t>(listed - entities.data());
            c.mention.kind = listed->kind;
            c.mention.canonical = g.name_at(*listed, state.year, c.mention.surface);
            return false;
        }
        state.taken[c.part][c.first] = false;
        return true;
    });
}

// "the National Federation Party (NFP)", "the Korean Central News Agency (KCNA)": an acronym
// the article defines for an organisation found in it names that organisation wherever the
// article writes it, and an unlisted one-word organisation so spelled takes its name.
void refer_defined_acronyms(ExtractionState& state) {
    struct Meaning {
        EntityKind kind;
        std::string canonical;
        std::size_t entity;
    };
    std::unordered_map<std::string, Meaning> meaning;
    for (std::size_t p = 0; p < state.parts.size(); ++p)
        for (std::size_t k = 0; k < state.words[p].size(); ++k) {
            const auto [first, last] = defined_by(state, p, k);
            if (first > last) continue;
            for (const auto& c : state.candidates)
                if (c.part == p && c.last == last && c.first <= last &&
                    (c.mention.kind == EntityKind::Org || c.mention.kind == EntityKind::Company)) {
                    meaning.emplace(state.words[p][k].surface, Meaning{c.mention.kind, c.mention.canonical, c.entity});
                    break;
                }
        }
    if (meaning.empty()) return;
    for (auto& c : state.candidates) {
        if (c.first != c.last || c.entity != internal::kNoEntity ||
            (c.mention.kind != EntityKind::Org && c.mention.kind != EntityKind::Company))
            continue;
        const auto it = meaning.find(state.words[c.part][c.first].surface);
        if (it == meaning.end()) continue;
        c.mention.kind = it->second.kind;
        c.mention.canonical = it->second.canonical;
        c.entity = it->second.entity;
    }
    for (std::size_t p = 0; p < state.parts.size(); ++p)
        for (std::size_t k = 0; k < state.words[p].size(); ++k) {
            if (state.taken[p][k]) continue;
            const auto it = meaning.find(state.words[p][k].surface);
            if (it == meaning.end()) continue;
            state.add({state.mention(it->second.kind, it->second.canonical, p, k, k), p, k, k, SpanSource::NameRule, 1.0,
                       false, it->second.entity});
        }
}

// "VMS MORTGAGE LP" in a headline, "VMS Mortgage L.P." in the story: a company or org no list
// holds, found in capitals, is the name the article writes in mixed case. Without one, a name of
// several words in capitals names nothing: nothing shows where it begins ("LANSON NAMES
// WHITBREAD PLC", "ACQUIRES ANTIBIOTICOS S.A.") nor how it is written.
void resolve_names_in_capitals(ExtractionState& state) {
    auto unlisted_firm = [](const Candidate& c) {
        return c.entity == internal::kNoEntity &&
               (c.mention.kind == EntityKind::Company || c.mention.kind == EntityKind::Org);
    };
    auto in_capitals = [&](const Candidate& c) {
        bool caps = false;
        for (std::size_t k = c.first; k <= c.last; ++k) {
            const std::string& w = state.words[c.part][k].surface;
            if (std::any_of(w.begin(), w.end(), internal::is_lower)) return false;
            caps = caps || internal::all_caps(w);
        }
        return caps;
    };
    std::unordered_map<std::string, std::string> mixed;  // folded name -> as the article writes it
    for (const auto& c : state.candidates)
        if (unlisted_firm(c) && !in_capitals(c)) mixed.emplace(fold(c.mention.canonical), c.mention.canonical);
    std::erase_if(state.candidates, [&](Candidate& c) {
        if (!unlisted_firm(c) || !in_capitals(c)) return false;
        const auto it = mixed.find(fold(c.mention.canonical));
        if (it != mixed.end()) {
            c.mention.canonical = it->second;
            return false;
        }
        return c.mention.canonical.find(' ') != std::string::npos;
    });
}

}  // namespace

std::vector<EntityMention> EntityExtractor::extract(const std::vector<TextPart>& parts, int year) const {
    ExtractionState state{parts, year};
    match_dictionary(state);        // listed names, longest first; ambiguous ones tentative
    find_body_names(state);         // "Bucknell University", "Ministry of Defence": bodies
    add_tagged_spans(state);        // the learned tagger's spans, where no listed name is
    resolve_ambiguous(state);       // context confirms tentative names or drops them
    resolve_shared_places(state);   // "Georgia": the country, or the US state with context
    resolve_defined_acronyms(state, gazetteer_);  // "Trade Commission (ITC)": not the Tin Council
    drop_foreign_namesakes(state, gazetteer_);  // "CAMBRIDGE, Mass.": not the listed Cambridge
    find_suffixed_orgs(state);      // unlisted names ending in a legal suffix
    find_company_context(state);    // unlisted names in a company's context ("shares in Yukos")
    find_people(state);             // first names and titles before capitalised words
    take_leading_initials(state, gazetteer_);  // "L. Ron Hubbard"
    refer_surnames(state);          // a lone surname refers back to the full name
    drop_firm_short_names(state);   // "Kelley said" after "Kelley Oil Ltd": the firm, no person
    firm_names_over_places(state);  // "James River said" after "James River Corp": the firm
    refer_defined_acronyms(state);  // "National Federation Party (NFP)": every NFP is that party
    resolve_names_in_capitals(state);  // "VMS MORTGAGE LP": the story's "VMS Mortgage", or nothing
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
    const std::string_view text = state.parts[part].text;
    for (std::size_t k = 0; k < n; ++k) {
        const Token& t = *words[i + k].token;
        if (t.term != p.terms[k] || !internal::shape_fits(p.shapes[k], words[i + k].surface)) return false;
        if (k > 0 && !internal::joinable_gap(state.gap(part, i + k - 1, i + k))) return false;
        // "Miss." is Mississippi, "Miss Marple" is not; "Moody's" is the company, "L Moody" is not.
        // A one-word abbreviation needs its period; in longer names ("Apple Inc.") it may go.
        if (n == 1 && p.dotted[k] && (t.end >= text.size() || text[t.end] != '.')) return false;
        if (p.possessive[k] && words[i + k].surface.size() + 2 > t.end - t.begin) return false;
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
            // Most names of a common first word ("the", "new") differ in the second: reject
            // those on its hash first, without reading their words (pattern_at would reject
            // them too, after the first word's case checks).
            const std::size_t second = i + 1 < words.size() ? std::hash<std::string>{}(words[i + 1].token->term) : 0;
            for (const Pattern& pat : it->second) {
                if (pat.terms.size() > 1 && (i + 1 >= words.size() || second != pat.second_hash)) continue;
                if (!pattern_at(state, p, i, pat)) continue;
                const std::size_t last = i + pat.terms.size() - 1;
                const Entity& e = entities[pat.entity];
                if (e.kind == EntityKind::Place && before_dollar(state.parts[p].text, words[last].token->end))
                    continue;
                if (pat.terms.size() == 1 && inside_longer_name(state, p, i, kLegalSuffixes, gazetteer_)) break;
                if (e.kind != EntityKind::Place && last + 1 < words.size() &&
                    kIndexWords.contains(words[last + 1].token->term))
                    break;
                // A name several places bear ("Georgia"): the most senior for now, the others
                // kept for resolve_shared_places().
                std::size_t chosen = pat.entity;
                std::vector<std::size_t> others;
                if (e.kind == EntityKind::Place)
                    for (const Pattern& other : it->second)
                        if (other.entity != pat.entity && other.terms.size() == pat.terms.size() &&
                            entities[other.entity].kind == EntityKind::Place &&
                            std::find(others.begin(), others.end(), other.entity) == others.end() &&
                            pattern_at(state, p, i, other))
                            others.push_back(other.entity);
                for (auto& other : others)
                    if (place_rank(entities[other]) < place_rank(entities[chosen])) std::swap(other, chosen);
                std::stable_sort(others.begin(), others.end(), [&](std::size_t a, std::size_t b) {
                    return place_rank(entities[a]) < place_rank(entities[b]);
                });
                const Entity& named = entities[chosen];
                EntityMention m = state.mention(named.kind, gazetteer_.name_at(named, state.year, pat.name), p, i, last);
                if (pat.dotted.back()) take_final_period(m, state.parts[p].text);  // "Calif.", "U.S."
                state.add({std::move(m), p, i, last, SpanSource::Dictionary, 1.0, named.ambiguous, chosen,
                           std::move(others)});
                i = last;
                break;
            }
        }
    }
}

namespace {

// Words after a name's possessive that make the name a company's: "Yukos's chief executive".
const std::unordered_set<std::string> kCompanyPossessions{
    "shares", "shareholders", "stock", "board", "chairman", "profit", "profits", "revenue", "revenues", "sales",
    "earnings", "subsidiary", "executives", "directors", "management", "headquarters"};

// Does a company context (before `first` or after `last`) mark the unlisted name in words
// [first, last] as a company? "shares in Yukos fell", "a stake in Yukos", "Yukos's chief
// executive", "Gazprom's shareholders". The cue words must not be in capitals: in a headline
// in capitals the context says nothing. ("Japanese shares", "shares of Class A stock" name no
// company, so a name before "shares" without a possessive, or after "shares of", is no cue.)
bool company_context(const ExtractionState& s, std::size_t part, std::size_t first, std::size_t last) {
    const auto& words = s.words[part];
    auto space = [&](std::size_t a, std::size_t b) {  // spaces, or a line break inside a paragraph
        const std::string_view g = s.gap(part, a, b);
        return !g.empty() && g.find_first_not_of(" \n\r\t") == std::string_view::npos &&
               std::count(g.begin(), g.end(), '\n') < 2;
    };
    const bool possessive = words[last].surface.size() < words[last].token->end - words[last].token->begin;
    auto cue = [&](std::size_t k, std::string_view word) {
        return words[k].token->term == word && !internal::all_caps(words[k].surface);  // not "SHARES IN"
    };
    // A capitalised word joined before or after belongs to a longer name: "Bermuda Star's",
    // "Harper and Row's", "a stake in Air New Zealand".
    auto joined_word = [&](std::size_t k, std::size_t a, std::size_t b) {
        return (space(a, b) || s.gap(part, a, b) == "-") && capitalised(words[k].surface) &&
               !kNotNameWords.contains(words[k].surface);
    };
    if (first > 0 && joined_word(first - 1, first - 1, first)) return false;
    if (first > 0 && s.gap(part, first - 1, first) == " & " && capitalised(words[first - 1].surface)) return false;
    if (first > 1 && cue(first - 1, "and") && capitalised(words[first - 2].surface)) return false;
    if (last + 1 < words.size() && joined_word(last + 1, last, last + 1)) return false;
    if (last + 2 < words.size() && cue(last + 1, "and") && capitalised(words[last + 2].surface)) return false;
    if (last + 1 < words.size() && s.gap(part, last, last + 1) == " & " && capitalised(words[last + 1].surface))
        return false;  // "Frost and Sullivan", "Harper & Row"
    if (first >= 2 && !possessive && space(first - 1, first) && cue(first - 1, "in") &&
        (cue(first - 2, "shares") || cue(first - 2, "stake") || cue(first - 2, "holding")))
        return true;  // not "a stake in Europe's largest copper producer"
    if (!possessive || last + 1 >= words.size() || !space(last, last + 1)) return false;
    const std::string& next = words[last + 1].surface;
    return kCompanyPossessions.contains(next) ||
           (next == "chief" && last + 2 < words.size() && cue(last + 2, "executive"));
}

// Is the name ending at word `last` a firm's: followed by a legal suffix ("James Capel and Co",
// "Smith & Co", "Salomon Brothers Inc"), or by more words of a firm's name that end in one
// ("Kelley Oil" of "Kelley Oil and Gas Partners Ltd": "and" only between two trades)?
bool firm_after(const ExtractionState& s, std::size_t part, std::size_t last) {
    const auto& words = s.words[part];
    for (std::size_t k = last + 1; k < words.size() && k <= last + 5; ++k) {
        const std::string_view gap = s.gap(part, k - 1, k);
        const std::string& w = words[k].surface;
        if (legal_suffix(w) && (gap == " " || gap == " & " || gap == "&")) return true;
        if (gap != " " || possessive(words[k - 1])) return false;
        if (w == "and") {
            const bool suffix_next = k + 1 < words.size() && s.gap(part, k, k + 1) == " " &&
                                     legal_suffix(words[k + 1].surface);
            if (!suffix_next && !trade_word(words[k - 1])) return false;
        } else if (!capitalised(w) || kNotNameWords.contains(w) || internal::all_caps(w)) {
            return false;
        }
    }
    return false;
}

// Is word `i` right after a capitalised word of the same sentence that could begin the name
// ("Touche Ross")? Not after a possessive, a function word, an acronym or a sentence start.
bool joined_after_name(const ExtractionState& s, std::size_t part, std::size_t i) {
    const auto& words = s.words[part];
    if (i == 0 || s.gap(part, i - 1, i) != " " || sentence_start(s, part, i - 1)) return false;
    const Word& before = words[i - 1];
    if (possessive(before)) return false;
    return capitalised(before.surface) && !kFunctionWords.contains(before.surface) &&
           !internal::all_caps(before.surface);
}

// Do the words after word `i` say that it names a person, not a firm? "Kelley, who ...",
// "Kelley, 54, ...", "Kelley said he ...", "Kelley told reporters he ...". A firm is "it".
bool person_after(const ExtractionState& s, std::size_t part, std::size_t i) {
    static const std::unordered_set<std::string> kRelatives{"who", "whose", "aged"};
    static const std::unordered_set<std::string> kPronouns{"he", "she", "his", "her", "himself", "herself"};
    static const std::unordered_set<std::string> kSaying{"said", "says", "added", "told", "stated", "explained"};
    const auto& words = s.words[part];
    if (possessive(words[i]) || i + 1 >= words.size()) return false;
    const std::string_view gap = s.gap(part, i, i + 1);
    const std::string& next = words[i + 1].token->term;
    if (gap == ", " && kRelatives.contains(next)) return true;
    if (gap == ", " && next.size() == 2 && std::isdigit(static_cast<unsigned char>(next[0])) &&
        std::isdigit(static_cast<unsigned char>(next[1])) && i + 2 < words.size() &&
        s.gap(part, i + 1, i + 2).starts_with(","))
        return true;  // an age: "Kelley, 54, said"
    if (gap != " " || !kSaying.contains(next)) return false;
    // "said he", "told reporters he": a pronoun of a person within three words of the verb.
    for (std::size_t k = i + 2; k < std::min(words.size(), i + 5); ++k) {
        if (s.gap(part, k - 1, k).find_first_of(".;") != std::string_view::npos) break;
        if (kPronouns.contains(words[k].token->term)) return true;
        if (words[k].token->term == "it" || words[k].token->term == "its") break;
    }
    return false;
}

// Does a model span of a person read as a name by the rules the name pass applies too? Not
// when it starts with a word that never starts a name ("No", "Co"), ends in the head of a
// thing's name ("Reagan Administration") or in a firm's trade ("Mitchell Energy"), follows
// "the"/"a", or is one word in capitals or of one letter.
bool person_shaped(const ExtractionState& s, std::size_t part, std::size_t first, std::size_t last) {
    const auto& words = s.words[part];
    const std::string& w = words[first].surface;
    if (kNotNameWords.contains(w) || legal_suffix(w) || kThingHeads.contains(words[last].surface) ||
        legal_suffix(words[last].surface) || firm_name_end(words[last]))
        return false;
    if (first == last && (w.size() < 2 || internal::all_caps(w))) return false;
    if (firm_after(s, part, last)) return false;
    return !(first > 0 && s.gap(part, first - 1, first) == " " &&
             (words[first - 1].token->term == "the" || words[first - 1].token->term == "a"));
}

// The last word of a firm's name that ends at word `last` without its legal forms: "Pepsico
// Inc" -> Pepsico, "Bank of Communications Co Ltd" -> Bank of Communications; Cos and Pty stay.
std::size_t before_legal_forms(const std::vector<Word>& words, std::size_t first, std::size_t last) {
    while (last > first && suffix_in(kDroppedSuffixes, words[last].surface)) --last;
    return last;
}

// The words [first, last] a tagged span covers, or {1, 0} when it covers none.
std::pair<std::size_t, std::size_t> words_in(const std::vector<Word>& words, const TaggedSpan& span) {
    const auto from = std::lower_bound(words.begin(), words.end(), span.begin,
                                       [](const Word& w, std::size_t at) { return w.token->begin < at; });
    const std::size_t first = static_cast<std::size_t>(from - words.begin());
    std::size_t end = first;
    while (end < words.size() && words[end].token->end <= span.end) ++end;
    return end == first ? std::pair<std::size_t, std::size_t>{1, 0} : std::pair{first, end - 1};
}

// Do the words [first, last] of a model span name nothing of their own?
bool no_name_of_its_own(const ExtractionState& state, const TaggedSpan& span, std::size_t first, std::size_t last,
                        const Gazetteer& g) {
    const auto& words = state.words[span.part];
    // "thirty million Euros", "Bank borrowings", "the Bank said": a currency or a firm's legal
    // word alone is no name, whatever its capital.
    if (first == last && (internal::is_currency_word(words[first].token->term) ||
                          legal_suffix(words[first].surface)))
        return true;
    if (span.kind == EntityKind::Person) return false;
    // "the ruling Conservatives", "Christian Democrats": a party's word is no firm's name.
    bool party = true;
    for (std::size_t k = first; k <= last; ++k) party = party && kPartyWords.contains(words[k].surface);
    if (party) return true;
    if (first < last && legal_suffix(words[last].surface)) {
        // "Equitable HCA Corp" cut to "HCA Corp": a longer name before it is the legal-suffix
        // pass's to read whole; "National Bank", "Bank Ltd" only describe (as in that pass).
        const Word* before = first > 0 && internal::joinable_gap(state.gap(span.part, first - 1, first))
                                 ? &words[first - 1]
                                 : nullptr;
        if (before && capitalised(before->surface) && !kNotNameWords.contains(before->surface) &&
            !kRoleWords.contains(before->surface) && !possessive(*before))
            return true;
        // "Bank\nof Communications Ltd" cut to "Communications Ltd": the same.
        if (before && before->surface == "of" && first > 1 && words[first - 2].surface == "Bank" &&
            internal::joinable_gap(state.gap(span.part, first - 2, first - 1)))
            return true;
        bool generic = true;
        for (std::size_t k = first; k < last; ++k)
            generic = generic &&
                      (kGenericNameWords.contains(as_listed(words[k].surface)) || legal_suffix(words[k].surface));
        const std::size_t name_last = before_legal_forms(words, first, last);
        if (generic && !g.resolve(joined(words, first, name_last, state.parts[span.part].text))) return true;
    }
    // "Trade and Industry Minister", "Energy Secretary": a minister's portfolio, no firm
    // ("Treasury Secretary", "Navy Secretary" name a body too, and stay).
    if (span.kind == EntityKind::Company && last + 1 < words.size() &&
        running_gap(state.gap(span.part, last, last + 1)) && kPortfolioTitles.contains(words[last + 1].surface))
        return true;
    // "MacMillan Bloedel", "Georgia Power Co", "New England": a word of a longer name is no name
    // of its own, as in the dictionary pass; the suffix and context passes read an
    // organisation's whole name.
    return first == last && inside_longer_name(state, span.part, first, kLegalSuffixes, g);
}

}  // namespace

void EntityExtractor::add_tagged_spans(ExtractionState& state) const {
    if (!tagger_) return;
    // The tentative dictionary names by (part, word) of each of their words, so a model span
    // finds those it overlaps without reading every candidate (a list of names: quadratic).
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> tentative_at;
    for (std::size_t i = 0; i < state.candidates.size(); ++i) {
        const auto& c = state.candidates[i];
        if (c.tentative)
            for (std::size_t k = c.first; k <= c.last; ++k) tentative_at.emplace_back(c.part, k, i);
    }
    std::sort(tentative_at.begin(), tentative_at.end());
    for (const TaggedSpan& span : tagger_->tag(state.parts)) {
        if (span.confidence < min_confidence_ || span.part >= state.parts.size()) continue;
        const auto& words = state.words[span.part];
        auto [first, last] = words_in(words, span);
        if (first > last) continue;
        if (no_name_of_its_own(state, span, first, last, gazetteer_)) continue;
        if (span.kind == EntityKind::Person) {
            // "Argentine officials", "Soviet Mikhail Gorbachev": a nationality is no name, nor
            // the start of one (after a given name it is a surname: "Bill English").
            while (first <= last && gazetteer_.is_nationality(words[first].surface)) ++first;
            if (first > last) continue;
            // "Touche Ross": one word right after a capitalised word that is no title is the
            // end of a longer name the model cut, not a person of its own.
            if (first == last && joined_after_name(state, span.part, first) &&
                !title_before(state, span.part, first))
                continue;
            // "Kenyan President Daniel Arap Moi": one word right before a title is no name.
            if (first == last && first + 1 < words.size() && state.gap(span.part, first, first + 1) == " " &&
                title_words_.contains(words[first + 1].token->term))
                continue;
            // "Clayton Yeutter": the model may stop after a given name it knows; a one-word
            // name runs on as the name rules read it, unless the run ends in a thing ("the
            // Reagan Administration" stays Reagan). A longer one runs on only through an
            // initial or a particle ("Ivan F. Boesky", "Javier Perez de Cuellar").
            const std::size_t run = name_run(state, span.part, last, first != last);
            if (!kThingHeads.contains(words[run].surface)) last = run;
            // A hyphenated surname is one word of the name: the model may stop at its first part
            // ("Angela Kilroy" of "Angela Kilroy-Silk", at the start of a sentence); not after an
            // initial or a word in capitals ("John Duncan R-Tenn").
            while (last + 1 < words.size() && state.gap(span.part, last, last + 1) == "-" &&
                   words[last].surface.size() > 1 && !internal::all_caps(words[last].surface) &&
                   capitalised(words[last + 1].surface) && !state.taken[span.part][last + 1])
                ++last;
            if (!person_shaped(state, span.part, first, last)) continue;
        }
        if (!state.free(span.part, first, last)) {
            // A listed ambiguous name the model also calls a name of a fitting kind is confirmed.
            // (Tentative names are few: the search is over the dictionary's candidates only.)
            for (auto at = std::lower_bound(tentative_at.begin(), tentative_at.end(),
                                            std::tuple(span.part, first, std::size_t{0}));
                 at != tentative_at.end() && std::get<0>(*at) == span.part && std::get<1>(*at) <= last; ++at) {
                auto& c = state.candidates[std::get<2>(*at)];
                if (c.mention.kind == span.kind || (span.kind == EntityKind::Org && c.mention.kind == EntityKind::Company))
                    c.tentative = false;
            }
            continue;
        }
        const std::size_t name_last = span.kind == EntityKind::Person ? last : before_legal_forms(words, first, last);
        const std::string name = joined(words, first, name_last, state.parts[span.part].text);
        const Entity* known = gazetteer_.resolve(name);
        // "Merrill Lynch Canada Inc": the rest of a firm's name that is a listed place is no
        // organisation, and no place either (a place in a longer name does not count).
        if (known && known->kind == EntityKind::Place && span.kind != EntityKind::Place) continue;
        const EntityKind kind =
            known && (known->kind == span.kind || span.kind == EntityKind::Org) ? known->kind : span.kind;
        state.add({state.mention(kind, known && known->kind == kind ? gazetteer_.name_at(*known, state.year, name) : name,
                                 span.part, first, last),
                   span.part, first, last, SpanSource::Model, span.confidence, false,
                   known ? static_cast<std::size_t>(known - gazetteer_.entities().data()) : internal::kNoEntity});
    }
}

// What the sure names of an article say, kept up to date as tentative names are confirmed.
struct SureContext {
    std::unordered_set<std::string> names;      // canonical names of sure mentions
    std::unordered_set<std::string> ancestors;  // and their companies' and orgs' parents of any year
    std::vector<std::vector<int>> kind_at;      // per part, per word: the sure mention's kind, or -1
};

bool EntityExtractor::confirmed(const ExtractionState& state, const Candidate& f, const SureContext& sure) const {
    const Entity& e = gazetteer_.entities()[f.entity];
    const auto& words = state.words[f.part];
    // The same entity named surely elsewhere. For companies and orgs its family counts too
    // ("AWS" confirms "Amazon", and "Twitch" does whatever the year of its takeover: a family
    // tells the context, the roll-up is another matter); for places it does not: a mention of the United States says
    // nothing about "Mobile phones".
    if (sure.names.contains(e.canonical)) return true;
    bool yes = false;
    if (e.kind != EntityKind::Place) {
        yes = sure.ancestors.contains(e.canonical);
        for (const auto& up : gazetteer_.relatives(e.canonical)) yes = yes || sure.names.contains(up);
    }
    const std::size_t lo = f.first > 6 ? f.first - 6 : 0;
    for (std::size_t k = lo; k < std::min(words.size(), f.last + 7); ++k) {
        if (k >= f.first && k <= f.last) continue;
        if (kNotCompanyCues.contains(words[k].token->term)) return false;
        if (e.kind != EntityKind::Place && kCompanyCues.contains(words[k].token->term)) yes = true;
    }
    if (e.kind == EntityKind::Place) {
        if (f.first > 0 && kPlacePrepositions.contains(words[f.first - 1].token->term)) yes = true;
        // Dateline: "WASHINGTON, March 3 - ..." at the start of the text.
        if (f.mention.begin < 3 && internal::all_caps(words[f.first].surface)) yes = true;
    } else {
        const std::size_t from = f.first > 3 ? f.first - 3 : 0;
        for (std::size_t k = from; k < std::min(words.size(), f.last + 4); ++k)
            if ((k < f.first || k > f.last) && sure.kind_at[f.part][k] == static_cast<int>(e.kind))
                yes = true;  // "Microsoft, Google and Zoom"
    }
    return yes;
}

void EntityExtractor::resolve_ambiguous(ExtractionState& state) const {
    SureContext sure;
    for (const auto& words : state.words) sure.kind_at.emplace_back(words.size(), -1);
    auto note = [&](const Candidate& c) {
        sure.names.insert(c.mention.canonical);
        if (c.mention.kind != EntityKind::Place)
            for (auto& up : gazetteer_.relatives(c.mention.canonical)) sure.ancestors.insert(std::move(up));
        for (std::size_t k = c.first; k <= c.last; ++k) sure.kind_at[c.part][k] = static_cast<int>(c.mention.kind);
    };
    for (const auto& c : state.candidates)
        if (!c.tentative) note(c);
    // In order: a name confirmed earlier is context for the later ones. Then drop the rest.
    for (auto& c : state.candidates)
        if (c.tentative && confirmed(state, c, sure)) {
            c.tentative = false;
            note(c);
        }
    std::erase_if(state.candidates, [&](const Candidate& f) {
        if (!f.tentative) return false;
        for (std::size_t k = f.first; k <= f.last; ++k) state.taken[f.part][k] = false;
        return true;
    });
}

// A name several places bear means the most senior of them (the country Georgia) unless the
// article names, by a name of its own, another of them ("Ga."), a place inside it (Atlanta), a
// region it lies in other than a country ("Lebanon, Pennsylvania"), or for a state or city a
// sibling of the same kind ("Alabama, Georgia and Florida"; an ambiguous sibling such as
// Washington says nothing). A country around it is no context: "US" says nothing about which
// Georgia. With context for several, the most senior of those.
void EntityExtractor::resolve_shared_places(ExtractionState& state) const {
    const auto& entities = gazetteer_.entities();
    std::unordered_set<std::string> named;   // places named by a name of their own
    std::unordered_set<std::string> inside;  // every place they are inside
    std::set<std::pair<std::string, std::string>> kinds;  // (parent, type) of the unambiguous ones
    bool shared = false;
    for (const auto& c : state.candidates) {
        shared = shared || !c.alternatives.empty();
        if (c.mention.kind != EntityKind::Place || c.entity == internal::kNoEntity || !c.alternatives.empty())
            continue;
        const Entity& e = entities[c.entity];
        named.insert(e.canonical);
        for (auto& up : gazetteer_.ancestors(e.canonical)) inside.insert(std::move(up));
        if (!e.ambiguous) kinds.emplace(e.parent, e.place_type);
    }
    if (!shared) return;
    auto has_context = [&](std::size_t option) {
        const Entity& e = entities[option];
        if (named.contains(e.canonical) || inside.contains(e.canonical)) return true;
        if (e.place_type != "country" && kinds.contains({e.parent, e.place_type})) return true;
        for (const auto& up : gazetteer_.ancestors(e.canonical)) {
            const Entity* region = gazetteer_.find(up);
            if (region && region->place_type != "country" && named.contains(up)) return true;
        }
        return false;
    };
    // "Atlanta, Georgia": a place named just before, after a comma, in the same country.
    std::map<std::pair<std::size_t, std::size_t>, std::string> ends;  // (part, last word) -> place
    for (const auto& c : state.candidates)
        if (c.mention.kind == EntityKind::Place && c.entity != internal::kNoEntity && c.alternatives.empty())
            ends[{c.part, c.last}] = c.mention.canonical;
    auto after_place = [&](const internal::Candidate& c, std::size_t option) {
        const auto before = c.first > 0 ? ends.find({c.part, c.first - 1}) : ends.end();
        if (before == ends.end() || state.gap(c.part, c.first - 1, c.first) != ", ") return false;
        const auto up = gazetteer_.ancestors(before->second);
        return !entities[option].parent.empty() &&
               std::find(up.begin(), up.end(), entities[option].parent) != up.end();
    };
    for (auto& c : state.candidates) {
        if (c.alternatives.empty() || has_context(c.entity)) continue;
        auto option = std::find_if(c.alternatives.begin(), c.alternatives.end(), has_context);
        if (option == c.alternatives.end())
            option = std::find_if(c.alternatives.begin(), c.alternatives.end(),
                                  [&](std::size_t o) { return after_place(c, o); });
        if (option == c.alternatives.end()) continue;
        std::swap(*option, c.entity);
        c.mention.canonical = gazetteer_.name_at(entities[c.entity], state.year, c.mention.surface);
    }
}

namespace {

// The head words of a body's name: a school, a public body, a party, a church, a hospital. No
// firm words (legal suffixes: Bank, Corp; and "Laboratories", "Railway": Zenith Laboratories,
// Canadian Pacific Railway are firms) and none that end place names too often ("Union": the
// Soviet Union; "Square", "Bridge").
const std::unordered_set<std::string> kBodyHeads{
    "University", "College", "School", "Academy", "Institute", "Institution", "Society", "Association",
    "Federation", "Department", "Ministry", "Council", "Committee", "Commission", "Agency", "Authority",
    "Bureau", "Tribunal", "Parliament", "Party", "Church", "Hospital", "Museum", "Library", "Foundation",
    "Police", "Conservatory", "Orchestra", "Observatory", "Chamber"};
// The head words of a natural feature's or a region's name that come last: "Ford County",
// "Mississippi River", "North Sea", "Golan Heights", "Strait of Hormuz". Not "Park", "Forest",
// "Hills" or "Channel": clubs, films and broadcasters end in them too often ("Nottingham Forest").
const std::unordered_set<std::string> kPlaceHeads{
    "County", "Province", "Prefecture", "Oblast", "Parish", "Township", "Island", "Islands", "Isle", "Isles",
    "River", "Mountains", "Valley", "Bay", "Peninsula", "Desert", "Sea", "Ocean", "Strait", "Straits",
    "Canyon", "Gulf", "Canal", "Falls", "Glacier", "Plateau", "Basin", "Delta", "Heights", "Highlands"};
// The head words of a newspaper's name: "Toronto Star", "Sydney Morning Herald", "Daily Mirror".
// Words that are also common nouns, so a name needs a place, a nationality or an edition's word
// before the head (kEditionWords): "Times Square", "Rising Sun" and "Gold Standard" are none.
const std::unordered_set<std::string> kPressHeads{
    "Times",    "Post",     "Herald",   "Tribune", "Sentinel", "Gazette", "Chronicle", "Journal", "Courier",
    "Examiner", "Inquirer", "Observer", "Telegraph", "Star",   "Sun",     "Mirror",    "Express", "Standard",
    "Globe",    "Bulletin", "Dispatch", "Register", "Guardian", "Mail",   "Echo",      "Advertiser", "Weekly"};
const std::unordered_set<std::string> kEditionWords{"Daily", "Sunday", "Morning", "Evening", "Weekly"};

// The head words that come first: "Lake Victoria", "Mount Everest".
const std::unordered_set<std::string> kPlacePrefixHeads{"Lake", "Mount", "Mt"};
constexpr std::size_t kPlacePrefixWords = 2;  // "Mount Kilimanjaro", "Lake Lugano"
// Words of a body's name that say what kind of body, not which: a name needs another word.
const std::unordered_set<std::string> kBodyKindWords{
    "Medical", "High", "Middle", "Primary", "Public", "Foreign", "Home", "Health", "Education", "Justice",
    "Defence", "Defense", "Police", "Research", "Science", "Art", "Arts", "District", "City", "County",
    "Municipal", "Provincial", "Interior", "Finance", "Legislative", "Executive", "Supreme", "Constitutional"};
// Words that end a body's name without being its head: "Christian Democratic Union".
const std::unordered_set<std::string> kNameEnds{"Union", "Alliance", "Front", "Group", "Movement", "League"};
// Lower-case words between a body's head and the rest of its name: "University of Oxford",
// "Institute for Fiscal Studies". Not "and": "the Labour Party and Frederick Fung" are two.
const std::unordered_set<std::string> kBodyJoiners{"of", "for", "on", "de"};
constexpr std::size_t kBodyTailWords = 3;  // "of Petroleum Exporting Countries"

// A capitalised word that may be part of a body's name: free, or a listed place's word
// ("Oxford University", "Orlando Regional Medical Center").
bool body_word(const ExtractionState& state, std::size_t part, std::size_t k,
               const std::vector<std::size_t>& place_at) {
    const auto& w = state.words[part][k];
    if (!capitalised(w.surface) || kNotNameWords.contains(w.surface) || kRoleWords.contains(w.surface)) return false;
    return !state.taken[part][k] || place_at[k] != internal::kNoEntity;
}

}  // namespace

namespace {

// Words of one body's name are apart by a space, a line break (a wire story's lines) or a
// hyphen ("Multi-State Lottery Association").
bool body_gap(const ExtractionState& state, std::size_t part, std::size_t a) {
    const std::string_view gap = state.gap(part, a, a + 1);
    return gap == " " || gap == "\n" || gap == "-";
}

// The words [first, last] of the body's name whose head is word `i`, or {1, 0} when the head
// is inside a longer name or the name says only what kind of body it is.
std::pair<std::size_t, std::size_t> body_name_at(const ExtractionState& state, std::size_t p, std::size_t i,
                                                 const std::vector<std::size_t>& place_at,
                                                 const std::unordered_set<std::string>& heads) {
    const auto& words = state.words[p];
    if (i > 0 && state.gap(p, i - 1, i) == "-") return {1, 0};  // "the Six-Party talks": a modifier
    // A head followed by another capitalised word is inside a longer name: "Ames Department
    // Stores" is a firm; "Harvard University Hospital" is read at its own head. A body's head
    // may come before a role, an acronym or a thing ("Judiciary Committee Chairman", "Saudi
    // Press Agency SPA"); a place's may not ("Kent County Council" is a body, read at its head).
    const bool body = &heads == &kBodyHeads;
    if (i + 1 < words.size() && state.gap(p, i, i + 1) == " " && capitalised(words[i + 1].surface) &&
        !kNotNameWords.contains(words[i + 1].surface) &&
        (!body || (!internal::all_caps(words[i + 1].surface) && !kThingHeads.contains(words[i + 1].surface) &&
                   !kRoleWords.contains(words[i + 1].surface))))
        return {1, 0};
    auto free_word = [&](std::size_t k) { return !possessive(words[k]) && body_word(state, p, k, place_at); };
    std::size_t first = i, last = i;
    while (first > 0 && i - first < 6) {
        if (body_gap(state, p, first - 1) && free_word(first - 1)) {
            --first;
        } else if (first > 1 && first < i && (words[first - 1].surface == "and" || words[first - 1].surface == "&") &&
                   body_gap(state, p, first - 1) && body_gap(state, p, first - 2) && free_word(first - 2) &&
                   !heads.contains(words[first - 2].surface) && !kNameEnds.contains(words[first - 2].surface) &&
                   !legal_suffix(words[first - 2].surface)) {
            // "Ways and Means Committee", "Savings and Loan Association"; not "the Christian
            // Democratic Union and Free Democratic Party": two names.
            first -= 2;
        } else {
            break;
        }
    }
    // "of Oxford", "of Law Enforcement", "for Fiscal Studies", "of the Nazarene": a joiner,
    // then up to kBodyTailWords capitalised words.
    if (i + 1 < words.size() && body_gap(state, p, i) && !possessive(words[i]) &&
        kBodyJoiners.contains(words[i + 1].surface)) {
        std::size_t run = i + 2;
        if (run < words.size() && words[run].surface == "the" && body_gap(state, p, run - 1)) ++run;
        const std::size_t tail = run;
        while (run < words.size() && run - tail < kBodyTailWords && body_gap(state, p, run - 1) &&
               body_word(state, p, run, place_at) && !possessive(words[run - 1]) &&
               !internal::all_caps(words[run].surface))  // "Museum of Flight CEO"
            ++run;
        if (run > tail) last = run - 1;
        // "of Trade and Industry", "of Commerce and Industry", "for Science and Technology": one
        // more free word after "and", ending the name (not "of Finance and Japan's central bank",
        // a listed place; not "of Defence and Frederick Fung", a name of its own).
        const std::size_t more = last + 2;
        if (body && run > tail && more < words.size() && words[last + 1].surface == "and" && body_gap(state, p, last) &&
            body_gap(state, p, last + 1) && !possessive(words[last]) && !state.taken[p][more] &&
            body_word(state, p, more, place_at) && !internal::all_caps(words[more].surface) &&
            !possessive(words[more]) &&
            !(more + 1 < words.size() && body_gap(state, p, more) && capitalised(words[more + 1].surface)))
            last = more;
    }
    if (words[first].surface == "The" && first < last) ++first;
    for (std::size_t k = first; k <= last; ++k)
        if (capitalised(words[k].surface) && !heads.contains(words[k].surface) &&
            !kGenericNameWords.contains(words[k].surface) && !kBodyKindWords.contains(words[k].surface))
            return {first, last};
    return {1, 0};  // "the District Council", "the Medical Department": no name of one body
}

// The words [first, last] of a place named by a head that comes first ("Lake Victoria", "Mount
// Kenya"), or {1, 0}: one or two capitalised words after it, the last followed by no other
// ("Mount Sinai Hospital" is a body's name; "Lake Forest College" too).
std::pair<std::size_t, std::size_t> prefixed_place_at(const ExtractionState& state, std::size_t p, std::size_t i,
                                                      const std::vector<std::size_t>& place_at) {
    const auto& words = state.words[p];
    if (i > 0 && body_gap(state, p, i - 1) && capitalised(words[i - 1].surface) && !sentence_start(state, p, i - 1))
        return {1, 0};  // "Salt Lake City", "Lake" inside a longer name
    std::size_t last = i;
    while (last + 1 < words.size() && last - i < kPlacePrefixWords && state.gap(p, last, last + 1) == " " &&
           !possessive(words[last]) && body_word(state, p, last + 1, place_at) &&
           !internal::all_caps(words[last + 1].surface) && !kGenericNameWords.contains(words[last + 1].surface))
        ++last;
    if (last == i || possessive(words[i])) return {1, 0};
    if (last + 1 < words.size() && state.gap(p, last, last + 1) == " " && !possessive(words[last]) &&
        capitalised(words[last + 1].surface))
        return {1, 0};
    return {i, last};
}

}  // namespace

bool internal::is_name_particle(const std::string& word) { return kParticles.contains(word); }

void EntityExtractor::find_body_names(ExtractionState& state) const {
    // Bodies first: "Kent County Council" is a council before "Kent County" can be a place.
    add_headed_names(state, kBodyHeads);
    add_headed_names(state, kPressHeads);
    add_headed_names(state, kPlaceHeads);
}

void EntityExtractor::add_headed_names(ExtractionState& state, const std::unordered_set<std::string>& heads) const {
    const bool places = &heads == &kPlaceHeads;
    for (std::size_t p = 0; p < state.parts.size(); ++p) {
        const auto& words = state.words[p];
        // The place candidate holding each word, if one does.
        std::vector<std::size_t> place_at(words.size(), internal::kNoEntity);
        for (std::size_t c = 0; c < state.candidates.size(); ++c) {
            const auto& cand = state.candidates[c];
            if (cand.part == p && cand.mention.kind == EntityKind::Place)
                for (std::size_t k = cand.first; k <= cand.last; ++k) place_at[k] = c;
        }
        std::vector<bool> drop(state.candidates.size(), false);
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (state.taken[p][i]) continue;
            std::pair<std::size_t, std::size_t> span{1, 0};
            if (heads.contains(words[i].surface))
                span = body_name_at(state, p, i, place_at, heads);
            // "Gulf of Mexico"; not "Georgia Gulf", "Texas Gulf": firms' names end in it.
            if (places && words[i].surface == "Gulf" && span.first <= span.second && span.second == i) continue;
            else if (places && kPlacePrefixHeads.contains(words[i].surface))
                span = prefixed_place_at(state, p, i, place_at);
            const auto [first, last] = span;
            if (first > last || (&heads == &kPressHeads && !press_name(state, p, first, last, place_at))) continue;
            const std::string name = joined(words, first, last, state.parts[p].text);
            const Entity* known = gazetteer_.resolve(name);
            if (known && known->kind == EntityKind::Place) continue;  // "Soviet Union" is listed as a place
            for (std::size_t k = first; k <= last; ++k)
                if (place_at[k] != internal::kNoEntity && !drop[place_at[k]]) {
                    const auto& place = state.candidates[place_at[k]];
                    drop[place_at[k]] = true;
                    for (std::size_t w = place.first; w <= place.last; ++w) state.taken[p][w] = false;
                }
            const EntityKind kind = known ? known->kind : places ? EntityKind::Place : EntityKind::Org;
            state.add({state.mention(kind, known ? gazetteer_.name_at(*known, state.year, name) : name, p, first, last),
                       p, first, last, SpanSource::NameRule, 1.0, false,
                       known ? static_cast<std::size_t>(known - gazetteer_.entities().data()) : internal::kNoEntity});
            drop.push_back(false);
            i = last;
        }
        std::vector<Candidate> kept;
        for (std::size_t c = 0; c < state.candidates.size(); ++c)
            if (!drop[c]) kept.push_back(std::move(state.candidates[c]));
        state.candidates = std::move(kept);
    }
}

// Do the words [first, last] around a newspaper's head name one? Only with a place, a
// nationality or an edition's word beside the head ("Orlando Sentinel", "Irish Times", "Daily
// Mirror", "Times of India").
bool EntityExtractor::press_name(const ExtractionState& state, std::size_t p, std::size_t first, std::size_t last,
                                 const std::vector<std::size_t>& place_at) const {
    static const std::unordered_set<std::string> kFirmParts{"unit", "units", "subsidiary", "affiliate", "division"};
    const auto& words = state.words[p];
    // "its Canadian Courier unit": a firm's part; "China Entertainment and Lai Sun": two firms.
    if (last + 1 < words.size() && kFirmParts.contains(words[last + 1].token->term)) return false;
    auto place_word = [&](std::size_t k) {  // "Toronto": no place of its own inside the name
        const std::string& w = words[k].surface;
        return place_at[k] != internal::kNoEntity || gazetteer_.is_nationality(w) ||
               gazetteer_.resolve(w, EntityKind::Place);
    };
    std::size_t head = first;
    while (head <= last && !kPressHeads.contains(words[head].surface)) ++head;
    if (head > last) return false;
    // "Times of India", "Medical Journal of Australia"; not "Star of David".
    for (std::size_t k = head + 1; k <= last; ++k)
        if (place_word(k)) return true;
    if (head == first) return false;
    for (std::size_t k = first; k < head; ++k)
        if (words[k].surface == "and" || words[k].surface == "&") return false;
    // "St. Louis Post-Dispatch", "Seattle Post-Intelligencer": more of a name around it.
    if ((last + 1 < words.size() && state.gap(p, last, last + 1) == "-") ||
        (first > 0 && state.gap(p, first - 1, first) == ". " && is_initial(words[first - 1].surface)))
        return false;
    // The word before the head names a place or an edition: "Toronto Star", "Los Angeles
    // Times", "Irish Times", "Sydney Morning Herald"; not "Lai Sun Garment". Star and Sun,
    // which also end the names of ships and firms ("renamed the Canadian Star", "Bermuda Star
    // Line"), need a city's name or an edition's word.
    const std::string& before = words[head - 1].surface;
    if (kEditionWords.contains(before)) return true;
    if (words[head].surface == "Star" || words[head].surface == "Sun") {
        const Entity* place = gazetteer_.resolve(before, EntityKind::Place);
        if (place_at[head - 1] != internal::kNoEntity) {  // "Kansas City Star"
            const std::size_t e = state.candidates[place_at[head - 1]].entity;
            place = e == internal::kNoEntity ? nullptr : &gazetteer_.entities()[e];
        }
        return place && place->place_type == "city";
    }
    return place_word(head - 1);
}

namespace {

// The candidate of a city or state whose last word is right before word `k` of part `p`, in
// running text and capitalised, or kNoEntity. Not a country's: "in Britain Dixons Group Plc"
// is a country and a firm, where "El Paso Electric Co" is one firm.
std::size_t place_ending_at(const ExtractionState& state, const Gazetteer& g, std::size_t p, std::size_t k) {
    if (k == 0 || !running_gap(state.gap(p, k - 1, k))) return internal::kNoEntity;
    for (std::size_t c = 0; c < state.candidates.size(); ++c) {
        const auto& cand = state.candidates[c];
        if (cand.part != p || cand.last + 1 != k || cand.mention.kind != EntityKind::Place ||
            cand.entity == internal::kNoEntity || !capitalised(state.words[p][cand.first].surface) ||
            internal::all_caps(state.words[p][cand.last].surface) || possessive(state.words[p][cand.last]))
            continue;
        const std::string& type = g.entities()[cand.entity].place_type;
        return type == "city" || type == "state" ? c : internal::kNoEntity;
    }
    return internal::kNoEntity;
}

}  // namespace

void EntityExtractor::find_suffixed_orgs(ExtractionState& state) const {
    for (std::size_t p = 0; p < state.parts.size(); ++p) {
        const auto& words = state.words[p];
        for (std::size_t i = 1; i < words.size(); ++i) {
            if (state.taken[p][i] || !legal_suffix(words[i].surface)) continue;
            // "Co-operative", "Co-op": joined by a hyphen to a word in lower case, no legal form
            // ("DG Bank-GZB", "Manufacturers Bank-Wilmington" are firms' names with a branch).
            if (i + 1 < words.size() && state.gap(p, i, i + 1) == "-" && !capitalised(words[i + 1].surface)) continue;
            std::size_t first = i;
            // A comma may stand before a legal form ("Acme Widgets, Inc.", "Crown Pacific Partners, L.P.").
            const bool comma_form = suffix_in(kDroppedSuffixes, words[i].surface);
            auto name_word = [&](std::size_t k) {  // word k may precede word k + 1 in the name
                const std::string_view gap = state.gap(p, k, k + 1);
                return !state.taken[p][k] && capitalised(words[k].surface) &&
                       !kNotNameWords.contains(as_listed(words[k].surface)) &&  // "IMPORTS OF S.A. URANIUM"
                       !kRoleWords.contains(words[k].surface) && !possessive(words[k]) &&
                       (internal::joinable_gap(gap) || (comma_form && k + 1 == i && gap == ", "));
            };
            // May the name run on over a conjunction, word k - 1, to word k - 2? Over "and" between
            // two trades ("Kelley Oil and Gas Partners Ltd"), and over a foreign "and", which in
            // English text stands only inside a name ("Haighton en Ruth B.V.", "Moet et Chandon SA"),
            // and over "of" after "Bank" ("Bank\nof Communications Ltd", a line apart).
            auto joined_over = [&](std::size_t k) {
                auto spaced = [&](std::size_t a) {
                    const std::string_view gap = state.gap(p, a, a + 1);
                    return gap == " " || gap == "\n";
                };
                if (k < 2 || !spaced(k - 2) || !spaced(k - 1)) return false;
                const std::string& conjunction = words[k - 1].surface;
                if (conjunction == "of") return words[k - 2].surface == "Bank" && !state.taken[p][k - 2];
                return name_word(k - 2) &&
                       (kForeignAnd.contains(conjunction) || (conjunction == "and" && trade_word(words[k - 2])));
            };
            std::size_t place = internal::kNoEntity;  // a listed place that begins the name
            for (;;) {
                if (first > 0 && i - first < 5 && name_word(first - 1)) {
                    --first;  // "Today's Central Bank", "Deputy Central Bank Governor": not in the name
                } else if (const std::size_t c = place_ending_at(state, gazetteer_, p, first);
                           place == internal::kNoEntity && c != internal::kNoEntity && first < i && i - first < 4) {
                    place = c;  // "Santa Fe Southern Pacific Corp": the place is the firm's, not the article's
                    first = state.candidates[c].first;
                } else if (i - first < 5 && first < i && joined_over(first)) {
                    first -= 2;  // "Kelley Oil and Gas Partners Ltd", "Haighton en Ruth B.V."
                } else {
                    break;
                }
            }
            if (first == i) continue;
            // A name cut where it meets another ("United Bank Shares, Inc." after the listed
            // bank, "Unilever Plc N.V.", "Hulleras del Norte S.A."): no firm of its own.
            if (first > 0 && running_gap(state.gap(p, first - 1, first)) && !possessive(words[first - 1]) &&
                ((state.taken[p][first - 1] && capitalised(words[first - 1].surface)) ||
                 (first > 1 && kParticles.contains(words[first - 1].surface) && capitalised(words[first - 2].surface))))
                continue;
            const std::size_t name_end = suffix_in(kDroppedSuffixes, words[i].surface) ? i - 1 : i;
            const std::string name = joined(words, first, name_end, state.parts[p].text);
            const Entity* known = gazetteer_.resolve(name);
            // "Merrill Lynch Canada Inc": a listed place before a legal suffix is the rest of a
            // firm's name, neither a place nor a firm of its own.
            if (known && known->kind == EntityKind::Place) continue;
            bool generic = true, central = false;
            for (std::size_t k = first; k < i; ++k) {
                generic = generic && kGenericNameWords.contains(as_listed(words[k].surface));  // "BP CAPITAL BV"
                central = central || words[k].surface == "Central" || words[k].surface == "Reserve";
            }
            if (!known && generic) continue;
            // A central bank is a public body, never a company: "Bank Indonesia Central Bank".
            const EntityKind kind = known ? known->kind
                                    : central && words[i].surface == "Bank" ? EntityKind::Org
                                                                            : EntityKind::Company;
            if (place != internal::kNoEntity) state.candidates.erase(state.candidates.begin() + static_cast<long>(place));
            EntityMention m = state.mention(kind, known ? gazetteer_.name_at(*known, state.year, name) : name, p, first, i);
            if (kAbbreviatedForms.contains(words[i].surface) || words[i].surface.find('.') != std::string::npos)
                take_final_period(m, state.parts[p].text);  // "Acme Widgets Inc.", "Crown Pacific Partners, L.P."
            state.add({std::move(m), p, first, i, SpanSource::LegalSuffix});
        }
    }
}

void EntityExtractor::find_company_context(ExtractionState& state) const {
    for (std::size_t p = 0; p < state.parts.size(); ++p) {
        const auto& words = state.words[p];
        for (std::size_t i = 0; i < words.size(); ++i) {
            const std::string& w = words[i].surface;
            if (state.taken[p][i] || !capitalised(w) || kNotNameWords.contains(w) || gazetteer_.is_first_name(w) ||
                title_words_.contains(words[i].token->term))
                continue;
            // The capitalised run from here, up to three words, each free and joined by a space.
            std::size_t last = i;
            while (last + 1 < words.size() && last - i < 2 && !state.taken[p][last + 1] &&
                   capitalised(words[last + 1].surface) && !kNotNameWords.contains(words[last + 1].surface) &&
                   (state.gap(p, last, last + 1) == " " || state.gap(p, last, last + 1) == "\n") &&
                   words[last].surface.size() == words[last].token->end - words[last].token->begin)
                ++last;
            if (!company_context(state, p, i, last)) {
                i = last;
                continue;
            }
            const std::string name = joined(words, i, last, state.parts[p].text);
            if (gazetteer_.resolve(name, EntityKind::Place)) continue;  // "Russia's board of ..."
            state.add({state.mention(EntityKind::Company, name, p, i, last), p, i, last, SpanSource::NameRule});
            i = last;
        }
    }
}

// "Beryl Sprinkel, chairman of the council", "Kiichi Miyazawa, Japan's Finance Minister", "Willy
// de Clercq, External Relations Commissioner": after a comma, a role (after a country's
// possessive or a nationality, or ending a run of up to three capitalised words).
bool EntityExtractor::role_follows(const ExtractionState& state, std::size_t p, std::size_t last) const {
    const auto& words = state.words[p];
    std::size_t k = last + 1;
    if (k >= words.size() || state.gap(p, last, k) != ", ") return false;
    if (k + 1 < words.size() && state.gap(p, k, k + 1) == " " &&
        (possessive(words[k]) || gazetteer_.is_nationality(words[k].surface)))
        ++k;
    if (title_words_.contains(lower_ascii(words[k].surface))) return true;
    for (std::size_t n = 1; n <= 2 && k + n < words.size(); ++n) {
        if (state.gap(p, k + n - 1, k + n) != " " || !capitalised(words[k + n - 1].surface)) return false;
        if (title_words_.contains(lower_ascii(words[k + n].surface))) return true;
    }
    return false;
}

bool EntityExtractor::title_before(const ExtractionState& state, std::size_t part, std::size_t i) const {
    const auto& words = state.words[part];
    // The title stands right before the name in the same sentence: "Mr Blair", "Mr. Blair",
    // never "... the minister. No one".
    if (i == 0) return false;
    const std::string_view gap = state.gap(part, i - 1, i);
    if (possessive(words[i - 1])) return false;  // "Justice's Antitrust Division"
    if (!(running_gap(gap) || (gap == ". " && capitalised(words[i - 1].surface) && words[i - 1].surface.size() <= 5)))
        return false;
    std::string phrase;
    for (std::size_t n = 1; n <= 3 && n <= i; ++n) {
        phrase = lower_ascii(words[i - n].surface) + (phrase.empty() ? "" : " " + phrase);
        if (title_words_.contains(phrase)) return true;
    }
    return false;
}

std::size_t EntityExtractor::name_run(const ExtractionState& state, std::size_t p, std::size_t i,
                                      bool tail_only) const {
    const auto& words = state.words[p];
    const auto& taken = state.taken[p];
    const bool caps = internal::all_caps(words[i].surface);
    auto name_word = [&](std::size_t k) {
        return !taken[k] && capitalised(words[k].surface) && !kNotNameWords.contains(words[k].surface) &&
               (caps || !internal::all_caps(words[k].surface));  // "Steven Spielberg AI"
    };
    // "Giscard d'Estaing": a particle elided onto the capitalised rest of the surname.
    auto elided = [&](std::size_t k) {
        const std::string& w = words[k].surface;
        return !taken[k] && w.size() > 2 && w.starts_with("d'") && capitalised(w.substr(2));
    };
    // A capital letter standing alone is a middle initial written without its period ("Paul A
    // Volcker", as wire copy writes it), when a name word follows: "A" is otherwise no name word.
    auto bare_initial = [&](std::size_t k) {
        const std::string& w = words[k].surface;
        return !taken[k] && w.size() == 1 && internal::is_upper(w[0]) && k + 1 < words.size() &&
               (state.gap(p, k, k + 1) == " " || state.gap(p, k, k + 1) == "\n") && words[k + 1].surface.size() > 1 &&
               name_word(k + 1);
    };
    // How many particles (one or two: "de", "van der") follow word `k` before a name word.
    auto particles_after = [&](std::size_t k) -> std::size_t {
        for (std::size_t n = 1; n <= 2 && k + n + 1 < words.size(); ++n) {
            if (!running_gap(state.gap(p, k + n - 1, k + n)) || !kParticles.contains(words[k + n].surface)) return 0;
            if (running_gap(state.gap(p, k + n, k + n + 1)) && name_word(k + n + 1)) return n;
        }
        return 0;
    };
    std::size_t last = i;
    // In capitals (a wire headline) nothing shows where a name ends: a given name and one word.
    while (last + 1 < words.size() && last - i < (caps ? 1u : 4u)) {
        // A possessive ends a name: "Margaret Thatcher's Conservative party".
        if (words[last].surface.size() < words[last].token->end - words[last].token->begin) break;
        const std::string_view gap = state.gap(p, last, last + 1);
        if (!caps && last > 0 && words[last].surface.size() == 1 && bare_initial(last) &&
            state.gap(p, last - 1, last) == " " && gazetteer_.is_first_name(words[last - 1].surface)) {
            ++last;  // the model's "Paul A" of "Paul A Volcker" runs on to the surname
        } else if (!caps && (gap == " " || gap == "\n") && bare_initial(last + 1) &&
                   gazetteer_.is_first_name(words[last].surface)) {
            last += 2;  // "Paul A Volcker", "Robert C Byrd": after a given name
        } else if (!tail_only && (gap == " " || gap == "\n" || gap == "-") && name_word(last + 1)) {
            ++last;
        } else if ((gap == ". " || gap == ".\n") && is_initial(words[last].surface) && name_word(last + 1)) {
            ++last;  // "Ivan F. Boesky", "Fernand St. Germain": an initial's period ends no name
        } else if (!caps && !tail_only && gap == " " && last + 2 < words.size() && !taken[last + 1] &&
                   words[last + 1].surface.size() == 1 && is_initial(words[last + 1].surface) &&
                   (state.gap(p, last + 1, last + 2) == ". " || state.gap(p, last + 1, last + 2) == ".\n") &&
                   name_word(last + 2)) {
            last += 2;  // "Laurence A. Tisch": a middle initial after a given name no list holds
        } else if (gap == " " && elided(last + 1)) {
            ++last;
        } else if (const std::size_t n = particles_after(last); n > 0) {
            last += n + 1;  // "Dominique de Villepin", "Osama bin Laden", "Cor van der Klugt"
        } else {
            break;
        }
    }
    return last;
}

void EntityExtractor::find_people(ExtractionState& state) const {
    // The first two words (as terms) of the article's firms and bodies: "General Nutrition" after
    // "General Nutrition Inc" is that firm again, no person "Nutrition" after a general's title.
    std::set<std::pair<std::string_view, std::string_view>> firm_starts;
    for (const auto& c : state.candidates)
        if ((c.mention.kind == EntityKind::Company || c.mention.kind == EntityKind::Org) && c.last > c.first)
            firm_starts.emplace(state.words[c.part][c.first].token->term, state.words[c.part][c.first + 1].token->term);
    for (std::size_t p = 0; p < state.parts.size(); ++p) {
        const auto& words = state.words[p];
        for (std::size_t i = 0; i < words.size(); ++i) {
            const std::string& w = words[i].surface;
            if (state.taken[p][i] || !capitalised(w) || kNotNameWords.contains(w)) continue;
            if (title_words_.contains(lower_ascii(w)) && i + 1 < words.size()) continue;  // "Lord Falconer"
            if (gazetteer_.is_nationality(w)) continue;  // "Argentine officials", "Kenyan President Moi"
            const std::size_t last = name_run(state, p, i);
            const bool first_name = gazetteer_.is_first_name(w);
            const bool titled = title_before(state, p, i) &&
                                !firm_starts.contains({words[i - 1].token->term, words[i].token->term});
            // "General Partners", "General Motors": a firm's trade after a title is no surname.
            const bool lone_ok = titled && !first_name && w.size() >= 2 && !internal::all_caps(w) &&
                                 !firm_name_end(words[i]);
            // "the Harry Potter books", "a Tony Award": a determiner or a thing's head word.
            // ... or a firm's name ("stockbrokers James Capel and Co").
            // In capitals only a given name starts one ("FED CHAIRMAN VOLCKER SAYS BANK ...").
            const bool thing = kThingHeads.contains(words[last].surface) || firm_after(state, p, last) ||
                               (last > i && firm_name_end(words[last])) ||  // "Mitchell Energy"
                               (internal::all_caps(w) && !first_name) ||
                               (last + 1 < words.size() && state.gap(p, last, last + 1) == " " &&
                                kThingNouns.contains(words[last + 1].surface));
            const bool determined = i > 0 && state.gap(p, i - 1, i) == " " &&
                                    (words[i - 1].token->term == "the" || words[i - 1].token->term == "a");
            // "Beryl Sprinkel, chairman": a name a role follows (not the end of a title's phrase:
            // "Chancellor of the Exchequer Nigel Lawson, ...", "Secretary of State George Shultz, ...").
            bool given_later = false;
            for (std::size_t k = i + 1; k <= last; ++k)
                given_later = given_later || gazetteer_.is_first_name(words[k].surface);
            const bool after_of = i > 0 && !first_name && given_later && running_gap(state.gap(p, i - 1, i)) &&
                                  (words[i - 1].token->term == "of" || words[i - 1].token->term == "the");
            const bool role_after = last > i && last - i <= 2 && !after_of &&
                                    !kFirmWords.contains(words[last].token->term) && role_follows(state, p, last);
            if (thing || determined || !((first_name && last > i) || (titled && last > i) || lone_ok || role_after)) {
                // "Exchequer Nigel Lawson": a first name later in the run may still start a name.
                std::size_t next = last;
                for (std::size_t k = i + 1; k < last && next == last; ++k)
                    if (gazetteer_.is_first_name(words[k].surface)) next = k - 1;
                i = thing ? last : next;
                continue;
            }
            const std::string name = joined(words, i, last, state.parts[p].text);
            state.add({state.mention(EntityKind::Person, name, p, i, last), p, i, last, SpanSource::NameRule});
            if (last > i) state.surnames.emplace_back(surname_of(name), name);
            i = last;
        }
    }
}

void EntityExtractor::refer_surnames(ExtractionState& state) const {
    // Surname -> the full name, or "" when the article names two people with that surname.
    // Names that differ only in initials are one person ("Paul A Volcker", "Paul Volcker"),
    // named by the shorter form.
    std::unordered_map<std::string, std::string> full_name;
    // The full names every pass found (the tagger's too, not only the name rules') name people
    // whose lone surnames refer back to them: "Joe Jamail ... Jamail said".
    for (const auto& c : state.candidates)
        if (c.mention.kind == EntityKind::Person && c.mention.canonical.find(' ') != std::string::npos)
            state.surnames.emplace_back(surname_of(c.mention.canonical), c.mention.canonical);
    for (const auto& [surname, name] : state.surnames) {
        const auto [it, added] = full_name.emplace(surname, name);
        if (added || it->second == name || it->second.empty()) continue;
        if (without_initials(it->second) != without_initials(name)) it->second.clear();
        else if (name.size() < it->second.size()) it->second = name;
    }
    // Every full name of the article by its form without initials, named by its shortest form.
    std::unordered_map<std::string, std::string> shortest;
    for (const auto& c : state.candidates)
        if (c.mention.kind == EntityKind::Person && c.mention.canonical.find(' ') != std::string::npos) {
            const auto [it, added] = shortest.emplace(without_initials(c.mention.canonical), c.mention.canonical);
            if (!added && c.mention.canonical.size() < it->second.size()) it->second = c.mention.canonical;
        }
    for (auto& c : state.candidates)
        if (c.mention.kind == EntityKind::Person && c.mention.canonical.find(' ') != std::string::npos)
            c.mention.canonical = shortest[without_initials(c.mention.canonical)];
    for (auto& [surname, name] : full_name) {
        const auto it = name.empty() ? shortest.end() : shortest.find(without_initials(name));
        if (it != shortest.end()) name = it->second;
    }
    for (std::size_t p = 0; p < state.parts.size(); ++p) {
        const auto& words = state.words[p];
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (state.taken[p][i]) continue;
            const auto it = full_name.find(words[i].surface);
            if (it == full_name.end() || it->second.empty()) continue;
            // "English law" in a story about Bill English: a nationality needs a title.
            if (gazetteer_.is_nationality(words[i].surface) && !title_before(state, p, i)) continue;
            state.add({state.mention(EntityKind::Person, it->second, p, i, i), p, i, i, SpanSource::SurnameReference});
        }
    }
    // "Mr Blair" before "Tony Blair" in the same article: one person, named in full, when
    // the article names exactly one full name with that surname.
    // With two full names of that surname ("Tony Blair", "Cherie Blair") a lone "Blair" is one
    // of them, which one the rules cannot tell: it names no one of its own, so it goes. (An
    // article with a lone surname thus never names a full name with that surname, which the
    // searcher's archive-wide attachment relies on: searcher/surnames.h.)
    std::erase_if(state.candidates, [&](Candidate& c) {
        if (c.mention.kind != EntityKind::Person || c.mention.canonical.find(' ') != std::string::npos) return false;
        const auto it = full_name.find(c.mention.canonical);
        if (it == full_name.end()) return false;
        if (it->second.empty()) return true;
        c.mention.canonical = it->second;
        return false;
    });
}

void EntityExtractor::drop_firm_short_names(ExtractionState& state) const {
    // Folded first words of firm names: of multi-word company and org mentions, and of a
    // capitalised word right before a word that designates a firm ("Kelley Oil", "KELLEY OIL").
    std::unordered_set<std::string> firm_heads;
    for (const auto& c : state.candidates)
        if ((c.mention.kind == EntityKind::Company || c.mention.kind == EntityKind::Org) && c.last > c.first)
            firm_heads.insert(state.words[c.part][c.first].token->term);
    for (std::size_t p = 0; p < state.parts.size(); ++p) {
        const auto& words = state.words[p];
        for (std::size_t i = 0; i + 1 < words.size(); ++i)
            if (capitalised(words[i].surface) && !possessive(words[i]) && state.gap(p, i, i + 1) == " " &&
                capitalised(words[i + 1].surface) && kFirmWords.contains(words[i + 1].token->term))
                firm_heads.insert(words[i].token->term);
    }
    std::erase_if(state.candidates, [&](const Candidate& c) {
        return c.mention.kind == EntityKind::Person && c.first == c.last &&
               c.mention.canonical.find(' ') == std::string::npos &&
               firm_heads.contains(state.words[c.part][c.first].token->term) &&
               !title_before(state, c.part, c.first) &&  // "said Mr Kelley" is a person
               !person_after(state, c.part, c.first);    // "Kelley, who founded it", "Kelley said he"
    });
}

std::string surname_of(const std::string& name) {
    std::size_t at = name.rfind(' ');
    while (at != std::string::npos && at > 0) {
        const std::size_t before = name.rfind(' ', at - 1);
        const std::size_t from = before == std::string::npos ? 0 : before + 1;
        if (!kParticles.contains(name.substr(from, at - from))) break;
        at = before;
    }
    return at == std::string::npos ? name : name.substr(at + 1);
}

std::vector<std::string> distinct(const std::vector<EntityMention>& mentions, EntityKind kind,
                                  const Gazetteer* with_ancestors, int year) {
    std::set<std::string> values;
    for (const auto& m : mentions) {
        if (m.kind != kind) continue;
        values.insert(m.canonical);
        if (!with_ancestors) continue;
        // Parents of the same kind only: Sky News (an org) does not put its owner in the org
        // facet, and a broadcaster never becomes a company. A parent is shown by its name of
        // that year (Instagram -> Facebook in 2015, Meta since 2022).
        for (const auto& up : with_ancestors->ancestors(m.canonical, year)) {
            const Entity* e = with_ancestors->find(up);
            if (!e || e->kind != kind) break;
            values.insert(with_ancestors->name_at(*e, year, {}));
        }
    }
    return {values.begin(), values.end()};
}

}  // namespace news::schema
