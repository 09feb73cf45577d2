// An optional recency boost: an extra weight that halves every `half_life_days` from the
// newest article in the database (to the second: schema::slot::kInstant), added to the BM25
// score of matching articles. Over several shards the newest article is the whole database's,
// so every shard's clone weighs alike.
#pragma once

#include <xapian.h>

#include <string>

namespace news::searcher {

class RecencySource : public Xapian::ValuePostingSource {
  public:
    /// `boost`: the extra weight of an article as new as the newest one of `whole` (the
    /// database searched, every shard of it). Undated articles get none. Reads
    /// schema::slot::kInstant ("YYYYMMDDhhmmss").
    RecencySource(double boost, double half_life_days, const Xapian::Database& whole);

    void init(const Xapian::Database& db) override;
    double get_weight() const override;
    RecencySource* clone() const override { return new RecencySource(boost_, half_life_, newest_); }
    std::string name() const override { return "news::RecencySource"; }

  private:
    RecencySource(double boost, double half_life_days, double newest);

    double boost_, half_life_;
    double newest_ = 0;  // days since 0000-03-01 of the newest instant; < 0 if none
};

/// The boost of an article published on day `day` when the newest is on day `newest` (days,
/// fractions for the time of day).
double recency_weight(double boost, double half_life_days, double newest, double day);

/// Days since a fixed origin for "YYYYMMDD"; -1 if malformed.
long day_number(const std::string& yyyymmdd);

/// Days since day_number()'s origin for "YYYYMMDDhhmmss" (slot::kInstant), the time of day as
/// a fraction; -1 if malformed.
double instant_number(const std::string& yyyymmddhhmmss);

}  // namespace news::searcher
