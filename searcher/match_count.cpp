#include "searcher/match_count.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace news::searcher {
namespace {

constexpr Xapian::docid kEnd = std::numeric_limits<Xapian::docid>::max();

// A stream of the docids a subquery matches, ascending: 0 before the first, kEnd after the last.
class Cursor {
  public:
    virtual ~Cursor() = default;
    /// Moves to the first match after the current one.
    virtual void next() = 0;
    /// Moves to the first match at or after `did` (never backwards).
    virtual void skip_to(Xapian::docid did) = 0;
    Xapian::docid at() const { return at_; }

  protected:
    Xapian::docid at_ = 0;
};

using CursorPtr = std::unique_ptr<Cursor>;

class TermCursor : public Cursor {
  public:
    TermCursor(const Xapian::Database& db, const std::string& term)
        : it_(db.postlist_begin(term)), end_(db.postlist_end(term)) {}
    void next() override { at_ = at_ == 0 ? current() : (++it_, current()); }
    void skip_to(Xapian::docid did) override {
        if (did <= at_) return;
        it_.skip_to(did);
        at_ = current();
    }

  private:
    Xapian::docid current() const { return it_ == end_ ? kEnd : *it_; }
    Xapian::PostingIterator it_, end_;
};

class NothingCursor : public Cursor {
  public:
    void next() override { at_ = kEnd; }
    void skip_to(Xapian::docid) override { at_ = kEnd; }
};

// AND and FILTER: every child at the same docid (leapfrog).
class AndCursor : public Cursor {
  public:
    explicit AndCursor(std::vector<CursorPtr> children) : children_(std::move(children)) {}
    void next() override {
        children_[0]->next();
        settle();
    }
    void skip_to(Xapian::docid did) override {
        if (did <= at_) return;
        children_[0]->skip_to(did);
        settle();
    }

  private:
    void settle() {
        Xapian::docid target = children_[0]->at();
        for (std::size_t agreed = 1; target != kEnd && agreed < children_.size();) {
            for (auto& child : children_) {
                child->skip_to(target);
                if (child->at() != target) {
                    target = child->at();
                    agreed = 0;
                    break;
                }
                ++agreed;
            }
        }
        at_ = target;
    }
    std::vector<CursorPtr> children_;
};

// OR, SYNONYM, MAX: any child.
class OrCursor : public Cursor {
  public:
    explicit OrCursor(std::vector<CursorPtr> children) : children_(std::move(children)) {}
    void next() override {
        for (auto& child : children_)
            if (child->at() == at_) child->next();
        settle();
    }
    void skip_to(Xapian::docid did) override {
        if (did <= at_) return;
        for (auto& child : children_) child->skip_to(did);
        settle();
    }

  private:
    void settle() {
        at_ = kEnd;
        for (const auto& child : children_) at_ = std::min(at_, child->at());
    }
    std::vector<CursorPtr> children_;
};

// AND_NOT: the left side where the right side does not match.
class AndNotCursor : public Cursor {
  public:
    AndNotCursor(CursorPtr left, CursorPtr right) : left_(std::move(left)), right_(std::move(right)) {}
    void next() override {
        left_->next();
        settle();
    }
    void skip_to(Xapian::docid did) override {
        if (did <= at_) return;
        left_->skip_to(did);
        settle();
    }

  private:
    void settle() {
        for (; left_->at() != kEnd; left_->next()) {
            right_->skip_to(left_->at());
            if (right_->at() != left_->at()) break;
        }
        at_ = left_->at();
    }
    CursorPtr left_, right_;
};

CursorPtr cursor(const Xapian::Database& db, const Xapian::Query& q);

std::vector<CursorPtr> children(const Xapian::Database& db, const Xapian::Query& q) {
    std::vector<CursorPtr> out;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        out.push_back(cursor(db, q.get_subquery(i)));
        if (!out.back()) return {};
    }
    return out;
}

// The cursor of `q`, or null when `q` has a part that posting lists alone cannot answer.
CursorPtr cursor(const Xapian::Database& db, const Xapian::Query& q) {
    switch (q.get_type()) {
        case Xapian::Query::LEAF_TERM:
            return std::make_unique<TermCursor>(db, *q.get_terms_begin());
        case Xapian::Query::LEAF_MATCH_ALL:  // the empty term's postlist: every article
            return std::make_unique<TermCursor>(db, std::string());
        case Xapian::Query::LEAF_MATCH_NOTHING:
            return std::make_unique<NothingCursor>();
        case Xapian::Query::OP_SCALE_WEIGHT:
            return cursor(db, q.get_subquery(0));
        case Xapian::Query::OP_AND_MAYBE:  // the right side only adds weight
            return q.get_num_subqueries() > 0 ? cursor(db, q.get_subquery(0)) : nullptr;
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX: {
            auto parts = children(db, q);
            if (parts.empty()) return nullptr;
            if (parts.size() == 1) return std::move(parts.front());
            const bool all = q.get_type() == Xapian::Query::OP_AND || q.get_type() == Xapian::Query::OP_FILTER;
            if (all) return std::make_unique<AndCursor>(std::move(parts));
            return std::make_unique<OrCursor>(std::move(parts));
        }
        case Xapian::Query::OP_AND_NOT: {
            auto parts = children(db, q);
            if (parts.empty()) return nullptr;
            CursorPtr left = std::move(parts.front());
            for (std::size_t i = 1; i < parts.size(); ++i)
                left = std::make_unique<AndNotCursor>(std::move(left), std::move(parts[i]));
            return left;
        }
        default:
            return nullptr;
    }
}

// The count of `q` without walking its posting lists, when its shape allows: a term's is its
// frequency; an OR of two terms' (a word and its other form: "oil" and "OIL") is both
// frequencies less the articles with both, which a leapfrog from the rarer list finds in a few
// skips. Nothing for other shapes.
std::optional<Xapian::doccount> count_from_frequencies(const Xapian::Database& db, const Xapian::Query& q) {
    switch (q.get_type()) {
        case Xapian::Query::LEAF_TERM:
            return db.get_termfreq(*q.get_terms_begin());
        case Xapian::Query::OP_SCALE_WEIGHT:
        case Xapian::Query::OP_AND_MAYBE:  // the right side only adds weight
            return q.get_num_subqueries() > 0 ? count_from_frequencies(db, q.get_subquery(0)) : std::nullopt;
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX: {
            if (q.get_num_subqueries() != 2) return std::nullopt;
            const Xapian::Query a = q.get_subquery(0), b = q.get_subquery(1);
            if (a.get_type() != Xapian::Query::LEAF_TERM || b.get_type() != Xapian::Query::LEAF_TERM) return std::nullopt;
            const std::string term_a = *a.get_terms_begin(), term_b = *b.get_terms_begin();
            const Xapian::doccount freq_a = db.get_termfreq(term_a), freq_b = db.get_termfreq(term_b);
            if (term_a == term_b) return freq_a;
            std::vector<CursorPtr> both;  // the rarer first: it leads the leapfrog
            both.push_back(std::make_unique<TermCursor>(db, freq_a <= freq_b ? term_a : term_b));
            both.push_back(std::make_unique<TermCursor>(db, freq_a <= freq_b ? term_b : term_a));
            AndCursor common{std::move(both)};
            Xapian::doccount shared = 0;
            for (common.next(); common.at() != kEnd; common.next()) ++shared;
            return freq_a + freq_b - shared;
        }
        default:
            return std::nullopt;
    }
}

}  // namespace

std::optional<Xapian::doccount> count_matches_upto(const Xapian::Database& db, const Xapian::Query& query,
                                                   Xapian::doccount limit) {
    if (const auto counted = count_from_frequencies(db, query)) return std::min(*counted, limit + 1);
    CursorPtr c = cursor(db, query);
    if (!c) return std::nullopt;
    Xapian::doccount n = 0;
    for (c->next(); c->at() != kEnd && n <= limit; c->next()) ++n;
    return n;
}

}  // namespace news::searcher
