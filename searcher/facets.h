// Exact facet counts without reading a value per match: Enquire -> match set -> Facet.
//
// A FacetColumn is one facet field: its values are its filter terms (every article carries one
// term per value, roll-ups included, so a term's frequency is the value's count over the whole
// archive). A match set bigger than half the archive is counted through its complement:
// count(v) = termfreq(v) - count over the articles that do not match, so "said" over a million
// articles visits the ~300,000 without it. The matches are counted from their value slots, or,
// once the column holds rows (docid -> value ids, read from the terms' postlists: a fraction of
// a second per field on a large archive, so only worth it for a process that answers many
// facet queries), with a few array reads per match.
#pragma once

#include "searcher/search.h"
#include "schema/fields.h"

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace news::searcher {

class FacetColumn {
  public:
    /// Folded value -> the folded value shown and counted for it (a lone surname's full name,
    /// an organisation's form: searcher/surnames.h, searcher/org_forms.h).
    using Merged = std::unordered_map<std::string, std::string>;

    /// Lists the terms of `field` (its prefix) in `db` and their frequencies; no rows yet. The
    /// values in `merged` are counted under the value shown for them, an article once however
    /// many of a value's forms it has; their totals are read from the postlists.
    FacetColumn(const Xapian::Database& db, const schema::Field& field, const Merged* merged = nullptr);

    /// Reads the postlists of every term into rows (docid -> value ids).
    void load_rows(const Xapian::Database& db);
    bool has_rows() const { return !start_.empty(); }

    const schema::Field& field() const { return *field_; }
    std::size_t value_count() const { return terms_.size(); }
    Xapian::doccount articles_with_values() const { return with_values_; }

    /// The value id of a stored value ("Amazon Web Services"), or npos if no article has it.
    std::size_t id_of(std::string_view value) const;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    /// The id a value is counted under: its own, or the shown value's when it is merged.
    std::size_t counted_id(std::size_t id) const { return counted_.empty() ? id : counted_[id]; }
    bool merges() const { return !counted_.empty(); }

    /// Adds the counted ids of article `docid` to `counts` (each once); false if it has none.
    /// Needs rows.
    bool count(Xapian::docid docid, std::vector<Xapian::doccount>& counts) const {
        if (docid + 1 >= start_.size()) return false;
        const std::uint32_t begin = start_[docid], end = start_[docid + 1];
        for (std::uint32_t i = begin; i < end; ++i) ++counts[ids_[i]];
        return begin != end;
    }

    /// Articles of the whole database with value `id`.
    Xapian::doccount total(std::size_t id) const { return totals_[id]; }

    /// The value as stored (canonical capitalisation: "Amazon Web Services"), read from the
    /// value slot of an article that has it; the term without its prefix if none says so.
    /// Read once per value and kept (an article read per value shown is a tenth of a server's
    /// search time): not thread-safe, like the Searcher that owns the column.
    const std::string& display(const Xapian::Database& db, std::size_t id) const;

  private:
    /// Counts the values of `merged` under the values shown for them (the constructor's).
    void merge(const Xapian::Database& db, const Merged& merged);

    const schema::Field* field_;
    std::vector<std::string> terms_;            // value id -> its term, prefix included
    std::unordered_map<std::string, std::uint32_t> ids_by_term_;
    std::vector<Xapian::doccount> totals_;      // value id -> articles with it
    std::vector<std::uint32_t> start_, ids_;    // docid -> ids_[start_[d] .. start_[d + 1])
    Xapian::doccount with_values_ = 0;
    std::vector<std::uint32_t> counted_;        // value id -> counted id; empty: each its own
    mutable std::vector<std::string> display_;  // value id -> display(); empty: not read yet
    mutable std::vector<bool> displayed_;       // value id -> display_ holds it
};

/// A match spy that counts, per column, the values of every article the matcher hands it: from
/// the column's rows, or, for a column without rows, from the article's value slot.
class FacetCounter : public Xapian::MatchSpy {
  public:
    explicit FacetCounter(const std::vector<const FacetColumn*>& columns);
    void operator()(const Xapian::Document& doc, double weight) override;
    /// Counts these articles from the rows, which every column must have.
    void add(const std::vector<Xapian::docid>& docids);

    /// A matcher over several shards hands each document with its shard's docid (Xapian 1.4),
    /// which the rows cannot use: then every column is counted from the value slots.
    void set_local_docids(bool local) { local_docids_ = local; }

    /// Adds the counts of `other` (over the same columns) to these.
    void merge(const FacetCounter& other);

    Xapian::doccount seen() const { return seen_; }
    const std::vector<Xapian::doccount>& counts(std::size_t column) const { return counts_[column]; }
    Xapian::doccount missing(std::size_t column) const { return missing_[column]; }

  private:
    std::vector<const FacetColumn*> columns_;
    std::vector<std::vector<Xapian::doccount>> counts_;
    std::vector<Xapian::doccount> missing_;
    Xapian::doccount seen_ = 0;
    bool local_docids_ = false;
    std::vector<std::uint32_t> article_ids_;  // one article's counted ids, for a column that merges
};

/// A match and its weight (FacetRanking).
struct RankedMatch {
    double weight;
    Xapian::docid docid;
};

struct FacetCounts {
    Xapian::doccount matches = 0;
    std::vector<Facet> facets;
    std::vector<RankedMatch> best;  // with FacetRanking: the k best, weight down, then docid up
};

/// The facets of the articles `counter` was handed, which must be every match: FacetCounts::
/// matches is their number. For a ranked pass that visits every match anyway (a date order)
/// with the counter as its match spy: no facet pass of its own.
FacetCounts facet_counts(const Xapian::Database& db, const FacetCounter& counter,
                         const std::vector<const FacetColumn*>& columns, const std::vector<std::string>& names,
                         std::size_t limit);

/// Asks a facet pass to weigh every match with `weight` and keep the `k` best: the pass visits
/// every match anyway, so the ranked top-k costs no second pass. Never through the complement
/// (its pass does not see the matches).
struct FacetRanking {
    const Xapian::Weight* weight = nullptr;
    std::size_t k = 0;
};

/// The facet of `field` from a ValueCountMatchSpy over its slot that saw every match (remote
/// shards): each '\n'-joined value split, counts merged by the value's term, and by the value
/// shown for it when `merged` has one (an article once); `missing`: the matches without a value.
Facet facet_from_spy(const Xapian::ValueCountMatchSpy& spy, const schema::Field& field, const std::string& name,
                     std::size_t limit, const FacetColumn::Merged* merged = nullptr);

/// Exact counts of `columns` over the articles `query` matches, and how many it matches.
/// `estimate` (from the ranked MSet) picks the cheaper side: the matches or their complement.
FacetCounts count_facets(const Xapian::Database& db, const Xapian::Query& query, Xapian::doccount estimate,
                         const std::vector<const FacetColumn*>& columns, const std::vector<std::string>& names,
                         std::size_t limit);

inline constexpr Xapian::doccount kParallelFacetMatches = 20000;

/// The same with one handle per thread on the same database (`handles[0]` the caller's): a
/// match set of at least `min_parallel` is split by docid range, one range per
/// handle, each counted on its own thread. The size compared is `candidates`, when given: what
/// the pass must check (the MSet's upper bound; a phrase's estimate is a guess: "net loss" at
/// x50 was estimated at 3,000, with 35,400 matches of 85,750 candidates), else `estimate`.
/// With `ranking`, also the best matches (FacetRanking). Phrases pay here: their facet pass
/// checks the positions of every candidate.
FacetCounts count_facets(const std::vector<Xapian::Database>& handles, const Xapian::Query& query,
                         Xapian::doccount estimate, const std::vector<const FacetColumn*>& columns,
                         const std::vector<std::string>& names, std::size_t limit,
                         Xapian::doccount min_parallel = kParallelFacetMatches, const FacetRanking* ranking = nullptr,
                         Xapian::doccount candidates = 0);

/// The same over the `matches` articles with a score >= 0 in `scores` (by docid: a
/// DenseMatch), counted from the columns' rows, which they must have; through the complement
/// when that is smaller and every docid up to the last is an article (no holes to miscount).
FacetCounts count_facets(const Xapian::Database& db, const std::vector<float>& scores, Xapian::doccount matches,
                         const std::vector<const FacetColumn*>& columns, const std::vector<std::string>& names,
                         std::size_t limit);

}  // namespace news::searcher
