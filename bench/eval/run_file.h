// TREC run files: "qid Q0 docid rank score runtag", one line per retrieved document, the
// format trec_eval reads. Serves the arrow: rankings -> run file (for trec_eval or diffing).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace news::eval {

struct RunEntry {
    std::string docid;
    double score = 0;  // engine score; rank order is what we evaluate (see README.md)
};

/// Writes one query's ranking, ranks from 1, scores with 6 decimals. `tag` must not contain
/// white space (trec_eval splits on it); spaces in it are replaced by '_'.
void write_run(std::ostream& out, const std::string& qid, const std::vector<RunEntry>& ranking,
               const std::string& tag);

}  // namespace news::eval
