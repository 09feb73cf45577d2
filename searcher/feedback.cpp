#include "searcher/feedback.h"

#include "schema/document_layout.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>

namespace news::searcher {

QueryExpander::QueryExpander(schema::Analyzer& analyzer, const std::unordered_set<std::string>& stopwords)
    : analyzer_(analyzer), stop_terms_(stopwords) {
    for (const auto& word : stopwords)
        for (const auto& t : analyzer_.analyze(word))
            if (!t.stem.empty()) stop_terms_.insert(t.stem);
}

// A word of the default field worth adding: letters only (no numbers, compounds or prefixed
// terms of other fields), not a stop word.
bool QueryExpander::candidate(const std::string& term) const {
    return schema::spelling_word(term) && !stop_terms_.contains(term);
}

namespace {

// The feedback articles of a first pass and each one's weight in P(w | R), summing to 1: the
// best `settings.docs`, or with a gap rule those of them scoring at least gap x the best's (two
// at least); weighted by score share, equally, or by exp(score - best). Empty when nothing scored.
std::vector<std::pair<Xapian::MSetIterator, double>> feedback_articles(const Xapian::MSet& pass,
                                                                      const FeedbackSettings& settings) {
    std::vector<std::pair<Xapian::MSetIterator, double>> out;
    const std::size_t docs = std::min(settings.docs, FeedbackSettings::kMaxDocs);
    if (pass.empty() || pass.begin().get_weight() <= 0) return out;  // a filter-only query: nothing to learn from
    const double top = pass.begin().get_weight();
    for (auto it = pass.begin(); it != pass.end() && out.size() < docs; ++it) {
        if (settings.gap > 0 && out.size() >= 2 && it.get_weight() < settings.gap * top) break;
        const double score = it.get_weight();
        const double w = settings.doc_weights == DocWeights::Uniform ? 1.0
                         : settings.doc_weights == DocWeights::Exp   ? std::exp(score - top)
                                                                     : score;
        out.emplace_back(it, w);
    }
    double total = 0;
    for (const auto& [it, w] : out) total += w;
    if (total <= 0) return {};
    for (auto& [it, w] : out) w /= total;
    return out;
}

// Sequential dependence: each two consecutive typed query words that `keep` admits, near each
// other, weighing `scale`.
template <typename Keep>
void add_proximity_pairs(const std::vector<std::string>& typed, double scale, const Keep& keep,
                         std::vector<Xapian::Query>& added) {
    const std::string* previous = nullptr;
    for (const auto& term : typed) {
        if (!keep(term)) continue;
        if (previous && *previous != term) {
            const Xapian::Query pair[] = {Xapian::Query(*previous), Xapian::Query(term)};
            added.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                               Xapian::Query(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair),
                                             FeedbackSettings::kProximityWindow),
                               scale);
        }
        previous = &term;
    }
}

}  // namespace

// The article's default-field words and their wdfs as stored: read from its termlist when the
// index keeps termlists, else computed again from its stored text as the indexer computed them.
// Both give the same wdfs (schema::text_wdfs); the termlist spares reading and analysing the text.
std::vector<std::pair<std::string, Xapian::termcount>> QueryExpander::article_wdfs(const Xapian::Database& db,
                                                                                 const schema::DocumentCodec& codec,
                                                                                 const Xapian::MSetIterator& hit,
                                                                                 bool& termlists) {
    std::vector<std::pair<std::string, Xapian::termcount>> out;
    if (termlists) {
        try {
            for (auto t = db.termlist_begin(*hit); t != db.termlist_end(*hit); ++t) out.emplace_back(*t, t.get_wdf());
            return out;
        } catch (const Xapian::FeatureUnavailableError&) {  // built by a rebuild: no termlists (indexer/index_writer.h)
            termlists = false;
            out.clear();
        }
    }
    const schema::StoredArticle article = codec.load(hit.get_document());
    return schema::text_wdfs(analyzer_.analyze(article.title), analyzer_.analyze(article.body), article.title_derived);
}

Expansion QueryExpander::expand(const Xapian::Database& db, const schema::DocumentCodec& codec,
                                const Xapian::Weight& weight, const Xapian::Query& query,
                                const FeedbackSettings& settings, std::size_t page_end,
                                const std::vector<std::string>& typed) {
    Expansion out{query, 0, {}, {}};
    const std::size_t docs = std::min(settings.docs, FeedbackSettings::kMaxDocs);
    const std::size_t wanted = std::min(settings.terms, FeedbackSettings::kMaxTerms);
    if (docs == 0 || wanted == 0 || settings.weight <= 0) return out;
    Xapian::Enquire first(db);
    first.set_query(query);
    first.set_weighting_scheme(weight);
    const Xapian::MSet pass = first.get_mset(0, static_cast<Xapian::doccount>(std::max({docs, settings.depth, page_end})));
    const auto articles = feedback_articles(pass, settings);
    if (articles.empty()) return out;

    // P(w | R) = sum over the articles d of P(d | q) P(w | d), P(w | d) from the normalised wdfs
    // (BM25's length normalisation is already in them, schema/ranking.h).
    std::map<std::string, double> model;
    std::map<std::string, std::size_t> seen;  // in how many of the articles
    bool termlists = true;  // until the index says it keeps none
    for (const auto& [it, share] : articles) {
        std::vector<std::pair<std::string, double>> words;
        double length = 0;
        for (auto& [term, wdf] : article_wdfs(db, codec, it, termlists)) {
            if (!candidate(term)) continue;
            length += wdf;
            words.emplace_back(std::move(term), wdf);
        }
        if (length <= 0) continue;
        for (const auto& [term, wdf] : words) {
            model[term] += share * wdf / length;
            ++seen[term];
        }
        ++out.docs;
    }

    // The most probable words, by default whatever their frequency in the archive: the second
    // pass's BM25 gives a common word little weight (selecting by probability x idf measured no
    // better). With max_share < 1, past the words in more than that share of the archive's articles.
    std::vector<std::pair<double, std::string>> ranked;
    for (const auto& [term, p] : model)
        if (seen[term] >= settings.min_docs) ranked.emplace_back(p, term);
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    const double most_articles = settings.max_share * static_cast<double>(db.get_doccount());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < ranked.size() && kept < wanted; ++i) {
        if (settings.max_share < 1 && static_cast<double>(db.get_termfreq(ranked[i].second)) > most_articles) continue;
        if (i != kept) ranked[kept] = std::move(ranked[i]);
        ++kept;
    }
    ranked.resize(kept);
    double mass = 0;
    for (const auto& [p, term] : ranked) mass += p;
    if (ranked.empty() || mass <= 0) return out;

    // The query's own words weigh 1 each; the added words share settings.weight times as much.
    std::size_t query_words = 0;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
        if (candidate(*t)) ++query_words;
    const double budget = settings.weight * static_cast<double>(std::max<std::size_t>(query_words, 1));
    std::vector<Xapian::Query> added;
    for (const auto& [p, term] : ranked) {
        const double w = budget * p / mass;
        out.terms.push_back({term, w});
        added.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), w);
    }
    if (settings.proximity > 0)
        add_proximity_pairs(typed, settings.proximity, [this](const std::string& t) { return candidate(t); }, added);
    const Xapian::Query extra(Xapian::Query::OP_OR, added.begin(), added.end());
    // The added words re-rank the query's matches and bring none of their own: a reader who asks
    // for some words gets articles with them (widening measured no better on the first page,
    // docs/ranking.md, and costs a pass over most of the archive).
    out.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, extra);
    for (auto it = pass.begin(); it != pass.end(); ++it) out.best.push_back(*it);
    std::sort(out.best.begin(), out.best.end());
    return out;
}

}  // namespace news::searcher
