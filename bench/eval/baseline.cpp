#include "bench/eval/baseline.h"

#include <xapian.h>

#include <cctype>

namespace news::eval {

std::map<std::string, std::vector<RunEntry>> run_xapian_baseline(
    const std::vector<SmartDocument>& docs, const std::vector<SmartQuery>& queries,
    const std::vector<std::string>& query_keys, std::size_t depth) {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    const Xapian::Stem stemmer("english");
    Xapian::TermGenerator generator;
    generator.set_stemmer(stemmer);
    for (const auto& d : docs) {
        Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text(d.title);
        generator.increase_termpos();
        generator.index_text(d.text);
        doc.set_data(d.id);
        db.add_document(doc);
    }

    Xapian::QueryParser parser;
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_OR);
    parser.set_database(db);
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BM25Weight());

    std::map<std::string, std::vector<RunEntry>> run;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        // Lower-cased because STEM_SOME leaves capitalised words unstemmed and the parser
        // reads AND/OR/NOT in capitals as operators: the baseline as users would tune it.
        std::string text = queries[i].text;
        for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        enquire.set_query(parser.parse_query(text));
        auto& ranking = run[query_keys[i]];
        const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
        for (auto it = mset.begin(); it != mset.end(); ++it)
            ranking.push_back({it.get_document().get_data(), it.get_weight()});
    }
    return run;
}

}  // namespace news::eval
