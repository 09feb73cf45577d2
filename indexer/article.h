// One news article as the readers deliver it and the DocumentBuilder consumes it.
// Serves the arrow: corpus file -Reader-> Article. A plain struct, no behaviour.
#pragma once

#include "schema/document_data.h"

#include <cstddef>
#include <string>
#include <vector>

namespace news::indexer {

/// The fields an article shares with its stored copy (schema::ArticleFields), plus where it was read.
struct Article : schema::ArticleFields {
    // The key of the file it came from, the same whichever enclosing folder was given
    // (corpus_reader.h, source_key()); ids derived from the path are this key.
    std::string file;
    std::size_t line = 0;  // 1-based line of a JSON Lines record; 0 for a whole file
};

}  // namespace news::indexer
