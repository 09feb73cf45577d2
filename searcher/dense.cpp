#include "searcher/dense.h"

#include "schema/ranking.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <functional>
#include <queue>

namespace news::searcher {
namespace {

// Scores are the matcher's per-term doubles, summed perhaps in another order and kept as
// floats: within a few parts in 10^7 of the matcher's. Candidates take everything within this
// of the k-th score, and Xapian's exact ranking of them settles the order.
constexpr float kScoreSlack = 1e-5f;

// More candidates than this (a flood of tied scores) and the matcher does the work instead.
constexpr std::size_t kMaxCandidates = 20000;

}  // namespace

DenseMatcher::DenseMatcher(double min_fraction, Xapian::doccount min_docs, std::size_t budget_bytes)
    : min_fraction_(min_fraction), min_docs_(min_docs), budget_bytes_(budget_bytes) {}

void DenseMatcher::clear() {
    terms_.clear();
    lru_.clear();
    used_bytes_ = 0;
}

// Plain words only: a leaf typed once (the query builder gives every word wqf 1, and the
// scale factor of OP_SCALE_WEIGHT cannot be read back, so filters are left to Xapian), under
// AND, OR and AND_NOT. Every leaf must be hot, so each array is worth its memory.
bool DenseMatcher::eligible(const Xapian::Database& db, const Xapian::Query& q) const {
    switch (q.get_type()) {
        case Xapian::Query::LEAF_TERM: {
            const std::string term = *q.get_terms_begin();
            return !term.empty() && q.get_length() == 1 &&
                   db.get_termfreq(term) >= std::max<double>(1, min_fraction_ * db.get_doccount());
        }
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
            for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
                if (!eligible(db, q.get_subquery(i))) return false;
            return q.get_num_subqueries() > 0;
        default:
            return false;
    }
}

const DenseMatcher::Term* DenseMatcher::term(const Xapian::Database& db, const std::string& name) {
    if (const auto it = terms_.find(name); it != terms_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.lru);
        return &it->second;
    }
    Term t;
    t.wdf.assign(db.get_lastdocid() + 1, 0);
    for (auto p = db.postlist_begin(name); p != db.postlist_end(name); ++p) {
        const Xapian::termcount wdf = p.get_wdf();
        // A posting without frequency (a boolean term) or beyond 16 bits: not for this path.
        if (wdf == 0 || wdf > UINT16_MAX) return nullptr;
        t.wdf[*p] = static_cast<std::uint16_t>(wdf);
        t.max_wdf = std::max(t.max_wdf, wdf);
        ++t.termfreq;
    }
    const std::size_t bytes = t.wdf.size() * sizeof(std::uint16_t);
    while (used_bytes_ + bytes > budget_bytes_ && !lru_.empty()) {
        used_bytes_ -= terms_.at(lru_.back()).wdf.size() * sizeof(std::uint16_t);
        terms_.erase(lru_.back());
        lru_.pop_back();
    }
    if (bytes > budget_bytes_) return nullptr;
    used_bytes_ += bytes;
    lru_.push_front(name);
    t.lru = lru_.begin();
    return &terms_.emplace(name, std::move(t)).first->second;
}

std::vector<float>& DenseMatcher::scratch(std::size_t depth, std::size_t size) {
    if (buffers_.size() <= depth) buffers_.resize(depth + 1);
    buffers_[depth].resize(size);
    return buffers_[depth];
}

// Fills `out` (by docid) with each article's score under `q`, -1 where it does not match: the
// sums Xapian's AND, OR and AND_NOT make of their children's weights.
bool DenseMatcher::eval(const Xapian::Database& db, const Xapian::Query& q, std::vector<float>& out) {
    const std::size_t n = out.size();
    if (q.get_type() == Xapian::Query::LEAF_TERM) {
        const Term* t = term(db, *q.get_terms_begin());
        if (!t) return false;
        const double tw = schema::leaf_weight(db.get_doccount(), t->termfreq, 1, 1);
        std::vector<float> by_wdf(t->max_wdf + 1, -1);
        for (Xapian::termcount w = 1; w <= t->max_wdf; ++w) by_wdf[w] = static_cast<float>(schema::wdf_weight(tw, w));
        const std::uint16_t* wdf = t->wdf.data();
        float* o = out.data();
        for (std::size_t d = 0; d < n; ++d) o[d] = by_wdf[wdf[d]];
        return true;
    }
    if (!eval(db, q.get_subquery(0), out)) return false;
    ++depth_;
    std::vector<float>& other = scratch(depth_, n);
    for (std::size_t i = 1; i < q.get_num_subqueries(); ++i) {
        if (!eval(db, q.get_subquery(i), other)) return --depth_, false;
        switch (q.get_type()) {
            case Xapian::Query::OP_AND:
                for (std::size_t d = 0; d < n; ++d) out[d] = out[d] >= 0 && other[d] >= 0 ? out[d] + other[d] : -1;
                break;
            case Xapian::Query::OP_OR:
                for (std::size_t d = 0; d < n; ++d)
                    out[d] = out[d] < 0 ? other[d] : other[d] < 0 ? out[d] : out[d] + other[d];
                break;
            default:  // AND_NOT: the left side's score, where no right side matches
                for (std::size_t d = 0; d < n; ++d)
                    if (other[d] >= 0) out[d] = -1;
        }
    }
    --depth_;
    return true;
}

std::optional<DenseMatch> DenseMatcher::match(const Xapian::Database& db, const Xapian::Query& query, std::size_t k) {
    if (db.get_doccount() < min_docs_ || !eligible(db, query)) return std::nullopt;
    depth_ = 0;
    std::vector<float>& scores = scratch(0, db.get_lastdocid() + 1);
    if (!eval(db, query, scores)) return std::nullopt;

    DenseMatch m;
    m.scores = &scores;
    const float* s = scores.data();
    const std::size_t n = scores.size();
    // One pass: the match count, and the k best scores in a min-heap whose top is the cut.
    std::vector<float> best;
    best.reserve(k);
    float cut = -1;  // the k-th best score once k were seen: only better ones enter
    Xapian::doccount matches = 0;
    // In blocks: a branch-free pass (max and count, which the compiler vectorises) lets the
    // heap see only the blocks holding a score above the cut, a few near the start.
    constexpr std::size_t kBlock = 64;
    for (std::size_t b = 0; b < n; b += kBlock) {
        const std::size_t e = std::min(n, b + kBlock);
        float lane_top[8] = {-1, -1, -1, -1, -1, -1, -1, -1};  // 8 lanes: no chain of dependent maxes
        std::uint32_t lane_count[8] = {};
        std::size_t d = b;
        for (; d + 8 <= e; d += 8)
            for (std::size_t j = 0; j < 8; ++j) {
                lane_top[j] = s[d + j] > lane_top[j] ? s[d + j] : lane_top[j];
                lane_count[j] += s[d + j] >= 0 ? 1 : 0;
            }
        for (; d < e; ++d) {
            lane_top[0] = s[d] > lane_top[0] ? s[d] : lane_top[0];
            lane_count[0] += s[d] >= 0 ? 1 : 0;
        }
        float top = -1;
        for (std::size_t j = 0; j < 8; ++j) {
            top = std::max(top, lane_top[j]);
            matches += lane_count[j];
        }
        if (top <= cut || k == 0) continue;
        for (d = b; d < e; ++d) {
            if (s[d] <= cut) continue;
            if (best.size() == k) {
                std::pop_heap(best.begin(), best.end(), std::greater<>());
                best.back() = s[d];
            } else {
                best.push_back(s[d]);
            }
            std::push_heap(best.begin(), best.end(), std::greater<>());
            if (best.size() == k) cut = best.front();
        }
    }
    m.matches = matches;
    if (k == 0) return m;
    const float floor = best.size() < k ? 0 : cut - std::abs(cut) * kScoreSlack;
    for (std::size_t d = 0; d < n; ++d) {
        if (s[d] < floor || s[d] < 0) continue;  // the first test is nearly always true: well predicted
        m.candidates.push_back(static_cast<Xapian::docid>(d));
        if (m.candidates.size() > kMaxCandidates) return std::nullopt;
    }
    return m;
}

std::pair<unsigned, unsigned> DenseMatcher::words_matched(const Xapian::Query& q, Xapian::docid d) const {
    if (q.get_type() == Xapian::Query::LEAF_TERM) {
        const auto it = terms_.find(*q.get_terms_begin());
        return {it != terms_.end() && d < it->second.wdf.size() && it->second.wdf[d] ? 1 : 0, 1};
    }
    std::pair<unsigned, unsigned> sum{0, 0};
    const std::size_t n = q.get_type() == Xapian::Query::OP_AND_NOT ? 1 : q.get_num_subqueries();
    for (std::size_t i = 0; i < n; ++i) {
        const auto [matched, words] = words_matched(q.get_subquery(i), d);
        sum.first += matched;
        sum.second += words;
    }
    return sum;
}

int DenseMatcher::percent(const Xapian::Query& query, Xapian::docid best, double best_weight, double weight) const {
    if (best_weight <= 0) return 100;
    const auto [matched, words] = words_matched(query, best);
    return relevance_percent(weight, best_weight, static_cast<double>(matched) / words);
}

int relevance_percent(double weight, double best_weight, double matched_share) {
    if (best_weight <= 0) return 100;
    const double factor = 100.0 * matched_share / best_weight;
    // As Xapian rounds: down, after a nudge against excess precision; a match is at least 1%.
    const int p = static_cast<int>(weight * factor + 100.0 * DBL_EPSILON);
    return p > 100 ? 100 : p < 0 ? 0 : p == 0 && weight > 0 ? 1 : p;
}

bool every_match_has_every_word(const Xapian::Query& q) {
    switch (q.get_type()) {
        case Xapian::Query::LEAF_TERM:
            return true;
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_PHRASE:
        case Xapian::Query::OP_NEAR:
            for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
                if (!every_match_has_every_word(q.get_subquery(i))) return false;
            return q.get_num_subqueries() > 0;
        case Xapian::Query::OP_FILTER:  // the filters weigh nothing: only the first part counts
        case Xapian::Query::OP_AND_NOT:  // and what is left out never matches
            return q.get_num_subqueries() > 0 && every_match_has_every_word(q.get_subquery(0));
        default:
            return false;
    }
}

void DocidSource::init(const Xapian::Database& db) {
    list_ = &docids_;
    if (shards_.count() > 1) {
        const ShardPosition shard = shards_.locate(db);
        local_.clear();
        for (const Xapian::docid d : docids_)
            if (shard.holds(d)) local_.push_back(shard.local(d));
        list_ = &local_;
    }
    pos_ = 0;
    started_ = false;
}

void DocidSource::next(double) {
    if (started_) ++pos_;
    started_ = true;
}

void DocidSource::skip_to(Xapian::docid did, double) {
    started_ = true;
    const auto& list = *list_;
    pos_ = static_cast<std::size_t>(std::lower_bound(list.begin() + static_cast<std::ptrdiff_t>(pos_), list.end(), did) -
                                    list.begin());
}

}  // namespace news::searcher
