// Exact facet counts: a match spy over a schema value slot that counts each '\n'-separated
// value once per matching article (STYLE.md section 6).
#pragma once

#include "searcher/search.h"

#include <xapian.h>

#include <map>
#include <string>

namespace news::searcher {

class FacetSpy : public Xapian::MatchSpy {
  public:
    explicit FacetSpy(Xapian::valueno slot) : slot_(slot) {}
    void operator()(const Xapian::Document& doc, double weight) override;

    /// The counts, sorted by count (descending) then value, cut to `limit`.
    Facet result(const std::string& field, std::size_t limit) const;

  private:
    Xapian::valueno slot_;
    std::map<std::string, Xapian::doccount> counts_;
    Xapian::doccount missing_ = 0;
};

}  // namespace news::searcher
