// Reader for JSON Lines corpora: one JSON object per line, streamed, never the whole file.
// Serves the arrow: corpus file -Reader-> Article.
#pragma once

#include "indexer/readers/corpus_reader.h"

#include <cstddef>
#include <istream>
#include <string>

namespace news::indexer {

/// Reads one article per non-blank line of `in` (memory stays one line plus the ids seen).
/// A line longer than `max_record_bytes` is rejected as soon as the limit is reached, and
/// skipped to its end without being stored; a line holding a NUL byte is rejected. Keys: id (string or integer, required), body
/// (non-empty string, required), title, date, url, source (strings, optional; a missing
/// title is derived from the body), and any key holding an array of strings -> Article::lists.
/// Article::id is "<id_prefix>#<id>", Article::path is `file`, Article::line the 1-based line.
/// A bad line (any error of the JSON library included) becomes a rejected note
/// "file:LINE: reason" and reading goes on; a repeated id
/// is rejected as "duplicate id X, first seen on line N"; invalid UTF-8 in a line is repaired
/// with a warning "file:LINE: invalid UTF-8 at byte N ..." (N 0-based within the line).
/// A rejected line adds its article id to report.kept_ids, or "<id_prefix>#" to
/// report.kept_id_prefixes when its id is unknown; report.bytes_read grows line by line.
/// Once `stop` is set, no further line is read.
/// @return the number of non-blank lines (records) read; each one reached `sink` or was rejected.
std::size_t read_jsonl(std::istream& in, const std::string& file, const std::string& id_prefix,
                       const ArticleSink& sink, ReadReport& report,
                       std::size_t max_record_bytes = kMaxRecordBytes, const std::atomic<bool>* stop = nullptr);

}  // namespace news::indexer
