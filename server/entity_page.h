// /api/entities/{kind}/{name}: one entity across the archive. Its dictionary entry (canonical
// name, aliases, parent), its article count and monthly timeline, the entities mentioned with it
// ranked by association, and its latest articles; every count exact, from the searcher's facets.
#pragma once

#include "server/searcher_pool.h"

#include <nlohmann/json.hpp>

#include <string>

namespace news::server {

struct EntityPageRequest {
    std::string kind;             // a facet field naming entities: company, org, person, place
    std::string name;             // as typed; aliases resolve ("aws" -> Amazon Web Services)
    std::size_t co_mentions = 20; // per kind
    std::size_t latest = 5;
};

/// The page, or a null JSON value when no article mentions the entity.
/// @throws RequestError for a kind that is not an entity field.
nlohmann::json entity_page(Worker& worker, const EntityPageRequest& request);

/// Association of an entity with a co-mentioned value from a 2x2 contingency table over the
/// `docs` articles: `both` mention the two, `with_entity` the entity, `with_value` the value.
struct Association {
    double pmi = 0;             // log2 of observed over expected co-occurrence
    double log_likelihood = 0;  // Dunning's G2; signed: negative when they co-occur less than chance
};
Association associate(double both, double with_entity, double with_value, double docs);

}  // namespace news::server
