// Pseudo-relevance feedback (RM3): the words that characterise the best articles of a first
// ranked pass join the query with small weights, and a second pass ranks. Serves the arrow
// QueryBuilder -> Xapian::Query -> search(): it turns one query into a longer one.
#pragma once

#include "schema/analyzer.h"
#include "schema/document_data.h"

#include <xapian.h>

#include <cstddef>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace news::searcher {

/// DocWeights: how the feedback articles' word distributions are weighted in P(w | R).
/// FeedbackSettings: how much feedback; the defaults are the setting chosen by cross-validation
/// on three test collections (docs/ranking.md), bounded by kMaxDocs and kMaxTerms, so the
/// second pass costs at most a query of kMaxTerms more words.
enum class DocWeights {
    Score,    // by each article's share of the first pass's scores (the default)
    Uniform,  // equally
    Exp,      // by exp(score - best score): RM1's P(d | q) when the score is a log-likelihood
};

struct FeedbackSettings {
    static constexpr std::size_t kMaxDocs = 50, kMaxTerms = 100;
    std::size_t docs = 5;    // articles of the first pass taken as relevant (at most, with `gap`)
    double gap = 0;          // > 0: only the articles scoring at least gap x the best's (2 at least)
    DocWeights doc_weights = DocWeights::Score;
    std::size_t terms = 30;  // words added, at most
    double weight = 2;       // the added words' total weight over the query's (RM3: 1 - lambda over lambda)
    double length_power = 1; // the added words weigh weight x (query words)^length_power in all: 1, as many
                             // times the query's own words; below 1, relatively less for a long query
    std::size_t depth = 100;   // the first pass's best articles that the added words re-rank
    std::size_t min_docs = 1;  // a word is added only if at least this many of those articles have it
    double max_share = 1;      // < 1: a word in more than this share of the archive's articles is not added
    double proximity = 0;      // > 0: each two consecutive query words within kProximityWindow words of
                               // each other weigh this much more (sequential dependence, unordered window)
    static constexpr Xapian::termcount kProximityWindow = 8;
    std::size_t coverage = 0;  // > 0: the articles are chosen among the first pass's best `coverage` by how many
                               // of the query's words they have, then by score (coordination level first);
    double coverage_power = 0; // > 0: by score x (share of the query's words they have)^power instead
    std::size_t rounds = 1;    // 2: the articles the expanded query ranks best give the words again
};

struct ExpansionTerm {
    std::string term;     // as indexed (a stem of the default field)
    double weight = 0;    // the factor its BM25 weight is scaled by
};

struct Expansion {
    Xapian::Query query;               // the query to rank with: the given one when nothing was added
    std::size_t docs = 0;              // articles the words were taken from
    std::vector<ExpansionTerm> terms;  // the words added, heaviest first
    std::vector<Xapian::docid> best;   // the first pass's best `depth` articles, ascending: the
                                       // only ones `query` is to rank (empty: none added)
};

/// Expands queries from their first pass's best articles. Those articles' terms and wdfs are
/// read from the index's termlists when it keeps them, else computed again from their stored
/// copies (a rebuilt index keeps no termlists: schema::text_wdfs), so Xapian's ESet is not
/// used; the term statistics are the same.
class QueryExpander {
  public:
    /// `stopwords`: folded words never added (their stems are looked up too).
    QueryExpander(schema::Analyzer& analyzer, const std::unordered_set<std::string>& stopwords);

    /// RM3 over the top `settings.docs` articles of `query` ranked by `weight` (fewer with `settings.gap`): each
    /// article's default-field words as a distribution (normalised wdfs over their sum), the articles weighted as
    /// `settings.doc_weights` says (by default by their share of the first pass's scores); the `settings.terms` most probable
    /// words (not stop words, not numbers, in at least `settings.min_docs` of the articles) are added, each scaled by
    /// `settings.weight` x (query words) x its probability among those added. The added words
    /// only re-rank the query's matches (AND_MAYBE): they bring no match of their own, and
    /// only the first pass's best max(`depth`, `page_end`) articles are to be ranked again,
    /// which bounds the second pass whatever the size of the archive.
    /// `typed`: the query's words as terms in the order typed, for `settings.proximity` (an
    /// OP_NEAR pair of each two consecutive ones, not stop words, among the added words).
    Expansion expand(const Xapian::Database& db, const schema::DocumentCodec& codec, const Xapian::Weight& weight,
                     const Xapian::Query& query, const FeedbackSettings& settings, std::size_t page_end,
                     const std::vector<std::string>& typed = {});

  private:
    bool candidate(const std::string& term) const;
    std::vector<std::pair<double, std::string>> feedback_words(
        const Xapian::Database& db, const schema::DocumentCodec& codec,
        const std::vector<std::pair<Xapian::MSetIterator, double>>& articles, const FeedbackSettings& settings,
        std::size_t wanted, bool& termlists, std::size_t& docs);
    std::vector<std::pair<std::string, Xapian::termcount>> article_wdfs(const Xapian::Database& db,
                                                                      const schema::DocumentCodec& codec,
                                                                      const Xapian::MSetIterator& hit, bool& termlists);

    schema::Analyzer& analyzer_;
    std::unordered_set<std::string> stop_terms_;  // the stopwords and their stems
};

}  // namespace news::searcher
