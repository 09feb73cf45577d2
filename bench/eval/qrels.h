// Relevance judgments: TREC qrels ("qid iter docid rel"), Cranfield's three-column file
// ("qid docid code") and the older SMART pair lists ("qid docid 0 0.000000"), all read into TREC-style graded relevance (0 = not relevant).
// Serves the arrow: qrels file -> Qrels -> metrics.
#pragma once

#include <istream>
#include <map>
#include <string>
#include <vector>

namespace news::eval {

/// qid -> docid -> TREC relevance grade. A grade > 0 is relevant (trec_eval's convention);
/// the grade itself is the nDCG gain. Pairs judged not relevant are kept with grade 0.
using Qrels = std::map<std::string, std::map<std::string, int>>;

enum class QrelsFormat {
    Auto,       // decided per file from its first line: three columns Cranfield; four
                // columns Trec, or Pairs when the fourth is not an integer ("0.000000")
    Trec,       // "qid iter docid rel", rel as written (negative counts as 0)
    Cranfield,  // "qid docid code", code 1..4 Cleverdon's grades (1 best), -1 not relevant
    Pairs,      // "qid docid x y" (CISI.REL, MED.REL.OLD): every listed pair relevant, grade 1
};

/// Cranfield code -> TREC grade: 1 -> 4, 2 -> 3, 3 -> 2, 4 -> 1 (grade = 5 - code), so every
/// listed pair with code 1..4 is relevant for the binary measures and a complete answer
/// gains most in nDCG; -1 and anything else -> 0 (judged, not relevant).
int cranfield_grade(int code);

struct QrelsNote {
    std::string where;  // "file:line"
    std::string message;
};

/// Reads judgments; malformed lines become notes and are skipped. A pair listed twice keeps
/// its last grade (with a note).
Qrels read_qrels(std::istream& in, const std::string& file, QrelsFormat format,
                 std::vector<QrelsNote>& notes);

/// How many documents of `judged` have grade > 0.
std::size_t relevant_count(const std::map<std::string, int>& judged);

}  // namespace news::eval
