// The shards a stub file lists, opened one by one so that remote ones (xapian-tcpsrv,
// xapian-progsrv) get explicit timeouts and every failure can name its shard. Serves the
// Searcher's open; what a search over remote shards may use is in docs/shards.md.
#pragma once

#include "schema/analyzer.h"
#include "schema/document_data.h"

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace news::searcher {

/// How the searcher talks to remote shards.
struct RemoteOptions {
    double timeout = 10;          // seconds a remote shard may take over one answer
    double connect_timeout = 3;   // seconds to connect to a remote shard
    bool allow_partial = false;   // answer from the shards that respond, listing the others
};

/// One line of a stub file: "auto gen-000007", "remote 10.0.0.5:7001",
/// "remote :xapian-progsrv /srv/shard-1".
struct ShardLine {
    std::string text;     // the line as written, which messages name
    std::string kind;     // auto, glass, chert, inmemory or remote
    std::string target;   // path (resolved against the stub's folder), HOST:PORT or :PROGRAM ARGS
    bool remote() const { return kind == "remote"; }
};

/// The lines of a stub file's text; blank lines and '#' comments skipped.
/// @throws news::Error naming `where` and the line that is not one Xapian reads.
std::vector<ShardLine> parse_stub(const std::string& text, const std::filesystem::path& dir, const std::string& where);

/// Opens one shard: remote ones with `options`' timeouts. @throws Xapian::Error.
Xapian::Database open_shard(const ShardLine& shard, const RemoteOptions& options);

/// A pass over `query`'s matches without weights, checking up to `limit` of them: the counts
/// are exact up to there, past it the range the matcher knows.
Xapian::MSet unweighted_pass(const Xapian::Database& db, const Xapian::Query& query, Xapian::doccount limit);

/// The articles `query` matches, counted exactly (a pass without weights).
Xapian::doccount count_matches(const Xapian::Database& db, const Xapian::Query& query);

/// `query`'s matches without a publication date (no value in schema::slot::kDate).
Xapian::Query without_date(const Xapian::Query& query);

/// `query`'s matches whose duplicate key (schema::slot::kDupKey) is `key`.
Xapian::Query same_key(const Xapian::Query& query, const std::string& key);

/// The terms of `query` that index `article`'s title and body (as Enquire::get_matching_terms
/// gives them, filter terms left out), found by analysing its stored text again.
std::vector<std::string> text_matching_terms(schema::Analyzer& analyzer, const schema::StoredArticle& article,
                                             const Xapian::Query& query);

/// Xapian's percentage scale of `query` ranked by `weight`: the best match's weight, and the
/// share of the query it matches (read back from its percentage: the simplest fraction that
/// rounds down to it).
std::pair<double, double> percent_scale(const Xapian::Database& db, const Xapian::Query& query, const Xapian::Weight& weight);

/// @throws news::QueryError when `query` holds a posting source of newsdex's own (title
///         phrases), which a remote shard cannot run.
void refuse_on_remote(const Xapian::Query& query);

/// Which shard (0-based, of `count`) holds docid `partial` of a database made of the shards
/// `present` only (ascending), and that article's docid in the database of all `count`.
Xapian::docid whole_docid(Xapian::docid partial, const std::vector<std::size_t>& present, std::size_t count);

}  // namespace news::searcher
