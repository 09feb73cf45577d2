// newsdex-index --extract: the entities of each article as JSON, without any database.
// For checking and extending the dictionaries; tests use it too.
#pragma once

#include "indexer/indexer.h"

#include <iosfwd>

namespace news::indexer {

/// Reads `options.inputs` like an index run and prints one JSON document on `out`:
/// {"articles": [{"id", "path", "title", "entities": [{kind, canonical, surface, field,
/// start, end}]}], "rejected": [...]} with start/end in characters (code points) of the
/// field's text. Returns the number of rejected items.
std::size_t print_entities(const IndexOptions& options, std::ostream& out);

}  // namespace news::indexer
