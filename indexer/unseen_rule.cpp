#include "indexer/unseen_rule.h"

#include "schema/document_layout.h"
#include "schema/fields.h"

#include <algorithm>
#include <unordered_map>

namespace news::indexer {

namespace fs = std::filesystem;

std::size_t mass_delete_limit(std::size_t documents) {
    return std::max(kMassDeleteMin - 1, static_cast<std::size_t>(static_cast<double>(documents) * kMassDeleteShare));
}

void UnseenRule::add_input(const fs::path& canonical, bool directory) {
    const fs::path inside = id_root_.lexically_relative(canonical);
    const bool holds_root = directory && !id_root_.empty() && !inside.empty() && *inside.begin() != "..";
    inputs_.push_back({source_key(canonical, id_root_), canonical.generic_string(), directory, holds_root});
}

void UnseenRule::add(const ReadReport& report) {
    for (const auto& id : report.kept_ids) kept_ids_.insert(schema::id_term(id));
    for (const auto& prefix : report.kept_id_prefixes) kept_prefixes_.push_back(schema::id_term(prefix));
    kept_paths_.insert(report.kept_paths.begin(), report.kept_paths.end());
}

void UnseenRule::delete_ids(const std::vector<std::string>& ids) {
    for (const auto& id : ids) deleted_.insert(schema::id_term(id));
}

bool UnseenRule::covers(std::string_view key, bool is_id) const {
    for (const auto& input : inputs_) {
        if (input.directory) {
            if (input.holds_root && !key.starts_with('/')) return true;
            if (!input.key.empty() && key.size() > input.key.size() && key.starts_with(input.key) &&
                key[input.key.size()] == '/')
                return true;
        } else if (key == input.key ||
                   (is_id && key.size() > input.key.size() && key.starts_with(input.key) &&
                    key[input.key.size()] == '#')) {
            return true;
        }
    }
    return false;
}

bool UnseenRule::kept(const std::string& id_term, const Xapian::Document& doc,
                      const schema::DocumentCodec& codec) const {
    if (kept_ids_.contains(id_term)) return true;
    for (const auto& prefix : kept_prefixes_)  // ids cut by id_term() keep their first 183 bytes
        if (id_term.starts_with(prefix)) return true;
    // An id set by front matter or a sidecar does not name its file: ask the stored path.
    if (kept_paths_.empty()) return false;
    try {
        return kept_paths_.contains(codec.load(doc).path);
    } catch (const std::exception&) {  // not our data: nothing says it came from there
        return false;
    }
}

std::size_t UnseenRule::moved_key(const schema::ArticleFields& a) {
    std::size_t h = 0;
    for (const std::string* s : {&a.title, &a.body, &a.date, &a.time, &a.source, &a.url})
        h = (h ^ std::hash<std::string>{}(*s)) * 0x100000001b3ULL + s->size();
    return h;
}

bool UnseenRule::file_gone(const std::string& key) const {
    std::error_code ec;  // a file we cannot stat is not known to be gone
    const fs::path path = key.starts_with('/') ? fs::path(key) : id_root_ / key;
    return !fs::exists(fs::symlink_status(path, ec)) && (!ec || ec == std::errc::no_such_file_or_directory);
}

bool UnseenRule::moved(const Xapian::Document& doc, const schema::DocumentCodec& codec) {
    if (new_keys_.empty()) return false;
    schema::ArticleFields stored;
    try {
        stored = codec.load(doc);
    } catch (const std::exception&) {  // unreadable: nothing says it is the same article
        return false;
    }
    const auto at = new_keys_.find(moved_key(stored));
    if (at == new_keys_.end()) return false;
    if (--at->second == 0) new_keys_.erase(at);
    return true;
}

Unseen UnseenRule::classify(const std::string& id_term, const Xapian::Document& doc,
                            const schema::DocumentCodec& codec) {
    if (deleted_.contains(id_term)) return Unseen::Delete;
    if (keep_all_) return Unseen::Outside;
    // A document written without a file key (by an older newsdex) is placed by its id.
    std::string key = doc.get_value(schema::slot::kFile);
    const bool is_id = key.empty();
    if (is_id) key = schema::article_id(id_term);
    if (covers(key, is_id)) return kept(id_term, doc, codec) ? Unseen::Keep : Unseen::Delete;
    if (is_id) return Unseen::Outside;  // no file key: where it came from is not known
    const auto [at, fresh] = gone_.try_emplace(key, false);  // a JSON Lines file holds many articles
    if (fresh) at->second = file_gone(key);
    if (!at->second) return Unseen::Outside;
    if (moved(doc, codec)) return Unseen::Moved;
    return delete_orphans_ ? Unseen::Delete : Unseen::Orphan;
}

std::size_t UnseenRule::gone_files(const Xapian::Database& db) const {
    if (keep_all_ || inputs_.empty()) return 0;
    std::unordered_map<std::string, bool> gone;  // by file key: a JSON Lines file holds many articles
    std::size_t count = 0;
    const Xapian::valueno slot = schema::slot::kFile;
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
        const std::string key = *v;
        if (!covers(key, false)) continue;
        const auto [at, fresh] = gone.try_emplace(key, false);
        if (fresh) at->second = file_gone(key);
        count += at->second;
    }
    return count;
}

}  // namespace news::indexer
