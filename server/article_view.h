// /api/articles/{id}: a stored article with its entity mentions and their offsets, found again
// in its text by the same extractor the indexer runs.
#pragma once

#include "server/searcher_pool.h"

#include <nlohmann/json.hpp>

namespace news::server {

/// The article's stored fields, its body, and "entities": each mention of the entities it was
/// indexed with ({kind, canonical, surface, field, start, end}, code points into the field's
/// text, end exclusive) plus the years, money amounts and percentages the extractor finds.
nlohmann::json article_view(Worker& worker, const schema::StoredArticle& article);

/// The code points of text[0, byte): what every offset in the API counts.
std::size_t code_points(std::string_view text, std::size_t byte);

}  // namespace news::server
