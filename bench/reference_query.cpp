// newsdex-bench-ref-query: the query side of the plain-Xapian reference. QueryParser (default
// AND, English stemmer, phrases, date:YYYYMMDD..YYYYMMDD ranges on the date slot), BM25,
// MSet::snippet, and a year facet from a ValueCountMatchSpy over the date slot.
//
//   newsdex-bench-ref-query --db DIR --queries bench/queries.txt [--repeat N]
// Output: the same tab-separated lines as newsdex-bench-query (see query_set.h).
#include "bench/query_set.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

constexpr Xapian::valueno kDateSlot = 0;  // written by reference_index.cpp: "YYYYMMDD"

enum class Mode { Top10, Snippets, Facets };

class ReferenceSearcher {
  public:
    explicit ReferenceSearcher(const std::string& path) : db_(path), stemmer_("english"), dates_(kDateSlot, "date:") {
        parser_.set_database(db_);
        parser_.set_stemmer(stemmer_);
        parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser_.set_default_op(Xapian::Query::OP_AND);
        parser_.add_rangeprocessor(&dates_);
    }

    std::size_t search(const std::string& text, Mode mode) {
        const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE;
        const Xapian::Query query = parser_.parse_query(text, flags);
        Xapian::Enquire enquire(db_);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BM25Weight());
        Xapian::ValueCountMatchSpy spy(kDateSlot);
        if (mode == Mode::Facets) enquire.add_matchspy(&spy);
        // Exact facets need every match examined, as in newsdex.
        const Xapian::MSet mset = enquire.get_mset(0, 10, mode == Mode::Facets ? db_.get_doccount() : 0);
        // Fetch every hit's stored data, as newsdex does to show a result.
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const std::string data = it.get_document().get_data();
            if (mode == Mode::Top10) continue;
            const std::size_t body = data.find('\n', data.find('\n') + 1);
            snippets_.push_back(mset.snippet(data.substr(body + 1), 240, stemmer_));
        }
        if (mode == Mode::Facets) {  // per-date counts -> per-year counts
            years_.clear();
            for (auto v = spy.values_begin(); v != spy.values_end(); ++v)
                years_[(*v).substr(0, 4)] += v.get_termfreq();
        }
        snippets_.clear();
        return mset.get_matches_estimated();
    }

  private:
    Xapian::Database db_;
    Xapian::Stem stemmer_;
    Xapian::RangeProcessor dates_;
    Xapian::QueryParser parser_;
    std::vector<std::string> snippets_;                // the last query's snippets
    std::map<std::string, Xapian::doccount> years_;   // the last query's year facet
};

}  // namespace

int main(int argc, char** argv) {
    std::string db, queries_file;
    std::size_t repeat = 5;
    CLI::App app{"newsdex-bench-ref-query: time the benchmark query set against the plain-Xapian reference"};
    app.add_option("--db", db, "reference database directory")->required();
    app.add_option("--queries", queries_file, "query set (bench/queries.txt)")->required();
    app.add_option("--repeat", repeat, "timed runs per query after one warm-up (default 5)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    try {
        const auto queries = news::bench::load_query_set(queries_file);
        ReferenceSearcher searcher{db};
        const std::pair<const char*, Mode> modes[] = {
            {"top10", Mode::Top10}, {"snippets", Mode::Snippets}, {"facets", Mode::Facets}};
        for (const auto& [name, mode] : modes) {
            const Mode m = mode;  // clang 14 cannot capture a structured binding
            news::bench::time_queries(std::cout, name, queries.size(), repeat,
                                      [&](std::size_t q) { return searcher.search(queries[q].reference, m); });
        }
        return 0;
    } catch (const Xapian::Error& e) {
        std::cerr << "newsdex-bench-ref-query: " << e.get_description() << "\n";
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "newsdex-bench-ref-query: " << e.what() << "\n";
        return 3;
    }
}
