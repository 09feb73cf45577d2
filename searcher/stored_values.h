// A filter field's values read back from a database, for what is decided when searching
// (surname attachment, organisation forms, facet labels): its terms and their articles, and a
// value as an article's slot writes it.
#pragma once

#include "schema/fields.h"

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace news::searcher {

/// The folded values of `field` in `db` (its terms without the prefix), in term order, each
/// with its articles (the term frequency).
std::vector<std::pair<std::string, Xapian::doccount>> field_values(const Xapian::Database& db,
                                                                   const schema::Field& field);

/// The value of `field` with the folded form `value`, as written in the slot of the first
/// article that has it ("Yukos Oil" for "yukos oil"); `value` itself if none says so.
std::string written_value(const Xapian::Database& db, const schema::Field& field, const std::string& value);

}  // namespace news::searcher
