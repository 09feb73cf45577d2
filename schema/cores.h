// How many threads the machine gives this process: the default of newsdex-index --jobs and
// the most facet passes newsdex-search splits a query into.
#pragma once

#include <cstddef>

namespace news::schema {

/// The cores this process may run on (its affinity mask, as taskset or a container sets it).
std::size_t available_cores();

}  // namespace news::schema
