#include "indexer/readers/corpus_reader.h"

#include "indexer/readers/front_matter_reader.h"
#include "indexer/readers/html_reader.h"
#include "indexer/readers/jsonl_reader.h"
#include "indexer/readers/text_reader.h"
#include "indexer/readers/utf8.h"
#include "schema/errors.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <system_error>
#include <utility>

namespace news::indexer {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kBinarySample = 8192;  // bytes inspected by looks_binary()

enum class Format { None, Text, Markdown, JsonLines, Html };

constexpr const char* kFormatsRead = ".txt, .md, .markdown, .jsonl, .html, .htm";

std::string ascii_lower(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

Format format_of(const fs::path& file, bool inside_corpus_directory) {
    if (inside_corpus_directory && ascii_lower(file.filename().string()) == "readme.md")
        return Format::None;
    const std::string ext = ascii_lower(file.extension().string());
    if (ext == ".txt") return Format::Text;
    if (ext == ".md" || ext == ".markdown") return Format::Markdown;
    if (ext == ".jsonl") return Format::JsonLines;
    if (ext == ".html" || ext == ".htm") return Format::Html;
    return Format::None;  // includes "<file>.meta.yaml" sidecars, read with their .txt file
}

/// A file of the walk that is no article: not hidden (".DS_Store"), not a README.md, not a
/// "<file>.meta.yaml" sidecar of the .txt beside it.
bool not_an_article(const fs::path& file) {
    const std::string name = file.filename().string();
    if (name.starts_with('.') || ascii_lower(name) == "readme.md") return false;
    if (name.ends_with(".meta.yaml")) return false;
    return true;
}

std::string os_error(int error) { return std::error_code{error, std::generic_category()}.message(); }

/// A NUL byte (when `nul_is_binary`), or more than one control character in ten (besides
/// tab, newlines, form feed). JSON Lines decide NUL bytes record by record (jsonl_reader.h).
bool looks_binary(std::string_view sample, bool nul_is_binary = true) {
    sample = sample.substr(0, kBinarySample);
    std::size_t control = 0;
    for (const char c : sample) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == 0 && nul_is_binary) return true;
        if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ||
            byte == 0x7F)
            ++control;
    }
    return control * 10 > sample.size();
}

/// What a non-regular, non-directory file is, for a note.
std::string file_kind(const fs::file_status& status) {
    switch (status.type()) {
        case fs::file_type::fifo: return "FIFO";
        case fs::file_type::character: return "character device";
        case fs::file_type::block: return "block device";
        case fs::file_type::socket: return "socket";
        default: return "special file";
    }
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

/// Reads a whole file; false with the OS reason in `error` when it cannot be opened or read.
bool read_whole_file(const fs::path& path, std::string& out, std::string& error) {
    errno = 0;
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{std::fopen(path.c_str(), "rb"),
                                                               &std::fclose};
    if (!file) {
        error = os_error(errno);
        return false;
    }
    char buffer[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) out.append(buffer, n);
    if (std::ferror(file.get())) {
        error = os_error(errno);
        return false;
    }
    return true;
}

/// Identity of a directory that survives symlinks: device and inode.
std::optional<std::pair<dev_t, ino_t>> identity(const fs::path& dir) {
    struct stat info {};
    if (::stat(dir.c_str(), &info) != 0) return std::nullopt;
    return std::pair{info.st_dev, info.st_ino};
}

class Walker {
  public:
    Walker(const ArticleSink& sink, ReadReport& report, const ReaderOptions& options)
        : sink_(sink), report_(report), options_(options) {}

    void walk(const fs::path& dir, const fs::path& relative);
    void read_file(const fs::path& path, const std::string& id, Format format);
    bool enter(const fs::path& dir);  // false (with a warning) if already visited
    void leave() { ancestors_.pop_back(); }

  private:
    void read_jsonl_file(const fs::path& path, const std::string& id);
    void read_page(const fs::path& path, const std::string& id, std::string_view content);
    void apply_sidecar(const fs::path& file, Article& article);
    void deliver(Article&& article) {
        ++report_.articles;
        sink_(std::move(article));
    }
    void reject(const std::string& where, std::string message) {
        ++report_.items_seen;
        report_.rejected.push_back({where, std::move(message)});
    }
    /// An earlier run may have indexed `id` (a whole file) or records "id#..." from `path`.
    void keep_file(const fs::path& path, const std::string& id) {
        report_.kept_ids.push_back(id);
        report_.kept_id_prefixes.push_back(id + "#");
        report_.kept_paths.push_back(path.string());
    }
    void skip(const std::string& where, std::string message) {
        ++report_.items_seen;
        report_.skipped.push_back({where, std::move(message)});
    }

    const ArticleSink& sink_;
    ReadReport& report_;
    const ReaderOptions& options_;
    std::set<std::pair<dev_t, ino_t>> visited_;
    std::vector<std::pair<std::pair<dev_t, ino_t>, fs::path>> ancestors_;
};

bool Walker::enter(const fs::path& dir) {
    const auto id = identity(dir);
    if (!id) {  // cannot stat: directory_iterator will report why it cannot be opened
        ancestors_.emplace_back(std::pair<dev_t, ino_t>{}, dir);
        return true;
    }
    if (!visited_.insert(*id).second) {
        const auto ancestor = std::find_if(ancestors_.begin(), ancestors_.end(),
                                           [&](const auto& a) { return a.first == *id; });
        report_.warnings.push_back(
            {dir.string(), ancestor != ancestors_.end()
                               ? "symlink loop back to " + ancestor->second.string() +
                                     "; not followed"
                               : std::string{"directory already read through another path; "
                                             "not followed"}});
        return false;
    }
    ancestors_.emplace_back(*id, dir);
    return true;
}

void Walker::walk(const fs::path& dir, const fs::path& relative) {
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it{dir, ec}, end; !ec && it != end; it.increment(ec))
        entries.push_back(*it);
    if (ec) {
        reject(dir.string(), "cannot read directory: " + ec.message());
        report_.kept_id_prefixes.push_back(relative.generic_string() + "/");
        return;
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.path().filename().native() < b.path().filename().native();
    });
    for (const auto& entry : entries) {
        if (options_.stop && options_.stop->load()) return;
        const fs::path& path = entry.path();
        fs::path child = relative / path.filename();
        // A walk from above the id root comes back into it: keys inside it are relative.
        if (child.is_absolute() && !options_.id_root.empty()) child = source_key(child, options_.id_root);
        const fs::file_status status = fs::status(path, ec);  // follows symlinks
        if (ec) {
            const std::string reason = ec.message();
            if (!fs::is_symlink(fs::symlink_status(path, ec))) continue;
            if (format_of(path, true) != Format::None) {  // a corpus file we cannot reach
                ++report_.files_seen;
                reject(path.string(), "cannot read file: " + reason + " (broken or looping symlink)");
                keep_file(path, child.generic_string());
            } else {
                report_.warnings.push_back({path.string(), "broken or looping symlink; not followed"});
            }
            continue;
        }
        if (fs::is_directory(status)) {
            if (!enter(path)) continue;
            walk(path, child);
            leave();
        } else if (fs::is_regular_file(status)) {
            const Format format = format_of(path, true);
            if (format != Format::None) {
                read_file(path, child.generic_string(), format);
            } else if (not_an_article(path)) {
                ++report_.files_seen;
                skip(path.string(), std::string("unsupported file type (newsdex reads ") + kFormatsRead + ")");
            }
        } else if (format_of(path, true) != Format::None) {  // never opened: a FIFO would block
            skip(path.string(), "not a regular file (" + file_kind(status) + "); skipped");
        }
    }
}

void Walker::read_file(const fs::path& path, const std::string& id, Format format) {
    ++report_.files_seen;
    const std::string where = path.string();
    if (format == Format::JsonLines) {
        read_jsonl_file(path, id);
        return;
    }
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (!ec) report_.bytes_read += size;
    if (!ec && size > options_.max_file_bytes) {
        reject(where, "file is " + std::to_string(size) + " bytes, over the limit of " +
                          std::to_string(options_.max_file_bytes) + " bytes");
        keep_file(path, id);
        return;
    }
    std::string content, error;
    if (!read_whole_file(path, content, error)) {
        reject(where, "cannot read file: " + error);
        keep_file(path, id);
        return;
    }
    if (is_blank(content)) return skip(where, "empty file");
    if (looks_binary(content)) return skip(where, "binary file");
    if (format == Format::Html) return read_page(path, id, content);  // libxml2 decodes its charset
    if (find_invalid_utf8(content) != std::string::npos) {
        DecodedText decoded = decode_text(content);
        content = std::move(decoded.text);
        report_.warnings.push_back({where, std::move(decoded.note)});
    }
    std::string_view text = content;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // byte order mark

    const std::size_t rejected_before = report_.rejected.size();
    auto article = format == Format::Text && !has_front_matter(text)
                       ? read_text(text, where, report_)
                       : read_front_matter(text, format == Format::Markdown, where, report_);
    if (!article) {
        report_.items_seen += report_.rejected.size() - rejected_before;
        keep_file(path, id);
        return;
    }
    ++report_.items_seen;
    if (article->id.empty()) article->id = id;
    article->path = where;
    article->file = id;
    if (format == Format::Text) apply_sidecar(path, *article);
    deliver(std::move(*article));
}

void Walker::read_page(const fs::path& path, const std::string& id, std::string_view content) {
    const std::string where = path.string();
    const std::size_t rejected_before = report_.rejected.size();
    auto article = read_html(content, where, report_);
    if (!article) {
        report_.items_seen += report_.rejected.size() - rejected_before;
        keep_file(path, id);
        return;
    }
    ++report_.items_seen;
    article->id = id;
    article->path = where;
    article->file = id;
    deliver(std::move(*article));
}

void Walker::read_jsonl_file(const fs::path& path, const std::string& id) {
    const std::string where = path.string();
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    const std::uintmax_t bytes_after = report_.bytes_read + (ec ? 0 : size);
    errno = 0;
    std::ifstream in{path, std::ios::binary};
    if (!in) {
        reject(where, "cannot read file: " + os_error(errno));
        keep_file(path, id);
        report_.bytes_read = bytes_after;
        return;
    }
    std::string sample(kBinarySample, '\0');
    in.read(sample.data(), static_cast<std::streamsize>(sample.size()));
    sample.resize(static_cast<std::size_t>(in.gcount()));
    if (looks_binary(sample, false)) {
        report_.bytes_read = bytes_after;
        return skip(where, "binary file");
    }
    in.clear();
    in.seekg(0);
    const std::size_t records =
        read_jsonl(in, where, id,
                   [this, &id](Article&& article) {
                       article.file = id;
                       deliver(std::move(article));
                   },
                   report_, options_.max_record_bytes, options_.stop);
    report_.bytes_read = bytes_after;  // read_jsonl counted line by line; make it exact
    if (records == 0) return skip(where, "empty file");
    report_.items_seen += records;
}

void Walker::apply_sidecar(const fs::path& file, Article& article) {
    fs::path sidecar = file;
    sidecar += ".meta.yaml";
    std::error_code ec;
    if (!fs::is_regular_file(sidecar, ec)) return;
    const std::string where = sidecar.string();
    std::string text, error;
    if (!read_whole_file(sidecar, text, error)) {
        report_.warnings.push_back({where, "sidecar ignored: cannot read file: " + error});
        return;
    }
    if (find_invalid_utf8(text) != std::string::npos) {
        DecodedText decoded = decode_text(text);
        text = std::move(decoded.text);
        report_.warnings.push_back({where, std::move(decoded.note)});
    }
    YamlError yaml_error;
    const auto meta = parse_metadata(text, yaml_error);
    if (!meta) {
        report_.warnings.push_back(
            {yaml_error.line > 0 ? where + ":" + std::to_string(yaml_error.line) : where,
             "sidecar ignored: " + yaml_error.message});
        return;
    }
    for (const auto& problem : meta->problems)
        report_.warnings.push_back({problem.line > 0 ? where + ":" + std::to_string(problem.line) : where, problem.message});
    apply_metadata(*meta, article);
}

/// Sums the sizes of the files Walker::walk would read under `dir`.
std::uintmax_t tree_bytes(const fs::path& dir, std::set<std::pair<dev_t, ino_t>>& visited) {
    const auto id = identity(dir);
    if (!id || !visited.insert(*id).second) return 0;
    std::uintmax_t total = 0;
    std::error_code ec;
    for (fs::directory_iterator it{dir, ec}, end; !ec && it != end; it.increment(ec)) {
        std::error_code status_ec;
        const fs::file_status status = fs::status(it->path(), status_ec);
        if (status_ec) continue;
        if (fs::is_directory(status)) {
            total += tree_bytes(it->path(), visited);
        } else if (fs::is_regular_file(status) && format_of(it->path(), true) != Format::None) {
            const auto size = fs::file_size(it->path(), status_ec);
            if (!status_ec) total += size;
        }
    }
    return total;
}

}  // namespace

std::uintmax_t corpus_bytes(const std::filesystem::path& root) {
    std::error_code ec;
    if (std::filesystem::is_directory(root, ec)) {
        std::set<std::pair<dev_t, ino_t>> visited;
        return tree_bytes(root, visited);
    }
    const auto size = std::filesystem::file_size(root, ec);
    return ec ? 0 : size;
}

std::string source_key(const std::filesystem::path& canonical, const std::filesystem::path& id_root) {
    if (!id_root.empty()) {
        const fs::path relative = canonical.lexically_relative(id_root);
        if (relative == ".") return {};
        if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
    }
    return canonical.generic_string();
}

void read_corpus(const std::filesystem::path& root, const ArticleSink& sink, ReadReport& report,
                 const ReaderOptions& options) {
    std::error_code ec;
    const auto status = std::filesystem::status(root, ec);
    if (ec) throw Error("corpus root " + root.string() + ": " + ec.message());
    Walker walker{sink, report, options};
    // The key of `root` itself: what the ids of the files under it start with.
    std::string key;
    if (!options.id_root.empty()) key = source_key(fs::weakly_canonical(fs::absolute(root)), options.id_root);
    if (std::filesystem::is_directory(status)) {
        std::filesystem::directory_iterator probe{root, ec};
        if (ec) throw Error("corpus root " + root.string() + ": " + ec.message());
        walker.enter(root);
        walker.walk(root, key);
        walker.leave();
        return;
    }
    if (!std::filesystem::is_regular_file(status))
        throw Error("corpus root " + root.string() + ": not a file or directory");
    errno = 0;
    if (!std::ifstream{root, std::ios::binary})
        throw Error("corpus root " + root.string() + ": " + os_error(errno));
    const Format format = format_of(root, false);
    if (format == Format::None) {
        report.warnings.push_back(
            {root.string(), std::string("not a corpus file (") + kFormatsRead + "); nothing read"});
        return;
    }
    walker.read_file(root, options.id_root.empty() ? root.filename().string() : key, format);
}

}  // namespace news::indexer
