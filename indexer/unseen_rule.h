// Which indexed articles a run may delete: those whose source lies under a path given in the
// run and is gone, never the rest of the archive. Serves IndexWriter's end of a run.
#pragma once

#include "indexer/readers/corpus_reader.h"
#include "schema/document_data.h"

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace news::indexer {

/// What becomes of an indexed article that this run did not see.
enum class Unseen {
    Delete,   // its source lies under a path given in this run and is gone (or --delete named it)
    Keep,     // its input was rejected this run: a bad night never loses indexed articles
    Outside,  // its source lies outside the paths given in this run: not this run's business
    Orphan,   // Outside, and its source file is gone: kept (unless --delete-orphans), and reported
    Moved,    // Orphan, and this run added the same article under a new id: deleted, not lost
};

/// A run deletes at most this share of the index, unless told --allow-mass-delete ...
inline constexpr double kMassDeleteShare = 0.2;
/// ... or fewer than this many articles.
inline constexpr std::size_t kMassDeleteMin = 100;

/// The most deletions the guard lets a run make on an index of `documents` articles.
std::size_t mass_delete_limit(std::size_t documents);

class UnseenRule {
  public:
    /// `id_root`: the root the database's file keys are relative to (source_key()).
    explicit UnseenRule(std::filesystem::path id_root) : id_root_(std::move(id_root)) {}

    /// A path given in this run, canonical; a directory covers every file under it.
    void add_input(const std::filesystem::path& canonical, bool directory);

    /// Articles indexed from input rejected in this run are kept (ReadReport::kept_*).
    void add(const ReadReport& report);

    /// Ids named by --delete: deleted whatever the inputs.
    void delete_ids(const std::vector<std::string>& ids);

    /// --delete-orphans: an orphan (Outside, its source file gone) is deleted, unless Moved.
    void delete_orphans() { delete_orphans_ = true; }

    /// --no-delete: nothing is deleted but what delete_ids() names.
    void keep_all() { keep_all_ = true; }

    /// An article this run added under an id the index did not hold: an orphan with the same
    /// text (moved_key()) is the same article under its old id. Each one stands for one orphan.
    void add_new(const schema::ArticleFields& article) { ++new_keys_[moved_key(article)]; }

    /// What identifies a moved article: a hash of its title, body, date, source and url (not of
    /// its id or path, which the move changed). Within one process only.
    static std::size_t moved_key(const schema::ArticleFields& article);

    /// `doc` is of the live index, whose stored articles `codec` reads. An Outside article is
    /// checked for its source file (one stat per file key), so orphans are told apart; an
    /// orphan matching an article of add_new() is Moved, and uses that article up.
    Unseen classify(const std::string& id_term, const Xapian::Document& doc, const schema::DocumentCodec& codec);

    /// The articles of `db` whose source file lies under this run's inputs and no longer
    /// exists: the deletions known before reading anything (a folder renamed or removed).
    std::size_t gone_files(const Xapian::Database& db) const;

  private:
    struct Input {
        std::string key;       // source_key() of the path
        std::string absolute;  // its canonical path
        bool directory;
        bool holds_root;       // a directory holding id_root: covers every relative key
    };
    /// Whether an article whose file key (or, indexed without one, id) is `key` lies under a
    /// path given in this run.
    bool covers(std::string_view key, bool is_id) const;
    bool kept(const std::string& id_term, const Xapian::Document& doc, const schema::DocumentCodec& codec) const;
    /// Whether the file of `key` is known to be gone (one that cannot be stat'ed is not).
    bool file_gone(const std::string& key) const;
    bool moved(const Xapian::Document& doc, const schema::DocumentCodec& codec);

    std::filesystem::path id_root_;
    std::vector<Input> inputs_;
    std::unordered_set<std::string> kept_ids_, kept_paths_, deleted_;
    std::vector<std::string> kept_prefixes_;
    std::unordered_map<std::size_t, std::size_t> new_keys_;  // moved_key() -> articles added
    std::unordered_map<std::string, bool> gone_;              // file key -> gone, as stat'ed
    bool keep_all_ = false;
    bool delete_orphans_ = false;
};

}  // namespace news::indexer
