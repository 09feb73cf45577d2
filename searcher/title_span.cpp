#include "searcher/title_span.h"

#include "schema/fields.h"

#include <algorithm>
#include <charconv>
#include <utility>

namespace news::searcher {
namespace {

struct Occurrence {
    Xapian::termpos first, last;  // positions of the phrase's first and last words
};

// The positions of any of `terms` (one word's forms) in article `did`, up to `limit` (0: all),
// in order.
std::vector<Xapian::termpos> positions(const Xapian::Database& db, Xapian::docid did,
                                       const std::vector<std::string>& terms, Xapian::termpos limit) {
    std::vector<Xapian::termpos> out;
    for (const auto& term : terms) {
        for (auto p = db.positionlist_begin(did, term); p != db.positionlist_end(did, term); ++p) {
            if (limit > 0 && *p > limit) break;
            out.push_back(*p);
        }
    }
    if (terms.size() > 1) std::sort(out.begin(), out.end());
    return out;
}

// Where the words of `phrase` stand one after another in `did`, ending at or before `limit` (0:
// anywhere).
std::vector<Occurrence> occurrences(const Xapian::Database& db, Xapian::docid did, const SpanPhrase& phrase,
                                    Xapian::termpos limit) {
    std::vector<std::vector<Xapian::termpos>> at;
    for (const auto& word : phrase.words) {
        at.push_back(positions(db, did, word, limit));
        if (at.back().empty()) return {};
    }
    std::vector<Occurrence> out;
    const auto words = static_cast<Xapian::termpos>(at.size());
    for (const Xapian::termpos first : at.front()) {
        bool whole = true;
        for (Xapian::termpos i = 1; whole && i < words; ++i)
            whole = std::binary_search(at[i].begin(), at[i].end(), first + i);
        if (whole) out.push_back({first, first + words - 1});
    }
    return out;
}

// Whether one occurrence of each phrase fits in `window` positions: tried with each occurrence
// as the earliest of the window.
bool near(const std::vector<std::vector<Occurrence>>& found, Xapian::termpos window) {
    for (const auto& anchors : found) {
        for (const Occurrence& anchor : anchors) {
            const Xapian::termpos end = anchor.first + window;  // the window is [first, end)
            bool all = true;
            for (std::size_t j = 0; all && j < found.size(); ++j)
                all = std::any_of(found[j].begin(), found[j].end(), [&](const Occurrence& o) {
                    return o.first >= anchor.first && o.last < end;
                });
            if (all) return true;
        }
    }
    return false;
}

}  // namespace

TitleSpanSource::TitleSpanSource(std::vector<SpanPhrase> phrases, Xapian::termpos window,
                                 std::vector<std::string> required)
    : phrases_(std::move(phrases)), window_(window), required_(std::move(required)) {}

void TitleSpanSource::init(const Xapian::Database& db) {
    db_ = db;
    std::vector<std::pair<Xapian::doccount, std::string>> terms;
    for (const auto& term : required_) terms.emplace_back(db.get_termfreq(term), term);
    std::sort(terms.begin(), terms.end());
    doccount_ = db.get_doccount();
    termfreq_ = terms.empty() ? doccount_ : terms.front().first;
    postings_.clear();
    for (const auto& [freq, term] : terms) postings_.push_back(db.postlist_begin(term));
    if (postings_.empty()) postings_.push_back(db.postlist_begin(std::string()));  // every article
    title_ends_ = db.valuestream_begin(schema::slot::kTitleEnd);
    current_ = checked_ = 0;
    at_end_ = false;
}

Xapian::docid TitleSpanSource::candidate(Xapian::docid did) {
    const Xapian::PostingIterator end = db_.postlist_end(std::string());
    for (std::size_t i = 0; i < postings_.size();) {
        Xapian::PostingIterator& p = postings_[i];
        if (p != end && *p < did) p.skip_to(did);
        if (p == end) return 0;
        if (*p > did) {  // a later article is the first that could have them all
            did = *p;
            i = i == 0 ? 1 : 0;
            continue;
        }
        ++i;
    }
    return did;
}

bool TitleSpanSource::matches(Xapian::docid did) {
    Xapian::termpos title_end = 0;
    if (std::any_of(phrases_.begin(), phrases_.end(), [](const SpanPhrase& p) { return p.in_title; })) {
        const Xapian::ValueIterator none = db_.valuestream_end(schema::slot::kTitleEnd);
        if (title_ends_ != none && title_ends_.get_docid() < did) title_ends_.skip_to(did);  // dids only grow
        if (title_ends_ == none || title_ends_.get_docid() != did) return false;  // no title in the default field
        const std::string value = *title_ends_;
        std::from_chars(value.data(), value.data() + value.size(), title_end);
    }
    std::vector<std::vector<Occurrence>> found;
    for (const auto& phrase : phrases_) {
        found.push_back(occurrences(db_, did, phrase, phrase.in_title ? title_end : 0));
        if (found.back().empty()) return false;
    }
    return found.size() == 1 || near(found, window_);
}

void TitleSpanSource::advance(Xapian::docid did) {
    Xapian::docid at = candidate(did);
    while (at != 0 && !matches(at)) at = at == Xapian::docid(-1) ? 0 : candidate(at + 1);
    at_end_ = at == 0;
    if (!at_end_) current_ = at;
}

void TitleSpanSource::next(double) { advance(std::max(current_, checked_) + 1); }

void TitleSpanSource::skip_to(Xapian::docid did, double) {
    if (did > current_) advance(did);
}

bool TitleSpanSource::check(Xapian::docid did, double) {
    checked_ = did;
    const Xapian::docid at = candidate(did);
    if (at == 0) {
        at_end_ = true;
        return true;
    }
    if (at != did || !matches(did)) return false;
    current_ = did;
    return true;
}

TitleSpanSource* TitleSpanSource::clone() const { return new TitleSpanSource(phrases_, window_, required_); }

std::string TitleSpanSource::get_description() const {
    std::string out = "TitleSpan(";
    for (std::size_t i = 0; i < phrases_.size(); ++i) {
        if (i > 0) out += " NEAR " + std::to_string(window_) + " ";
        out += phrases_[i].in_title ? "title:\"" : "\"";
        const auto& words = phrases_[i].words;
        for (std::size_t j = 0; j < words.size(); ++j) {
            if (j > 0) out += ' ';
            for (std::size_t k = 0; k < words[j].size(); ++k) out += (k ? "|" : "") + words[j][k];
        }
        out += '"';
    }
    return out + ")";
}

}  // namespace news::searcher
