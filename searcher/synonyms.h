// Query synonyms (schema/synonyms_en.txt): groups of words and phrases that mean the same
// ("layoffs, job cuts, redundancies"). QueryBuilder lets a query word or phrase equal to one
// member also find the others.
#pragma once

#include "schema/analyzer.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace news::searcher {

class Synonyms {
  public:
    /// One group per line, comma-separated; '#' starts a comment line. A missing file is no
    /// synonyms. @throws news::Error when the file exists but cannot be read.
    static Synonyms load(const std::filesystem::path& file, schema::Analyzer& analyzer);

    /// The built-in file, beside the stopword list.
    static std::filesystem::path default_file();

    void add_group(const std::vector<std::string>& members, schema::Analyzer& analyzer);

    /// The words of `text` as the analyzer reads them, joined by spaces: "Job-Cuts" -> "job cuts".
    static std::string key(std::string_view text, schema::Analyzer& analyzer);

    /// The other members of the groups `key` belongs to (as written in the file); null if none.
    const std::vector<std::string>* others(const std::string& key) const;

    bool empty() const { return others_.empty(); }

  private:
    std::unordered_map<std::string, std::vector<std::string>> others_;
};

}  // namespace news::searcher
