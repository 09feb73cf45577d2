// Queries made of words that are in most of the archive ("said reuter"), answered from dense
// per-article arrays instead of Xapian's posting-list merge.
//
// Why: such a query matches hundreds of thousands of articles, and the matcher visits each one
// to rank it (Xapian 1.4 has no block-max skipping), and the exact facet pass visits each one
// again (bench/RESULTS.md, Older runs, the dense path against the matcher). Reading a hot term's
// postlist once into an array of wdfs by docid turns the query into a few array scans: every
// article's score, computed with schema/ranking.h's functions as the matcher's RankingWeight
// computes it (kept as floats: half the memory to scan), the exact match count, and a handful
// of candidates certain to hold the top results. Xapian then ranks only those candidates
// (DocidSource), so hits, weights and percentages come from the usual MSet.
#pragma once

#include "searcher/shards.h"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace news::searcher {

struct DenseMatch {
    Xapian::doccount matches = 0;           // exact
    std::vector<Xapian::docid> candidates;  // ascending; hold every article of the top k
    const std::vector<float>* scores = nullptr;  // by docid, < 0 where the query does not match;
                                                 // valid until the matcher's next match()
};

class DenseMatcher {
  public:
    /// A term is hot when it is in at least `min_fraction` of the articles of a database of at
    /// least `min_docs`. Arrays are kept for at most `budget_bytes`, least recently used dropped.
    explicit DenseMatcher(double min_fraction = 0.125, Xapian::doccount min_docs = 50000,
                          std::size_t budget_bytes = std::size_t{256} << 20);

    /// The match of `query` when it is only hot terms under AND, OR and AND_NOT (what the query
    /// builder makes of plain words); nothing otherwise, and the caller asks Xapian.
    /// `k`: how many top results the candidates must cover (offset + limit).
    std::optional<DenseMatch> match(const Xapian::Database& db, const Xapian::Query& query, std::size_t k);

    /// Xapian's relevance percentage of weight `weight` for a match of `query` (the same query
    /// match() took) whose best article is `best` with weight `best_weight`: the share of the
    /// query's words the best article has, scaled so that its weight is that share of 100.
    /// (The MSet of a candidate-restricted query cannot say: it reports 100 for every hit.)
    int percent(const Xapian::Query& query, Xapian::docid best, double best_weight, double weight) const;

    /// Forgets every array: call when the database is reopened.
    void clear();

  private:
    struct Term {
        std::vector<std::uint16_t> wdf;  // by docid, 0 where absent
        Xapian::doccount termfreq = 0;
        Xapian::termcount max_wdf = 0;
        std::list<std::string>::iterator lru;
    };
    bool eligible(const Xapian::Database& db, const Xapian::Query& q) const;
    const Term* term(const Xapian::Database& db, const std::string& name);
    bool eval(const Xapian::Database& db, const Xapian::Query& q, std::vector<float>& out);
    /// (words of `q` that article `d` has, words of `q`), words under AND_NOT's right side not counted.
    std::pair<unsigned, unsigned> words_matched(const Xapian::Query& q, Xapian::docid d) const;
    std::vector<float>& scratch(std::size_t depth, std::size_t size);

    double min_fraction_;
    Xapian::doccount min_docs_;
    std::size_t budget_bytes_, used_bytes_ = 0;
    std::unordered_map<std::string, Term> terms_;
    std::list<std::string> lru_;               // most recently used first
    std::deque<std::vector<float>> buffers_;   // by tree depth (a deque: growing keeps references);
                                               // buffers_[0] holds the scores
    std::size_t depth_ = 0;
};

/// Xapian's relevance percentage of `weight` when the best match has `best_weight` and
/// `matched_share` of the query's weighted subqueries: rounded down, at least 1 for a match.
int relevance_percent(double weight, double best_weight, double matched_share);

/// True when every article `query` matches has every weighted word of it: terms and phrases
/// under AND, NEAR, FILTER and AND_NOT, filters anywhere. Xapian's percentages are then
/// weight / best weight (the best article matches all of the query's words).
bool every_match_has_every_word(const Xapian::Query& query);

/// A posting source over an ascending docid list, weighing nothing: OP_FILTER with it restricts
/// a query to those articles. The docids are the whole database's: over several shards, each
/// shard's clone keeps those of its shard, in its own docids (searcher/shards.h).
class DocidSource : public Xapian::PostingSource {
  public:
    /// `docids` must outlive the source and its clones; `shards`: of the database searched.
    explicit DocidSource(const std::vector<Xapian::docid>& docids, ShardMap shards = {})
        : docids_(docids), shards_(std::move(shards)) {}
    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(list_->size()); }
    Xapian::doccount get_termfreq_est() const override { return get_termfreq_min(); }
    Xapian::doccount get_termfreq_max() const override { return get_termfreq_min(); }
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool at_end() const override { return started_ && pos_ >= list_->size(); }
    Xapian::docid get_docid() const override { return (*list_)[pos_]; }
    DocidSource* clone() const override { return new DocidSource(docids_, shards_); }
    std::string get_description() const override { return "DocidSource(" + std::to_string(docids_.size()) + ")"; }

  private:
    const std::vector<Xapian::docid>& docids_;
    ShardMap shards_;
    std::vector<Xapian::docid> local_;                  // this shard's share, in its docids
    const std::vector<Xapian::docid>* list_ = &docids_;  // docids_, or local_ with several shards
    std::size_t pos_ = 0;
    bool started_ = false;
};

}  // namespace news::searcher
