#include "searcher/remote.h"

#include "schema/document_layout.h"
#include "schema/errors.h"
#include "schema/fields.h"
#include "searcher/snippets.h"

#include <sstream>

namespace news::searcher {

std::vector<ShardLine> parse_stub(const std::string& text, const std::filesystem::path& dir, const std::string& where) {
    std::vector<ShardLine> out;
    std::istringstream in(text);
    std::size_t number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        const auto start = line.find_first_not_of(" \t\r");
        if (start == std::string::npos || line[start] == '#') continue;
        const auto end = line.find_last_not_of(" \t\r");
        line = line.substr(start, end - start + 1);
        ShardLine shard;
        shard.text = line;
        const auto space = line.find_first_of(" \t");
        shard.kind = line.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : line.substr(line.find_first_not_of(" \t", space));
        const bool local = shard.kind == "auto" || shard.kind == "glass" || shard.kind == "chert";
        if (local && !rest.empty()) {
            const std::filesystem::path p = rest;
            shard.target = (p.is_absolute() ? p : dir / p).string();
        } else if (shard.kind == "remote" && !rest.empty() && rest.find(':') != std::string::npos) {
            shard.target = rest;
        } else if (shard.kind != "inmemory") {
            throw Error(where + ":" + std::to_string(number) + ": '" + line +
                        "' is not a stub line; write 'auto PATH', 'remote HOST:PORT' or 'remote :xapian-progsrv PATH'");
        }
        out.push_back(std::move(shard));
    }
    return out;
}

Xapian::Database open_shard(const ShardLine& shard, const RemoteOptions& options) {
    if (!shard.remote()) {
        if (shard.kind == "inmemory") return Xapian::Database(std::string(), Xapian::DB_BACKEND_INMEMORY);
        return Xapian::Database(shard.target);
    }
    const auto ms = [](double seconds) { return static_cast<unsigned>(seconds * 1000); };
    if (shard.target[0] == ':') {  // a program speaking the protocol on its stdin and stdout
        const std::string command = shard.target.substr(1);
        const auto space = command.find(' ');
        return Xapian::Remote::open(command.substr(0, space), space == std::string::npos ? "" : command.substr(space + 1),
                                    ms(options.timeout));
    }
    const auto colon = shard.target.rfind(':');
    unsigned port = 0;
    try {
        port = static_cast<unsigned>(std::stoul(shard.target.substr(colon + 1)));
    } catch (const std::exception&) {
        throw Error("shard '" + shard.text + "': the port is not a number");
    }
    return Xapian::Remote::open(shard.target.substr(0, colon), port, ms(options.timeout), ms(options.connect_timeout));
}

Xapian::MSet unweighted_pass(const Xapian::Database& db, const Xapian::Query& query, Xapian::doccount limit) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, limit);
}

Xapian::doccount count_matches(const Xapian::Database& db, const Xapian::Query& query) {
    return unweighted_pass(db, query, db.get_doccount()).get_matches_estimated();
}

Xapian::Query without_date(const Xapian::Query& query) {
    // Dates are "YYYYMMDD": every one is at least "0"; articles without a value never match.
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::slot::kDate, "0"));
}

Xapian::Query same_key(const Xapian::Query& query, const std::string& key) {
    return Xapian::Query(Xapian::Query::OP_FILTER, query,
                         Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot::kDupKey, key, key));
}

std::vector<std::string> text_matching_terms(schema::Analyzer& analyzer, const schema::StoredArticle& article,
                                             const Xapian::Query& query) {
    Xapian::Document doc;
    schema::add_text(doc, analyzer.analyze(article.title), analyzer.analyze(article.body), article.title_derived);
    std::vector<std::string> out;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string term = *t;
        if (match_terms({term}).empty()) continue;  // a filter term: never highlighted
        auto in_doc = doc.termlist_begin();
        in_doc.skip_to(term);
        if (in_doc != doc.termlist_end() && *in_doc == term) out.push_back(term);
    }
    return out;
}

std::pair<double, double> percent_scale(const Xapian::Database& db, const Xapian::Query& query, const Xapian::Weight& weight) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(weight);
    const Xapian::MSet best = enquire.get_mset(0, 1);
    if (best.empty()) return {0, 1};
    const int percent = best.begin().get_percent();
    double share = 1;
    if (percent < 100)  // Xapian's percentage is floor(100 x matched subqueries / all of them)
        for (int n = 1, found = 0; n <= 1000 && !found; ++n)
            for (int k = 1; k <= n && !found; ++k)
                if (100 * k >= percent * n && 100 * k < (percent + 1) * n) share = static_cast<double>(k) / n, found = 1;
    return {best.begin().get_weight(), share};
}

void refuse_on_remote(const Xapian::Query& query) {
    if (query.get_type() == Xapian::Query::LEAF_POSTING_SOURCE)
        throw QueryError("title phrases (title:\"...\") are checked by a posting source of newsdex's own, which a remote "
                         "shard cannot run; search the phrase without title:, or search local shards",
                         0);
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) refuse_on_remote(query.get_subquery(i));
}

Xapian::docid whole_docid(Xapian::docid partial, const std::vector<std::size_t>& present, std::size_t count) {
    const std::size_t m = present.size();
    const std::size_t j = (partial - 1) % m;
    const Xapian::docid local = (partial - 1) / static_cast<Xapian::docid>(m) + 1;
    return (local - 1) * static_cast<Xapian::docid>(count) + static_cast<Xapian::docid>(present[j]) + 1;
}

}  // namespace news::searcher
