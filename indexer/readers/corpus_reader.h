// Walks corpus paths and turns files into Articles, one reader per format.
// Serves the arrow: corpus file -Reader-> Article. Bad input is data: it becomes a note,
// never an exception, and the walk goes on.
#pragma once

#include "indexer/article.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace news::indexer {

/// One problem found while reading, "where" is "file" or "file:line" (1-based).
struct ReadNote {
    std::string where;
    std::string message;
};

/// What a walk saw, besides the articles themselves. Every input item ends up in exactly
/// one of: an article passed to the sink, `rejected`, or `skipped` (empty/binary files).
struct ReadReport {
    std::size_t files_seen = 0;          // regular files considered (any extension we read)
    std::size_t items_seen = 0;          // files, JSON Lines records and unreadable directories
    std::size_t articles = 0;            // articles passed to the sink
    std::vector<ReadNote> warnings;      // article kept, but something was repaired (bad UTF-8)
    std::vector<ReadNote> rejected;      // records or files not indexed: malformed, unreadable
    std::vector<ReadNote> skipped;       // files not indexed on purpose: empty, binary
    // Input rejected this run may hold articles indexed by earlier runs; an incremental
    // update must keep those (nothing already indexed is lost).
    std::vector<std::string> kept_ids;          // article ids of rejected records ("f.jsonl#7")
    std::vector<std::string> kept_id_prefixes;  // "f.jsonl#" (records of a file), "dir/" (a tree)
    std::vector<std::string> kept_paths;        // rejected files, as Article::path would name them
    std::uintmax_t bytes_read = 0;              // input bytes consumed so far, for progress
};

/// Bytes of the corpus files read_corpus(root) would read (same formats, same walk, symlink
/// loops not followed): the total for a progress display. Unreadable parts count as 0.
std::uintmax_t corpus_bytes(const std::filesystem::path& root);

using ArticleSink = std::function<void(Article&&)>;

/// Default bound of one JSON Lines record (newsdex-index --max-record-mb).
inline constexpr std::size_t kMaxRecordBytes = 64u << 20;

struct ReaderOptions {
    std::size_t max_file_bytes = 64u << 20;  // larger single files are rejected with a note
    // Absolute and canonical: file keys, and so article ids, are relative to it (source_key()).
    // Empty: relative to the root given to read_corpus(), or the file name for a file.
    std::filesystem::path id_root;
    std::size_t max_record_bytes = kMaxRecordBytes;  // longer JSON Lines lines are rejected
    // Once set, no further file or JSON Lines record is read: read_corpus() returns with what
    // it read (the indexer stops so after a batch on a stop request).
    const std::atomic<bool>* stop = nullptr;
};

/// The key a file (or folder) is known by in article ids: its path relative to `id_root` when
/// it lies inside it ("tech/a.txt"; "" for id_root itself), else its absolute path
/// ("/srv/other/a.txt"); '/'-separated. `canonical` is absolute, symlinks resolved.
std::string source_key(const std::filesystem::path& canonical, const std::filesystem::path& id_root);

/// Reads every article under `root` (a file or a directory walked recursively, symlink loops
/// detected) and passes each one to `sink` in a deterministic order (sorted paths, then line
/// order). Article ids are file keys (source_key() under options.id_root; Article::file),
/// plus "#<record id>" for JSON Lines records.
/// Formats by extension (case-insensitive): .txt raw text (front matter if it starts with a
/// "---" block), .md/.markdown front matter, .jsonl JSON Lines (streamed; other files over
/// max_file_bytes are rejected), .html/.htm pages (html_reader.h). Other files of a walked
/// directory are skipped as "unsupported file type"; ignored silently, not counted: hidden
/// files, README.md files inside the walked directory (corpus/README.md documents the corpus),
/// and "<file>.meta.yaml" sidecars, which override the metadata of the .txt file beside them.
/// Invariant afterwards: items_seen == articles + rejected.size() + skipped.size().
/// @throws news::Error only if `root` itself does not exist or cannot be opened.
void read_corpus(const std::filesystem::path& root, const ArticleSink& sink, ReadReport& report,
                 const ReaderOptions& options = {});

}  // namespace news::indexer
