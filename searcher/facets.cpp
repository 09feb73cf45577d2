#include "searcher/facets.h"

#include "schema/document_layout.h"
#include "searcher/shards.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <numeric>
#include <set>
#include <string_view>
#include <thread>
#include <utility>

namespace news::searcher {
namespace {

/// Calls `f` with each value of a '\n'-joined slot ("Amazon\nAmazon Web Services").
template <typename F>
void for_each_value(std::string_view joined, F f) {
    while (!joined.empty()) {
        const auto nl = joined.find('\n');
        f(joined.substr(0, nl));
        if (nl == std::string_view::npos) break;
        joined.remove_prefix(nl + 1);
    }
}

}  // namespace

FacetColumn::FacetColumn(const Xapian::Database& db, const schema::Field& field, const Merged* merged)
    : field_(&field) {
    const std::string prefix{field.prefix};
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        ids_by_term_.emplace(*t, static_cast<std::uint32_t>(terms_.size()));
        terms_.push_back(*t);
        totals_.push_back(t.get_termfreq());
    }
    // Articles with at least one value: those with a value in the slot.
    with_values_ = field.slot == schema::kNoSlot ? 0 : db.get_value_freq(field.slot);
    if (merged && !merged->empty()) merge(db, *merged);
}

void FacetColumn::merge(const Xapian::Database& db, const Merged& merged) {
    const std::string prefix{field_->prefix};
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> groups;  // shown id -> its forms' ids
    for (const auto& [from, to] : merged) {
        const auto f = ids_by_term_.find(prefix + from), t = ids_by_term_.find(prefix + to);
        if (f == ids_by_term_.end() || t == ids_by_term_.end()) continue;
        if (counted_.empty()) {
            counted_.resize(terms_.size());
            std::iota(counted_.begin(), counted_.end(), 0);
        }
        counted_[f->second] = t->second;
        groups[t->second].push_back(f->second);
    }
    // A shown value's total: the articles with any of its forms, each once.
    for (auto& [to, forms] : groups) {
        forms.push_back(to);
        std::vector<Xapian::docid> docs;
        for (const std::uint32_t id : forms)
            for (auto d = db.postlist_begin(terms_[id]); d != db.postlist_end(terms_[id]); ++d) docs.push_back(*d);
        std::sort(docs.begin(), docs.end());
        totals_[to] = static_cast<Xapian::doccount>(std::unique(docs.begin(), docs.end()) - docs.begin());
        for (const std::uint32_t id : forms)
            if (id != to) totals_[id] = 0;
    }
}

std::size_t FacetColumn::id_of(std::string_view value) const {
    const auto it = ids_by_term_.find(schema::term(*field_, value));
    return it == ids_by_term_.end() ? npos : it->second;
}

void FacetColumn::load_rows(const Xapian::Database& db) {
    if (has_rows()) return;
    // Two passes over the postlists: count values per article, then fill (compressed rows).
    std::vector<std::uint32_t> per_doc(db.get_lastdocid() + 2, 0);
    for (const auto& term : terms_)
        for (auto d = db.postlist_begin(term); d != db.postlist_end(term); ++d) ++per_doc[*d];
    start_.assign(per_doc.size(), 0);
    for (std::size_t d = 1; d < per_doc.size(); ++d) start_[d] = start_[d - 1] + per_doc[d - 1];
    ids_.resize(start_.back());
    std::vector<std::uint32_t> fill(start_.begin(), start_.end());
    for (std::uint32_t id = 0; id < terms_.size(); ++id)
        for (auto d = db.postlist_begin(terms_[id]); d != db.postlist_end(terms_[id]); ++d)
            ids_[fill[*d]++] = static_cast<std::uint32_t>(counted_id(id));
    if (!merges()) return;
    // An article with several forms of one value counts it once: each row sorted and unique.
    std::uint32_t kept = 0, begin = start_[0];
    for (std::size_t d = 0; d + 1 < start_.size(); ++d) {
        const std::uint32_t end = start_[d + 1];
        std::sort(ids_.begin() + begin, ids_.begin() + end);
        const auto last = std::unique(ids_.begin() + begin, ids_.begin() + end);
        start_[d] = kept;
        kept = static_cast<std::uint32_t>(std::copy(ids_.begin() + begin, last, ids_.begin() + kept) - ids_.begin());
        begin = end;
    }
    start_.back() = kept;
    ids_.resize(kept);
}

const std::string& FacetColumn::display(const Xapian::Database& db, std::size_t id) const {
    if (displayed_.empty()) {
        display_.resize(terms_.size());
        displayed_.resize(terms_.size());
    }
    if (displayed_[id]) return display_[id];
    const std::string& term = terms_[id];
    std::string found;
    if (field_->slot != schema::kNoSlot) {
        const auto first = db.postlist_begin(term);
        if (first != db.postlist_end(term))
            for_each_value(db.get_document(*first).get_value(field_->slot), [&](std::string_view value) {
                if (found.empty() && schema::term(*field_, value) == term) found = value;
            });
    }
    display_[id] = found.empty() ? term.substr(field_->prefix.size()) : std::move(found);
    displayed_[id] = true;
    return display_[id];
}

FacetCounter::FacetCounter(const std::vector<const FacetColumn*>& columns)
    : columns_(columns), missing_(columns.size(), 0) {
    for (const auto* c : columns) counts_.emplace_back(c->value_count(), 0);
}

void FacetCounter::add(const std::vector<Xapian::docid>& docids) {
    seen_ += static_cast<Xapian::doccount>(docids.size());
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        const FacetColumn& column = *columns_[c];
        std::vector<Xapian::doccount>& counts = counts_[c];
        Xapian::doccount missing = 0;
        for (const Xapian::docid d : docids) missing += column.count(d, counts) ? 0 : 1;
        missing_[c] += missing;
    }
}

void FacetCounter::merge(const FacetCounter& other) {
    seen_ += other.seen_;
    for (std::size_t c = 0; c < counts_.size(); ++c) {
        for (std::size_t id = 0; id < counts_[c].size(); ++id) counts_[c][id] += other.counts_[c][id];
        missing_[c] += other.missing_[c];
    }
}

void FacetCounter::operator()(const Xapian::Document& doc, double) {
    ++seen_;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        const FacetColumn& column = *columns_[c];
        if (column.has_rows() && !local_docids_) {
            if (!column.count(doc.get_docid(), counts_[c])) ++missing_[c];
            continue;
        }
        // Values in a slot are sorted and unique per article (the indexer writes them so); the
        // forms of a merged value are counted once.
        const std::string joined = doc.get_value(column.field().slot);
        if (joined.empty()) ++missing_[c];
        article_ids_.clear();
        for_each_value(joined, [&](std::string_view value) {
            if (const std::size_t id = column.id_of(value); id != FacetColumn::npos)
                article_ids_.push_back(static_cast<std::uint32_t>(column.counted_id(id)));
        });
        if (column.merges()) {
            std::sort(article_ids_.begin(), article_ids_.end());
            article_ids_.erase(std::unique(article_ids_.begin(), article_ids_.end()), article_ids_.end());
        }
        for (const std::uint32_t id : article_ids_) ++counts_[c][id];
    }
}

namespace {

Facet top_values(const Xapian::Database& db, const FacetColumn& column, const std::string& name,
                 std::vector<Xapian::doccount> counts, Xapian::doccount missing, std::size_t limit) {
    Facet facet;
    facet.field = name;
    facet.missing = missing;
    std::vector<std::pair<Xapian::doccount, std::uint32_t>> present;  // (count, value id)
    for (std::uint32_t id = 0; id < counts.size(); ++id)
        if (counts[id]) present.emplace_back(counts[id], id);
    facet.distinct = present.size();
    if (present.empty() || limit == 0) return facet;
    // Only values that can make the cut need their display names: the `limit` biggest counts
    // and every value tied with the last of them. Ties are ordered by display name.
    std::sort(present.begin(), present.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    const Xapian::doccount cut = present[std::min(limit, present.size()) - 1].first;
    for (const auto& [count, id] : present) {
        if (count < cut) break;
        facet.values.push_back({column.display(db, id), count});
    }
    std::stable_sort(facet.values.begin(), facet.values.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (facet.values.size() > limit) facet.values.resize(limit);
    return facet;
}

// The counts of `counter`, or with `complement` the archive's totals minus them, as facets.
FacetCounts summarise(const Xapian::Database& db, const FacetCounter& counter, bool complement,
                      const std::vector<const FacetColumn*>& columns, const std::vector<std::string>& names,
                      std::size_t limit) {
    const Xapian::doccount all = db.get_doccount();
    FacetCounts out;
    out.matches = complement ? all - counter.seen() : counter.seen();
    for (std::size_t c = 0; c < columns.size(); ++c) {
        std::vector<Xapian::doccount> counts = counter.counts(c);
        Xapian::doccount missing = counter.missing(c);
        if (complement) {
            for (std::size_t id = 0; id < counts.size(); ++id) counts[id] = columns[c]->total(id) - counts[id];
            missing = (all - columns[c]->articles_with_values()) - missing;
        }
        out.facets.push_back(top_values(db, *columns[c], names[c], std::move(counts), missing, limit));
    }
    return out;
}

/// The docids first..last of the whole database, weighing nothing: OP_FILTER with it keeps one
/// range of a match set. Each shard's clone keeps its shard's docids in that range.
class DocidRange : public Xapian::PostingSource {
  public:
    DocidRange(Xapian::docid first, Xapian::docid last, ShardMap shards = {})
        : first_(first), last_(last), shards_(std::move(shards)) {}
    void init(const Xapian::Database& db) override {
        const ShardPosition shard = shards_.locate(db);
        from_ = shard.first_at_or_after(first_);
        to_ = shard.last_at_or_before(last_);
        at_ = from_ - 1;
    }
    Xapian::doccount get_termfreq_min() const override { return 0; }  // holes are possible
    Xapian::doccount get_termfreq_est() const override { return to_ >= from_ ? to_ - from_ + 1 : 0; }
    Xapian::doccount get_termfreq_max() const override { return get_termfreq_est(); }
    void next(double) override { ++at_; }
    void skip_to(Xapian::docid did, double) override { at_ = std::max(at_, did); }
    bool at_end() const override { return at_ > to_; }
    Xapian::docid get_docid() const override { return at_; }
    DocidRange* clone() const override { return new DocidRange(first_, last_, shards_); }

  private:
    Xapian::docid first_, last_;  // of the whole database
    ShardMap shards_;
    Xapian::docid from_ = 1, to_ = 0, at_ = 0;  // of the shard init() was given
};

}  // namespace

Facet facet_from_spy(const Xapian::ValueCountMatchSpy& spy, const schema::Field& field, const std::string& name,
                     std::size_t limit, const FacetColumn::Merged* merged) {
    struct Value {
        std::string display;  // the first spelling seen (values come in byte order)
        Xapian::doccount count = 0;
    };
    std::unordered_map<std::string, Value> by_term;
    Xapian::doccount with_values = 0;
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
        const Xapian::doccount docs = v.get_termfreq();
        with_values += docs;  // one joined value per article
        std::set<std::string> counted;  // the terms this article's values are counted under
        for_each_value(*v, [&](std::string_view value) {
            std::string term = schema::term(field, value);
            const auto to = merged ? merged->find(term.substr(field.prefix.size())) : FacetColumn::Merged::const_iterator{};
            const bool shown = !merged || to == merged->end();
            if (!shown) term = std::string(field.prefix) + to->second;
            Value& entry = by_term[term];
            if (entry.display.empty() && shown) entry.display = value;
            if (counted.insert(term).second) entry.count += docs;
        });
    }
    Facet facet;
    facet.field = name;
    facet.missing = spy.get_total() - with_values;
    facet.distinct = by_term.size();
    for (const auto& [term, value] : by_term)
        facet.values.push_back({value.display.empty() ? term.substr(field.prefix.size()) : value.display, value.count});
    std::sort(facet.values.begin(), facet.values.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (facet.values.size() > limit) facet.values.resize(limit);
    return facet;
}

namespace {

bool better(const RankedMatch& a, const RankedMatch& b) {  // the matcher's order
    return a.weight != b.weight ? a.weight > b.weight : a.docid < b.docid;
}

/// A match spy keeping the `k` best matches it is handed (a heap with the worst on top).
class BestMatches : public Xapian::MatchSpy {
  public:
    explicit BestMatches(std::size_t k) : k_(k) { heap_.reserve(k + 1); }
    void operator()(const Xapian::Document& doc, double weight) override {
        if (k_ == 0) return;
        const RankedMatch m{weight, doc.get_docid()};
        if (heap_.size() == k_ && !better(m, heap_.front())) return;
        heap_.push_back(m);
        std::push_heap(heap_.begin(), heap_.end(), better);
        if (heap_.size() > k_) {
            std::pop_heap(heap_.begin(), heap_.end(), better);
            heap_.pop_back();
        }
    }
    const std::vector<RankedMatch>& found() const { return heap_; }

  private:
    std::size_t k_;
    std::vector<RankedMatch> heap_;
};

/// Hands every article `query` matches (or, with `complement`, every other article), within
/// docids first..last when `first` is not 0, to `counter`: a matcher pass without weights, or,
/// given `weight` and `best`, weighted and with the best matches kept in `best`.
void count_pass(const Xapian::Database& db, const Xapian::Query& query, bool complement, FacetCounter& counter,
                Xapian::docid first = 0, Xapian::docid last = 0, const Xapian::Weight* weight = nullptr,
                BestMatches* best = nullptr) {
    // Query(std::string()) matches all articles, like Query::MatchAll, without sharing that
    // static object's (not thread-safe) reference count between threads.
    Xapian::Query counted = complement ? Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(std::string()), query)
                                       : query;
    DocidRange range{first, last, ShardMap(db)};  // outlives the Enquire
    if (first != 0) counted = Xapian::Query(Xapian::Query::OP_FILTER, counted, Xapian::Query(&range));
    Xapian::Enquire enquire(db);
    enquire.set_query(counted);
    if (best) {
        enquire.set_weighting_scheme(*weight);
        enquire.add_matchspy(best);
    } else {
        enquire.set_weighting_scheme(Xapian::BoolWeight());  // only the set matters, not the ranks
    }
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    counter.set_local_docids(db.size() > 1);
    enquire.add_matchspy(&counter);
    enquire.get_mset(0, 0, db.get_doccount());  // no ranked results; every match goes through the spy
}

}  // namespace

FacetCounts facet_counts(const Xapian::Database& db, const FacetCounter& counter,
                         const std::vector<const FacetColumn*>& columns, const std::vector<std::string>& names,
                         std::size_t limit) {
    return summarise(db, counter, false, columns, names, limit);
}

FacetCounts count_facets(const Xapian::Database& db, const Xapian::Query& query, Xapian::doccount estimate,
                         const std::vector<const FacetColumn*>& columns, const std::vector<std::string>& names,
                         std::size_t limit) {
    return count_facets(std::vector<Xapian::Database>{db}, query, estimate, columns, names, limit);
}

FacetCounts count_facets(const std::vector<Xapian::Database>& handles, const Xapian::Query& query,
                         Xapian::doccount estimate, const std::vector<const FacetColumn*>& columns,
                         const std::vector<std::string>& names, std::size_t limit, Xapian::doccount min_parallel,
                         const FacetRanking* ranking, Xapian::doccount candidates) {
    const Xapian::Database& db = handles.front();
    // Counting the complement visits all - matches articles instead of matches.
    const bool complement = !ranking && estimate > db.get_doccount() / 2;
    const Xapian::docid last = db.get_lastdocid();
    const Xapian::doccount work = candidates > 0 ? candidates : estimate;
    std::size_t parts = work >= min_parallel ? std::min<std::size_t>(handles.size(), last) : 1;
    // Each thread gets its own copy of the query, rebuilt from its serialised form: Xapian's
    // queries share parts whose reference counts are not thread-safe. A query that cannot be
    // serialised is counted on one thread.
    std::vector<Xapian::Query> queries{query};
    if (parts > 1) {
        try {
            const std::string wire = query.serialise();
            for (std::size_t t = 1; t < parts; ++t) queries.push_back(Xapian::Query::unserialise(wire));
        } catch (const Xapian::Error&) {
            parts = 1;
        }
    }
    // Every thread's state exists before the first thread starts (no vector grows under them).
    struct Part {
        Part(const std::vector<const FacetColumn*>& columns, const FacetRanking* ranking)
            : counter(columns), best(ranking ? ranking->k : 0), weight(ranking ? ranking->weight->clone() : nullptr) {}
        FacetCounter counter;
        BestMatches best;
        std::unique_ptr<Xapian::Weight> weight;
        std::exception_ptr error;
    };
    std::vector<std::unique_ptr<Part>> state;
    for (std::size_t t = 0; t < parts; ++t) state.push_back(std::make_unique<Part>(columns, ranking));
    auto pass = [&](std::size_t t, Xapian::docid first, Xapian::docid to) {
        Part& part = *state[t];
        try {
            count_pass(handles[t], queries[t], complement, part.counter, first, to, part.weight.get(),
                       ranking ? &part.best : nullptr);
        } catch (...) {
            part.error = std::current_exception();
        }
    };
    if (parts == 1) {
        pass(0, 0, 0);
    } else {
        std::vector<std::thread> threads;
        const Xapian::docid span = (last + static_cast<Xapian::docid>(parts) - 1) / static_cast<Xapian::docid>(parts);
        for (std::size_t t = 0; t < parts; ++t) {
            const Xapian::docid first = 1 + static_cast<Xapian::docid>(t) * span;
            const Xapian::docid to = std::min<Xapian::docid>(last, first + span - 1);
            if (first <= to) threads.emplace_back(pass, t, first, to);
        }
        for (auto& thread : threads) thread.join();
    }
    FacetCounter counter{columns};
    std::vector<RankedMatch> best;
    for (const auto& part : state) {
        if (part->error) std::rethrow_exception(part->error);  // the first failure, after all stopped
        counter.merge(part->counter);
        best.insert(best.end(), part->best.found().begin(), part->best.found().end());
    }
    FacetCounts out = summarise(db, counter, complement, columns, names, limit);
    if (ranking) {
        std::sort(best.begin(), best.end(), better);
        if (best.size() > ranking->k) best.resize(ranking->k);
        out.best = std::move(best);
    }
    return out;
}

FacetCounts count_facets(const Xapian::Database& db, const std::vector<float>& scores, Xapian::doccount matches,
                         const std::vector<const FacetColumn*>& columns, const std::vector<std::string>& names,
                         std::size_t limit) {
    const bool complement = matches > db.get_doccount() / 2 && db.get_lastdocid() == db.get_doccount();
    // The articles to visit, listed without a branch per article (matches are scattered: a
    // branch would mispredict often), then counted column by column.
    std::vector<Xapian::docid> docs(scores.size());
    std::size_t n = 0;
    for (Xapian::docid d = 1; d < scores.size(); ++d) {
        docs[n] = d;
        n += (scores[d] >= 0) != complement ? 1 : 0;
    }
    docs.resize(n);
    FacetCounter counter{columns};
    counter.add(docs);
    return summarise(db, counter, complement, columns, names, limit);
}

}  // namespace news::searcher
