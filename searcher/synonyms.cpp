#include "searcher/synonyms.h"

#include "schema/errors.h"
#include "schema/gazetteer.h"

#include <algorithm>
#include <fstream>

namespace news::searcher {

std::filesystem::path Synonyms::default_file() {
    return schema::Gazetteer::default_dir().parent_path() / "synonyms_en.txt";
}

Synonyms Synonyms::load(const std::filesystem::path& file, schema::Analyzer& analyzer) {
    Synonyms out;
    if (!std::filesystem::exists(file)) return out;
    std::ifstream in(file);
    if (!in) throw Error(file.string() + ": cannot read the synonym list");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#') continue;
        std::vector<std::string> members;
        std::size_t at = 0;
        while (at <= line.size()) {
            const std::size_t comma = std::min(line.find(',', at), line.size());
            std::string member = line.substr(at, comma - at);
            member.erase(0, member.find_first_not_of(" \t\r"));
            member.erase(member.find_last_not_of(" \t\r") + 1);
            if (!member.empty()) members.push_back(member);
            at = comma + 1;
        }
        out.add_group(members, analyzer);
    }
    return out;
}

void Synonyms::add_group(const std::vector<std::string>& members, schema::Analyzer& analyzer) {
    for (const auto& member : members) {
        const std::string k = key(member, analyzer);
        if (k.empty()) continue;
        auto& others = others_[k];
        for (const auto& other : members)
            if (key(other, analyzer) != k && std::find(others.begin(), others.end(), other) == others.end())
                others.push_back(other);
        if (others.empty()) others_.erase(k);
    }
}

std::string Synonyms::key(std::string_view text, schema::Analyzer& analyzer) {
    std::string out;
    for (const auto& t : analyzer.analyze(text))
        if (!t.compound) out += (out.empty() ? "" : " ") + t.term;
    return out;
}

const std::vector<std::string>* Synonyms::others(const std::string& key) const {
    const auto it = others_.find(key);
    return it == others_.end() ? nullptr : &it->second;
}

}  // namespace news::searcher
