// BM25 with its document-length normalisation done at index time: the contract between the
// DocumentBuilder, which stores each term's length-normalised frequency as its wdf, and the
// Searcher, which ranks with BM25 on those wdfs and no per-match length lookup.
//
// Why: Xapian's BM25 reads every candidate's document length from a second postlist; on
// Reuters x50 that is 80% of a one-word query (4.7 ms for "oil" with b = 0.75, 0.76 ms with
// b = 0; README, Ranking quality). Normalising at index time against a fixed pivot length gives the
// same ranking as BM25 with that average length, up to the rounding of the stored wdfs.
#pragma once

#include <xapian.h>

namespace news::schema {

inline constexpr double kBm25K1 = 1.2;          // Robertson's standard values (README, ranking)
inline constexpr double kBm25B = 0.75;
inline constexpr double kBm25MinNormLength = 0.5;  // as Xapian's BM25: normalised lengths floor at 0.5
inline constexpr double kLengthPivot = 150;     // words: the "average" article length of BM25
inline constexpr double kWdfScale = 16;         // stored wdf = 16 x normalised frequency, rounded

/// The wdf to store for a term that occurs `count` times (title occurrences weighted) in an
/// article of `length` words: kWdfScale * count / (1 - b + b * max(length / pivot, 0.5)), at least 1.
Xapian::termcount normalised_wdf(double count, double length);

/// BM25 over normalised wdfs: k1 scaled like the wdfs and b = 0, so no document lengths are
/// read. Every term's weight is BM25's times one constant, so rankings are BM25's.
Xapian::BM25Weight ranking_weight();

}  // namespace news::schema
