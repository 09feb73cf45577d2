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

// The first pass's articles in the order feedback takes them (indices into `pass`): by score, or
// with `settings.coverage` the best `coverage` by how many of the query's words (those `keep`
// admits) each has, then by score, or with `coverage_power` by score x (share of the words)^power.
// The words are looked up in their posting lists, so no termlist is needed.
template <typename Keep>
std::vector<Xapian::doccount> feedback_order(const Xapian::Database& db, const Xapian::Query& query,
                                             const Xapian::MSet& pass, const FeedbackSettings& settings,
                                             const Keep& keep) {
    std::vector<Xapian::doccount> order(pass.size());
    for (Xapian::doccount i = 0; i < order.size(); ++i) order[i] = i;
    const std::size_t pool = std::min<std::size_t>(settings.coverage, order.size());
    if (pool < 2) return order;
    std::vector<std::pair<Xapian::docid, Xapian::doccount>> by_id;  // ascending docids, for skip_to
    for (Xapian::doccount i = 0; i < pool; ++i) by_id.emplace_back(*pass[i], i);
    std::sort(by_id.begin(), by_id.end());
    std::vector<std::size_t> words(pool, 0);
    std::size_t query_words = 0;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        if (!keep(*t)) continue;
        ++query_words;
        auto p = db.postlist_begin(*t);
        for (const auto& [id, i] : by_id) {
            p.skip_to(id);
            if (p == db.postlist_end(*t)) break;
            if (*p == id) ++words[i];
        }
    }
    const auto first = order.begin(), last = order.begin() + static_cast<std::ptrdiff_t>(pool);
    if (settings.coverage_power <= 0) {
        std::stable_sort(first, last, [&words](Xapian::doccount a, Xapian::doccount b) { return words[a] > words[b]; });
        return order;
    }
    std::vector<double> key(pool);
    for (Xapian::doccount i = 0; i < pool; ++i)
        key[i] = pass[i].get_weight() *
                 std::pow(static_cast<double>(words[i]) / static_cast<double>(std::max<std::size_t>(query_words, 1)),
                          settings.coverage_power);
    std::stable_sort(first, last, [&key](Xapian::doccount a, Xapian::doccount b) { return key[a] > key[b]; });
    return order;
}

// The feedback articles of a pass, taken in `order`, and each one's weight in P(w | R), summing
// to 1: the first `settings.docs`, or with a gap rule those of them scoring at least gap x the
// best's (two at least); weighted by score share, equally, or by exp(score - best). Empty when
// nothing scored.
std::vector<std::pair<Xapian::MSetIterator, double>> feedback_articles(const Xapian::MSet& pass,
                                                                      const std::vector<Xapian::doccount>& order,
                                                                      const FeedbackSettings& settings) {
    std::vector<std::pair<Xapian::MSetIterator, double>> out;
    const std::size_t docs = std::min(settings.docs, FeedbackSettings::kMaxDocs);
    if (pass.empty() || pass.begin().get_weight() <= 0) return out;  // a filter-only query: nothing to learn from
    const double top = pass.begin().get_weight();
    for (std::size_t i = 0; i < order.size() && out.size() < docs; ++i) {
        const Xapian::MSetIterator it = pass[order[i]];
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

// Only the articles of a sorted list: the second round ranks the first pass's best only.
class AmongBest : public Xapian::MatchDecider {
  public:
    explicit AmongBest(const std::vector<Xapian::docid>& best) : best_(best) {}
    bool operator()(const Xapian::Document& doc) const override {
        return std::binary_search(best_.begin(), best_.end(), doc.get_docid());
    }

  private:
    const std::vector<Xapian::docid>& best_;
};

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

// The feedback words of the articles, most probable first, up to `wanted`; `docs` is set to the
// number of articles that gave words.
std::vector<std::pair<double, std::string>> QueryExpander::feedback_words(
    const Xapian::Database& db, const schema::DocumentCodec& codec,
    const std::vector<std::pair<Xapian::MSetIterator, double>>& articles, const FeedbackSettings& settings,
    std::size_t wanted, bool& termlists, std::size_t& docs) {
    // P(w | R) = sum over the articles d of P(d | q) P(w | d), P(w | d) from the normalised wdfs
    // (BM25's length normalisation is already in them, schema/ranking.h).
    std::map<std::string, double> model;
    std::map<std::string, std::size_t> seen;  // in how many of the articles
    docs = 0;
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
        ++docs;
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
        if (settings.max_share < 1 && static_cast<double>(db.get_termfreq(ranked[i].second)) > most_articles)
            continue;
        if (i != kept) ranked[kept] = std::move(ranked[i]);
        ++kept;
    }
    ranked.resize(kept);
    return ranked;
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
    const auto keep = [this](const std::string& t) { return candidate(t); };
    auto articles = feedback_articles(pass, feedback_order(db, query, pass, settings, keep), settings);
    if (articles.empty()) return out;
    for (auto it = pass.begin(); it != pass.end(); ++it) out.best.push_back(*it);
    std::sort(out.best.begin(), out.best.end());

    // The query's own words weigh 1 each; the added words share settings.weight times as much
    // (times query words ^ (length_power - 1)).
    std::size_t query_words = 0;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
        if (candidate(*t)) ++query_words;
    const double budget =
        settings.weight * std::pow(static_cast<double>(std::max<std::size_t>(query_words, 1)), settings.length_power);
    bool termlists = true;  // until the index says it keeps none
    const std::size_t rounds = std::clamp<std::size_t>(settings.rounds, 1, 2);
    for (std::size_t round = 1;; ++round) {
        auto ranked = feedback_words(db, codec, articles, settings, wanted, termlists, out.docs);
        double mass = 0;
        for (const auto& [p, term] : ranked) mass += p;
        if (ranked.empty() || mass <= 0) break;

        out.terms.clear();
        std::vector<Xapian::Query> added;
        for (const auto& [p, term] : ranked) {
            const double w = budget * p / mass;
            out.terms.push_back({term, w});
            added.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), w);
        }
        if (settings.proximity > 0) add_proximity_pairs(typed, settings.proximity, keep, added);
        const Xapian::Query extra(Xapian::Query::OP_OR, added.begin(), added.end());
        // The added words re-rank the query's matches and bring none of their own: a reader who asks
        // for some words gets articles with them (widening measured no better on the first page,
        // docs/ranking.md, and costs a pass over most of the archive).
        out.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, extra);
        if (round == rounds) break;

        // Another round: the first pass's best ranked by the expanded query give the articles.
        Xapian::Enquire again(db);
        again.set_query(out.query);
        again.set_weighting_scheme(weight);
        const AmongBest among{out.best};
        const Xapian::MSet next = again.get_mset(0, static_cast<Xapian::doccount>(docs), 0, nullptr, &among);
        std::vector<Xapian::doccount> order(next.size());
        for (Xapian::doccount i = 0; i < order.size(); ++i) order[i] = i;
        articles = feedback_articles(next, order, settings);
        if (articles.empty()) break;
    }
    if (out.terms.empty()) out.best.clear();
    return out;
}

}  // namespace news::searcher
