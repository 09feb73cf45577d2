#include "searcher/query_builder.h"

#include "schema/document_layout.h"
#include "schema/errors.h"
#include "schema/fields.h"
#include "schema/money.h"
#include "searcher/query_parser.h"
#include "searcher/title_span.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>

namespace news::searcher {
namespace {

using schema::FieldId;
using schema::Kind;
using Type = QueryNode::Type;
using Role = QueryBuilder::Role;

// Mentioned years are terms, not a value slot, so a range over them becomes an OR of terms.
constexpr int kMaxYearSpan = 500;

// A query with this many words in capitals and no others but stop words shouts: as the
// analyzer's shouted run of capitals (schema/analyzer.cpp), three.
constexpr std::size_t kShoutedQuery = 3;

// The most words a prefix wildcard expands to.
constexpr Xapian::termcount kMaxWildcardTerms = 200;

const schema::Field& field_of(const QueryNode& node) {
    if (node.field.empty()) return schema::field(FieldId::Body);
    const schema::Field* f = schema::find_field(node.field);
    if (!f) throw QueryError("unknown field '" + node.field + "'; see newsdex-search --schema", node.column);
    return *f;
}

bool all_digits(std::string_view s, std::size_t n) {
    if (s.size() != n) return false;
    for (const char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

// "2020-12-01" or "20201201" -> "20201201"; the empty string stays empty (open range end).
// A date the calendar does not have (2005-13-45, 2021-02-29) is refused.
std::string date_key(const std::string& text, std::size_t column) {
    std::string key;
    for (const char c : text)
        if (c != '-') key += c;
    if (key.empty()) return key;
    if (!all_digits(key, 8)) throw QueryError("date '" + text + "' is not YYYY-MM-DD", column);
    const std::chrono::year_month_day day{std::chrono::year{std::stoi(key.substr(0, 4))},
                                          std::chrono::month{static_cast<unsigned>(std::stoi(key.substr(4, 2)))},
                                          std::chrono::day{static_cast<unsigned>(std::stoi(key.substr(6, 2)))}};
    if (day.year() < std::chrono::year{1} || !day.ok()) throw QueryError("date '" + text + "' is not a day of the calendar (YYYY-MM-DD, years 0001-9999)", column);
    return key;
}

std::string year_key(const std::string& text, std::size_t column) {
    if (!text.empty() && !all_digits(text, 4)) throw QueryError("year '" + text + "' is not YYYY", column);
    return text;
}

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(op, parts.begin(), parts.end());
}

// An amount of a money: query, as a key (schema/money.h); nullopt for an open range end.
std::optional<std::string> money_key(const std::string& text, std::size_t column) {
    if (text.empty()) return std::nullopt;
    auto key = schema::amount_key(text);
    if (!key)
        throw QueryError("money: '" + text + "' is not an amount; write digits with an optional exponent or scale, "
                         "as in money:1e9.., money:2500000, money:GBP:1.5m..2bn",
                         column);
    return key;
}

// money:CUR, money:[CUR:]AMOUNT, money:[CUR:]LOW..HIGH (either end may be open): the OR of the
// terms that cover it exactly, whatever other amounts the article mentions (schema/money.h).
Xapian::Query money_query(const QueryNode& node) {
    std::string currency, low = node.text;
    if (const auto colon = low.find(':'); colon != std::string::npos) {
        currency = low.substr(0, colon);
        low.erase(0, colon + 1);
    } else if (node.type != Type::Range && schema::currency_code(low)) {
        currency = std::move(low);
        low.clear();
    }
    if (!currency.empty() && !schema::currency_code(currency))
        throw QueryError("money: '" + currency + "' is not a currency code; write its three letters (USD, GBP, EUR, "
                         "JPY ...) as in money:GBP:1e6..1e8",
                         node.column);
    const std::string_view prefix = schema::field(FieldId::Money).prefix;
    std::optional<std::string> lo = money_key(low, node.column), hi = lo;
    if (node.type == Type::Range) {
        hi = money_key(node.high, node.column);
        if (!lo && !hi)
            throw QueryError("money: a range needs at least one end, as in money:1e9.. or money:..1e6", node.column);
        if (lo && hi && *lo > *hi)
            throw QueryError("money: range " + node.text + ".." + node.high + " is backwards", node.column);
    } else if (!lo && currency.empty()) {
        throw QueryError("money: needs an amount, a range or a currency, as in money:1e9.., money:GBP:1e6..1e8 or "
                         "money:EUR",
                         node.column);
    }
    std::vector<Xapian::Query> terms;
    for (const auto& t : schema::money_range_terms(prefix, currency, lo, hi)) terms.emplace_back(t);
    return combine(Xapian::Query::OP_OR, terms);
}

// `weighted` (the AND of the words' terms, which ranks as OP_PHRASE would) restricted to the
// articles where `phrases` stand (searcher/title_span.h).
Xapian::Query title_span(std::vector<Xapian::Query> weighted, std::vector<SpanPhrase> phrases, Xapian::termpos window) {
    std::vector<std::string> required;
    for (const auto& w : weighted)  // a word with two forms (an acronym, OP_OR) requires neither
        if (w.get_type() == Xapian::Query::LEAF_TERM) required.push_back(*w.get_terms_begin());
    auto* source = new TitleSpanSource(std::move(phrases), window, std::move(required));
    return Xapian::Query(Xapian::Query::OP_FILTER, combine(Xapian::Query::OP_AND, weighted),
                         Xapian::Query(source->release()));
}

// The default-field words and phrases of `node` (not those under NOT), space-separated: build()
// analyses them together to see whether the query shouts (an all-capitals headline pasted as a
// query, a question typed in capitals), so that its words in capitals are no acronyms.
void free_text_words(const QueryNode& node, std::string& out) {
    if (node.type == Type::Not) return;
    if ((node.type == Type::Word || node.type == Type::Phrase) && node.field.empty()) out += node.text + " ";
    for (const auto& child : node.children) free_text_words(child, out);
}

}  // namespace

// The query for one word as the index has it (schema::word_term). A word typed in capitals (an
// acronym, docs/analysis.md) finds the acronym, and also the ordinary word when that has four
// letters or more and stemming leaves it as it is ("NASA" finds "Nasa"; "AWS" never finds
// "awful", nor "US" "us"). Any other word finds its stem and the same word written in
// capitals ("nasa" finds "NASA"). Two forms are OP_SYNONYM (one word for ranking), or OP_OR
// inside a phrase, which takes no OP_SYNONYM.
Xapian::Query QueryBuilder::word_query(const schema::Field& field, schema::Token t, bool typed, bool in_phrase) const {
    const Xapian::termpos pos = typed ? t.position + 1 : 0;
    if (shouted_) t.acronym = false;
    const std::string own = schema::word_term(field, t);
    if (t.compound || t.stem.empty()) return Xapian::Query(own, 1, pos);
    schema::Token other = t;
    other.acronym = !t.acronym;
    const std::string alternative = schema::word_term(field, other);
    const bool both = t.acronym ? t.term.size() >= 4 && t.stem == t.term
                                : vocabulary_ && vocabulary_->term_exists(alternative);
    if (!both) return Xapian::Query(own, 1, pos);
    return Xapian::Query(in_phrase ? Xapian::Query::OP_OR : Xapian::Query::OP_SYNONYM, Xapian::Query(own, 1, pos),
                         Xapian::Query(alternative, 1, pos));
}

// The words of `tokens` as word_query()s, compounds left out since their parts follow them;
// `typed` words keep their position in the query.
std::vector<Xapian::Query> QueryBuilder::word_queries(const schema::Field& field, const std::vector<schema::Token>& tokens,
                                                      bool typed, bool in_phrase) const {
    std::vector<Xapian::Query> words;
    for (const auto& t : tokens)
        if (!t.compound) words.push_back(word_query(field, t, typed, in_phrase));
    return words;
}

// A phrase for title_span(): each word's default-field terms, the forms word_query() gives it,
// so that an acronym matches in a title phrase as in a phrase of the text.
SpanPhrase QueryBuilder::span_phrase(const std::vector<schema::Token>& tokens, bool typed, bool in_title) const {
    SpanPhrase phrase{{}, in_title};
    for (const auto& word : word_queries(schema::field(FieldId::Body), tokens, typed, true))
        phrase.words.emplace_back(word.get_unique_terms_begin(), word.get_unique_terms_end());
    return phrase;
}

// The words of `tokens` in `field` one after another: OP_PHRASE of their terms, or for the title,
// whose words have no positions of their own, a title span. One word is its term; none, nothing.
std::optional<Xapian::Query> QueryBuilder::phrase(const schema::Field& field, const std::vector<schema::Token>& tokens,
                                                  bool typed) const {
    if (tokens.size() > kMaxQueryTerms)
        throw QueryError("a phrase or word of " + std::to_string(tokens.size()) + " words; the limit is " +
                             std::to_string(kMaxQueryTerms),
                         0);
    std::vector<Xapian::Query> words = word_queries(field, tokens, typed, true);
    if (words.empty()) return std::nullopt;
    if (words.size() == 1) return words.front();
    if (field.id == FieldId::Title) return title_span(std::move(words), {span_phrase(tokens, typed, true)}, 0);
    return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), words.size());
}

Xapian::Query QueryBuilder::build(const QueryNode& root) {
    keep_stopwords_ = false;
    std::string words;
    free_text_words(root, words);
    shouted_ = false;
    // Shouted: a run of words in capitals the analyzer reads as shouting, or a query whose words
    // are in capitals (kShoutedRun or more) but for stop words ("HEAT and FLOW OF AIR").
    std::size_t capitals = 0;
    bool shouting_run = false, other_words = false;
    for (const auto& t : analyzer_.analyze(words)) {
        if (t.compound || t.stem.empty()) continue;
        const auto alone = analyzer_.analyze(words.substr(t.begin, t.end - t.begin));
        const bool in_capitals = alone.size() == 1 && alone.front().acronym;
        capitals += in_capitals;
        shouting_run = shouting_run || (in_capitals && !t.acronym);
        other_words = other_words || (!in_capitals && !(stopwords_ && stopwords_->contains(t.term)));
    }
    shouted_ = shouting_run || (capitals >= kShoutedQuery && !other_words);
    auto built = build_node(root);
    if (!built && any_word_ && stopwords_) {  // only stopwords: search for them after all
        keep_stopwords_ = true;
        built = build_node(root);
    }
    if (!built) throw QueryError("the query has no searchable words (only punctuation?)", 1);
    switch (built->role) {
        case Role::Weighted: return built->query;
        case Role::Filter: return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, built->query, 0.0);
        case Role::Negative: return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, built->query);
    }
    return built->query;
}

std::optional<QueryBuilder::Built> QueryBuilder::build_node(const QueryNode& node) {
    switch (node.type) {
        case Type::Word:
            return field_of(node).kind == Kind::Filter ? std::optional(build_filter(node)) : build_word(node);
        case Type::Phrase:
            return field_of(node).kind == Kind::Filter ? std::optional(build_filter(node)) : build_phrase(node);
        case Type::Range: return build_range(node);
        case Type::And: return build_and(node);
        case Type::Or: return build_or(node);
        case Type::Near: return build_near(node);
        case Type::Not: {
            const bool was_negated = negated_;
            negated_ = true;
            auto inner = build_node(node.children.front());
            negated_ = was_negated;
            if (!inner) return std::nullopt;
            if (inner->role == Role::Negative)  // NOT NOT x: x, as a filter
                return Built{inner->query, Role::Filter};
            return Built{inner->query, Role::Negative};
        }
    }
    return std::nullopt;
}

std::optional<QueryBuilder::Built> QueryBuilder::build_word(const QueryNode& node) {
    const schema::Field& field = field_of(node);
    if (node.text.size() > 1 && node.text.back() == '*') return Built{wildcard(node, field)};
    const auto tokens = analyzer_.analyze(node.text);
    if (tokens.empty()) return std::nullopt;
    // "self-serve", "$700", "amazon.com" typed as one word: the compound term, indexed whole.
    const auto& first = tokens.front();
    if (first.compound && tokens.back().end <= first.end)
        return Built{with_synonyms(Synonyms::key(node.text, analyzer_), field, word_query(field, first, true, false))};
    const std::vector<Xapian::Query> words = word_queries(field, tokens, true, true);
    if (words.size() == 1) {
        const auto& t = tokens.back();
        if (any_word_ && stopwords_ && !keep_stopwords_ && stopwords_->contains(t.term)) return std::nullopt;
        return Built{with_synonyms(t.term, field, word_query(field, t, t.stem.empty(), false))};
    }
    // Several words in one chunk ("AWS/Azure"): they must stand together.
    return Built{with_synonyms(Synonyms::key(node.text, analyzer_), field, *phrase(field, tokens, true))};
}

// "cloud*": the words starting so, as indexed. Stems and acronyms are matched by the typed prefix, and the
// words of the spelling dictionary starting so add the stems shorter than it ("organiz*":
// "organization" is indexed as "organ"); numbers and compounds are indexed as typed. Each
// part keeps the kMaxWildcardTerms most frequent, so "a*" stays bounded.
Xapian::Query QueryBuilder::wildcard(const QueryNode& node, const schema::Field& field) {
    const auto tokens = analyzer_.analyze(node.text.substr(0, node.text.size() - 1));
    if (tokens.size() != 1) throw QueryError("a wildcard needs one word before the '*'", node.column);
    const std::string& typed = tokens.front().term;
    const std::string prefix{field.prefix};
    std::vector<Xapian::Query> parts;
    // Over several shards Xapian 1.4 expands a wildcard in each shard apart, after the term
    // statistics were gathered, and so weighs it by that shard's terms alone: the expansion is
    // made here instead, over every shard, as one database's matcher would make it.
    const bool sharded = vocabulary_ && vocabulary_->size() > 1;
    for (const std::string& start : {prefix + typed, prefix + std::string(schema::kAcronymMark) + typed}) {
        if (!sharded) {
            parts.emplace_back(Xapian::Query::OP_WILDCARD, start, kMaxWildcardTerms,
                               Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
            continue;
        }
        std::vector<std::pair<Xapian::doccount, std::string>> terms;
        for (auto t = vocabulary_->allterms_begin(start); t != vocabulary_->allterms_end(start); ++t)
            terms.emplace_back(t.get_termfreq(), *t);
        std::sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        if (terms.size() > kMaxWildcardTerms) terms.resize(kMaxWildcardTerms);
        for (const auto& [freq, term] : terms) parts.emplace_back(term);
    }
    if (vocabulary_) {
        std::vector<std::pair<Xapian::doccount, std::string>> words;
        auto w = vocabulary_->spellings_begin();
        for (w.skip_to(typed); w != vocabulary_->spellings_end() && (*w).starts_with(typed); ++w)
            words.emplace_back(w.get_termfreq(), *w);
        std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        if (words.size() > kMaxWildcardTerms) words.resize(kMaxWildcardTerms);
        std::set<std::string> stems;
        for (const auto& [freq, word] : words)
            for (const auto& t : analyzer_.analyze(word))
                if (!t.stem.empty() && !t.stem.starts_with(typed)) stems.insert(schema::word_term(field, t));
        for (const auto& stem : stems) parts.emplace_back(stem);
    }
    return Xapian::Query(Xapian::Query::OP_SYNONYM, parts.begin(), parts.end());
}

std::optional<QueryBuilder::Built> QueryBuilder::build_phrase(const QueryNode& node) {
    const schema::Field& field = field_of(node);
    auto words = phrase(field, analyzer_.analyze(node.text), true);
    if (!words) return std::nullopt;
    return Built{with_synonyms(Synonyms::key(node.text, analyzer_), field, std::move(*words))};
}

// OR(typed, each other member of its synonym groups): a one-word member as its term, like a
// typed word; a longer one as a phrase of its words.
Xapian::Query QueryBuilder::with_synonyms(const std::string& key, const schema::Field& field, Xapian::Query typed) {
    const std::vector<std::string>* others = synonyms_ && !negated_ ? synonyms_->others(key) : nullptr;
    if (!others) return typed;
    std::vector<Xapian::Query> parts{std::move(typed)};
    for (const auto& member : *others) {
        const auto tokens = analyzer_.analyze(member);
        if (tokens.empty()) continue;
        const auto& first = tokens.front();
        if (first.compound && tokens.back().end <= first.end) {  // "e-commerce": the compound term
            parts.push_back(word_query(field, first, false, false));
            continue;
        }
        if (tokens.size() == 1 && !stem_is_only(tokens.front())) continue;  // "redundancies" would find "redundant"
        if (auto words = phrase(field, tokens, false)) parts.push_back(std::move(*words));
    }
    return combine(Xapian::Query::OP_OR, parts);
}

// Whether the archive's words with `t`'s stem are all `t` in the singular or plural: a synonym
// found through the stem then finds what it says. "redundancies" shares its stem "redund" with
// "redundant": no. Read from the spelling dictionary (the words starting with the stem but its
// last letter, as "economi" is "economy"); true without one.
bool QueryBuilder::stem_is_only(const schema::Token& t) {
    if (!vocabulary_ || t.stem.empty() || t.acronym || t.compound) return true;
    auto number_forms = [](std::string_view a, std::string_view b) {
        if (a.size() > b.size()) std::swap(a, b);
        const std::string s{a};
        return b == s || b == s + "s" || b == s + "es" || (s.ends_with('y') && b == s.substr(0, s.size() - 1) + "ies");
    };
    constexpr std::size_t kMostWords = 500;  // a bound for short stems
    const std::string start = t.stem.substr(0, std::max<std::size_t>(t.stem.size(), 2) - 1);
    auto w = vocabulary_->spellings_begin();
    w.skip_to(start);
    for (std::size_t seen = 0; w != vocabulary_->spellings_end() && seen < kMostWords && (*w).starts_with(start); ++w, ++seen) {
        const std::string word = *w;
        if (number_forms(word, t.term)) continue;
        const auto tokens = analyzer_.analyze(word);
        if (tokens.size() == 1 && tokens.front().stem == t.stem) return false;
    }
    return true;
}

// How many of the words children[i..] (two to four plain words of one free-text field) make a
// synonym group member ("job cuts"); 0 if none. Sets `key` to the member's words.
std::size_t QueryBuilder::synonym_run(const std::vector<QueryNode>& children, std::size_t i, std::string& key) {
    if (!synonyms_ || synonyms_->empty() || negated_) return 0;
    constexpr std::size_t kLongest = 4;
    std::size_t end = i;
    while (end < children.size() && end - i < kLongest) {
        const QueryNode& c = children[end];
        if (c.type != Type::Word || c.field != children[i].field || c.text.find('*') != std::string::npos ||
            field_of(c).kind != Kind::FreeText)
            break;
        ++end;
    }
    for (std::size_t n = end - i; n >= 2; --n) {
        std::string words;
        for (std::size_t j = i; j < i + n; ++j) words += (words.empty() ? "" : " ") + children[j].text;
        key = Synonyms::key(words, analyzer_);
        if (synonyms_->others(key)) return n;
    }
    return 0;
}

QueryBuilder::Built QueryBuilder::build_filter(const QueryNode& node) const {
    const schema::Field& f = field_of(node);
    if (f.id == FieldId::Money) return Built{money_query(node), Role::Filter};
    std::vector<std::string> values;
    if (resolver_) values = resolver_(std::string(f.name), node.text);
    if (values.empty()) values.push_back(node.text);
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) {
        switch (f.id) {
            case FieldId::Date: terms.emplace_back(schema::term(f, date_key(v, node.column))); break;
            case FieldId::Year:
            case FieldId::Mentions: terms.emplace_back(schema::term(f, year_key(v, node.column))); break;
            default: terms.emplace_back(schema::term(f, v));
        }
    }
    return Built{combine(Xapian::Query::OP_OR, terms), Role::Filter};
}

QueryBuilder::Built QueryBuilder::build_range(const QueryNode& node) const {
    const schema::Field& f = field_of(node);
    if (f.id == FieldId::Money) return Built{money_query(node), Role::Filter};
    if (f.id == FieldId::Year || f.id == FieldId::Date) {
        const bool year = f.id == FieldId::Year;
        std::string lo = year ? year_key(node.text, node.column) : date_key(node.text, node.column);
        std::string hi = year ? year_key(node.high, node.column) : date_key(node.high, node.column);
        if (lo.empty() && hi.empty()) throw QueryError(node.field + ": a range needs at least one end", node.column);
        if (lo.empty()) return Built{Xapian::Query(Xapian::Query::OP_VALUE_LE, f.slot, hi), Role::Filter};
        if (hi.empty()) return Built{Xapian::Query(Xapian::Query::OP_VALUE_GE, f.slot, lo), Role::Filter};
        if (lo > hi) throw QueryError(node.field + ": range " + node.text + ".." + node.high + " is backwards", node.column);
        return Built{Xapian::Query(Xapian::Query::OP_VALUE_RANGE, f.slot, lo, hi), Role::Filter};
    }
    if (f.id == FieldId::Mentions) {
        const int lo = std::stoi(year_key(node.text.empty() ? "1000" : node.text, node.column));
        const int hi = std::stoi(year_key(node.high.empty() ? "2999" : node.high, node.column));
        if (lo > hi || hi - lo > kMaxYearSpan)
            throw QueryError("mentions: give a range of at most " + std::to_string(kMaxYearSpan) + " years", node.column);
        std::vector<Xapian::Query> terms;
        for (int y = lo; y <= hi; ++y) terms.emplace_back(schema::term(f, std::to_string(y)));
        return Built{combine(Xapian::Query::OP_OR, terms), Role::Filter};
    }
    throw QueryError("field '" + node.field + "' does not take ranges (year, date, mentions and money do)", node.column);
}

std::optional<QueryBuilder::Built> QueryBuilder::build_and(const QueryNode& node) {
    std::vector<Xapian::Query> weighted, filters, negatives;
    for (std::size_t i = 0; i < node.children.size(); ++i) {
        const QueryNode& child = node.children[i];
        std::string key;
        if (const std::size_t n = synonym_run(node.children, i, key)) {  // "job cuts": also "layoffs"
            std::vector<Xapian::Query> typed;
            for (std::size_t j = i; j < i + n; ++j)
                if (auto built = build_node(node.children[j])) typed.push_back(std::move(built->query));
            if (!typed.empty())
                weighted.push_back(with_synonyms(key, field_of(child),
                                                 combine(any_word_ ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, typed)));
            i += n - 1;
            continue;
        }
        auto built = build_node(child);
        if (!built) continue;
        (built->role == Role::Weighted ? weighted : built->role == Role::Filter ? filters : negatives)
            .push_back(std::move(built->query));
    }
    if (weighted.empty() && filters.empty() && negatives.empty()) return std::nullopt;
    Built out;
    if (!weighted.empty()) {
        out.query = combine(any_word_ ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, weighted);
        if (!filters.empty())
            out.query = Xapian::Query(Xapian::Query::OP_FILTER, out.query, combine(Xapian::Query::OP_AND, filters));
    } else if (!filters.empty()) {
        out.query = combine(Xapian::Query::OP_AND, filters);
        out.role = Role::Filter;
    } else {
        return Built{combine(Xapian::Query::OP_OR, negatives), Role::Negative};
    }
    if (!negatives.empty())
        out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, out.query, combine(Xapian::Query::OP_OR, negatives));
    return out;
}

std::optional<QueryBuilder::Built> QueryBuilder::build_or(const QueryNode& node) {
    std::vector<Xapian::Query> parts;
    bool any_weighted = false;
    for (const auto& child : node.children) {
        auto built = build_node(child);
        if (!built) continue;
        if (built->role == Role::Negative)
            built->query = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, built->query);
        else if (built->role == Role::Filter)
            built->query = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, built->query, 0.0);
        else
            any_weighted = true;
        parts.push_back(std::move(built->query));
    }
    if (parts.empty()) return std::nullopt;
    return Built{combine(Xapian::Query::OP_OR, parts), any_weighted ? Role::Weighted : Role::Filter};
}

// Words and phrases NEAR each other; with a phrase or a title word among them, a span
// (searcher/title_span.h).
std::optional<QueryBuilder::Built> QueryBuilder::build_near(const QueryNode& node) {
    std::vector<Xapian::Query> parts, words;
    std::vector<SpanPhrase> phrases;
    bool title = false;
    for (const auto& child : node.children) {
        const schema::Field& field = field_of(child);
        if (field.kind != Kind::FreeText)
            throw QueryError("NEAR joins words and phrases of text fields; '" + child.field + ":' is a filter", child.column);
        if (child.text.find('*') != std::string::npos)
            throw QueryError("NEAR does not take wildcards ('" + child.text + "')", child.column);
        const auto tokens = analyzer_.analyze(child.text);
        const auto child_words = word_queries(field, tokens, false, true);
        if (child_words.empty()) continue;
        parts.push_back(*phrase(field, tokens, false));
        words.insert(words.end(), child_words.begin(), child_words.end());
        phrases.push_back(span_phrase(tokens, false, field.id == FieldId::Title));
        title = title || field.id == FieldId::Title;
    }
    if (parts.size() < 2) return parts.empty() ? std::nullopt : std::optional(Built{parts.front()});
    // Xapian's OP_NEAR takes single terms only: phrases near each other are a span too.
    const bool phrase_in = std::any_of(phrases.begin(), phrases.end(), [](const SpanPhrase& p) { return p.words.size() > 1; });
    if (title || phrase_in) return Built{title_span(std::move(words), std::move(phrases), kNearWindow)};
    return Built{Xapian::Query(Xapian::Query::OP_NEAR, parts.begin(), parts.end(), kNearWindow)};
}

}  // namespace news::searcher
