// Phrases that must stand in the title, answered from the default field's positions.
//
// Why: title words are indexed twice, as title terms ("S" + stem) for title: queries and in the
// default field for ranking. Only the default field keeps positions: title
// positions were 9% of the position table's entries, which hold one B-tree item per word and
// article. The default field holds the title first, at positions 1 up to the kTitleEnd slot, so
// a title phrase is a default-field phrase that ends there.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

namespace news::searcher {

/// A phrase of default-field words, in order, that must lie in the title or may lie anywhere.
/// Each word is the terms it may stand as (schema::word_term of the Body field): one, or two
/// for a word that is also an acronym ("aws" is "aw" or "^aws"), as the query builder's words.
struct SpanPhrase {
    std::vector<std::vector<std::string>> words;
    bool in_title = true;
};

/// Matches the articles where every phrase of `phrases` occurs, the title ones within the
/// title, and all of them within `window` positions of each other when there are several (as
/// OP_NEAR counts: from the first word of the first to the last word of the last). Weighs
/// nothing: the query builder puts it under OP_FILTER, beside the AND of the title terms that
/// rank the match. Candidates are the articles with every term of `required` (terms every match
/// has), found by skipping their postlists from the rarest on, whichever order the matcher
/// asks in: only they have their positions read.
class TitleSpanSource : public Xapian::PostingSource {
  public:
    TitleSpanSource(std::vector<SpanPhrase> phrases, Xapian::termpos window, std::vector<std::string> required);

    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return 0; }
    /// Half the archive: under the AND of the title terms, the estimate halves, as Xapian
    /// estimates a phrase (and the matcher checks this source last).
    Xapian::doccount get_termfreq_est() const override { return std::min(termfreq_, doccount_ / 2); }
    Xapian::doccount get_termfreq_max() const override { return termfreq_; }
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool check(Xapian::docid did, double min_wt) override;
    bool at_end() const override { return at_end_; }
    Xapian::docid get_docid() const override { return current_; }
    TitleSpanSource* clone() const override;
    std::string get_description() const override;

  private:
    /// Whether article `did` has the phrases as described above (the check itself).
    bool matches(Xapian::docid did);
    /// Moves to the first match at or after `did`.
    void advance(Xapian::docid did);
    /// The first article at or after `did` with every required term; 0 when there is none.
    Xapian::docid candidate(Xapian::docid did);

    std::vector<SpanPhrase> phrases_;
    Xapian::termpos window_;
    std::vector<std::string> required_;
    Xapian::Database db_;
    std::vector<Xapian::PostingIterator> postings_;  // of each required term, the rarest first
    Xapian::ValueIterator title_ends_;
    Xapian::doccount termfreq_ = 0, doccount_ = 0;
    Xapian::docid current_ = 0, checked_ = 0;
    bool at_end_ = false;
};

}  // namespace news::searcher
