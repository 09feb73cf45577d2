#include "searcher/facets.h"

#include <algorithm>
#include <numeric>
#include <string_view>
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

FacetColumn::FacetColumn(const Xapian::Database& db, const schema::Field& field) : field_(&field) {
    const std::string prefix{field.prefix};
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        ids_by_term_.emplace(*t, static_cast<std::uint32_t>(terms_.size()));
        terms_.push_back(*t);
        totals_.push_back(t.get_termfreq());
    }
    // Articles with at least one value: those with a value in the slot.
    with_values_ = field.slot == schema::kNoSlot ? 0 : db.get_value_freq(field.slot);
}

std::size_t FacetColumn::id_of(std::string_view value) const {
    const auto it = ids_by_term_.find(schema::filter_term(*field_, value));
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
        for (auto d = db.postlist_begin(terms_[id]); d != db.postlist_end(terms_[id]); ++d) ids_[fill[*d]++] = id;
}

std::string FacetColumn::display(const Xapian::Database& db, std::size_t id) const {
    const std::string& term = terms_[id];
    if (field_->slot != schema::kNoSlot) {
        const auto first = db.postlist_begin(term);
        if (first != db.postlist_end(term)) {
            std::string found;
            for_each_value(db.get_document(*first).get_value(field_->slot), [&](std::string_view value) {
                if (found.empty() && schema::filter_term(*field_, value) == term) found = value;
            });
            if (!found.empty()) return found;
        }
    }
    return term.substr(field_->prefix.size());
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

void FacetCounter::operator()(const Xapian::Document& doc, double) {
    ++seen_;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        const FacetColumn& column = *columns_[c];
        if (column.has_rows()) {
            if (!column.count(doc.get_docid(), counts_[c])) ++missing_[c];
            continue;
        }
        // Values in a slot are sorted and unique per article (the indexer writes them so).
        const std::string joined = doc.get_value(column.field().slot);
        if (joined.empty()) ++missing_[c];
        for_each_value(joined, [&](std::string_view value) {
            if (const std::size_t id = column.id_of(value); id != FacetColumn::npos) ++counts_[c][id];
        });
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

}  // namespace

FacetCounts count_facets(const Xapian::Database& db, const Xapian::Query& query, Xapian::doccount estimate,
                         const std::vector<const FacetColumn*>& columns, const std::vector<std::string>& names,
                         std::size_t limit) {
    const Xapian::doccount all = db.get_doccount();
    // Counting the complement visits all - matches articles instead of matches.
    const bool complement = estimate > all / 2;
    FacetCounter counter{columns};
    Xapian::Enquire enquire(db);
    enquire.set_query(complement ? Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, query) : query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // only the set matters, not the ranks
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    enquire.add_matchspy(&counter);
    enquire.get_mset(0, 0, all);  // no ranked results; every match goes through the spy

    return summarise(db, counter, complement, columns, names, limit);
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
