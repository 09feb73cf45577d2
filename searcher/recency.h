// An optional recency boost: an extra weight that halves every `half_life_days` from the
// newest article in the database, added to the BM25 score of matching articles.
#pragma once

#include <xapian.h>

#include <string>

namespace news::searcher {

class RecencySource : public Xapian::ValuePostingSource {
  public:
    /// `boost`: the extra weight of an article as new as the newest one. Undated articles get
    /// none. Reads schema::slot::kDate ("YYYYMMDD").
    RecencySource(double boost, double half_life_days);

    void init(const Xapian::Database& db) override;
    double get_weight() const override;
    std::string name() const override { return "news::RecencySource"; }

  private:
    double boost_, half_life_;
    long newest_ = 0;  // days since 0000-03-01 of the newest date
};

/// Days since a fixed origin for "YYYYMMDD"; -1 if malformed.
long day_number(const std::string& yyyymmdd);

}  // namespace news::searcher
