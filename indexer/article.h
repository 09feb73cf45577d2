// One news article as the readers deliver it and the DocumentBuilder consumes it.
// Serves the arrow: corpus file -Reader-> Article. A plain struct, no behaviour.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace news::indexer {

struct Article {
    std::string id;      // stable identity across runs: "<relative path>" or "<relative path>#<json id>"
    std::string title;   // display title: the headline, or derived from the first sentence
    bool title_derived = false;  // true when no headline was present and the title was derived
    std::string body;    // article text, debris removed, valid UTF-8
    std::string date;    // publication date "YYYY-MM-DD"; empty when the article is undated
    std::string source;  // publication or site name, when known
    std::string url;     // original address, when known
    std::string path;    // the file it came from, as found while walking the corpus
    std::size_t line = 0;  // 1-based line of a JSON Lines record; 0 for a whole file
    // Optional lists carried by JSON Lines or front matter ("tags", "places", ...). Kept for
    // display and checking; never turned into entities by themselves.
    std::map<std::string, std::vector<std::string>> lists;
};

}  // namespace news::indexer
