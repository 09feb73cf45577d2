#include "schema/database_dir.h"

#include "schema/errors.h"
#include "schema/fields.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace news::schema {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kStubName = "XAPIANDB";  // Xapian's name: it follows the stub
constexpr std::string_view kStubTemp = "XAPIANDB.tmp";
constexpr std::string_view kLockName = "newsdex.lock";
constexpr std::string_view kGenPrefix = "gen-";

}  // namespace

fs::path default_database_path() {
    auto env = [](const char* name) -> std::string {
        const char* value = std::getenv(name);
        return value ? value : "";
    };
    if (const auto db = env("NEWSDEX_DB"); !db.empty()) return db;
    if (const auto xdg = env("XDG_DATA_HOME"); !xdg.empty()) return fs::path(xdg) / "newsdex" / "db";
    if (const auto home = env("HOME"); !home.empty()) return fs::path(home) / ".local" / "share" / "newsdex" / "db";
    return "newsdex.db";
}

fs::path stub_file(const fs::path& dir) { return dir / kStubName; }

std::string read_stub(const fs::path& db_dir) {
    std::ifstream in(db_dir / kStubName, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fs::path stub_generation(const fs::path& db_dir, const std::string& stub_text) {
    std::istringstream stub(stub_text);
    std::string kind, name;
    if (!(stub >> kind >> name)) return {};
    return db_dir / name;
}

fs::path live_generation(const fs::path& db_dir) { return stub_generation(db_dir, read_stub(db_dir)); }

int generation_number(const fs::path& path) {
    const std::string name = path.filename().string();
    if (!name.starts_with(kGenPrefix)) return -1;
    try {
        return std::stoi(name.substr(kGenPrefix.size()));
    } catch (const std::exception&) {
        return -1;
    }
}

fs::path next_generation(const fs::path& db_dir) {
    int highest = 0;
    for (const auto& entry : fs::directory_iterator(db_dir)) highest = std::max(highest, generation_number(entry.path()));
    char name[32];
    std::snprintf(name, sizeof name, "%s%06d", std::string(kGenPrefix).c_str(), highest + 1);
    return db_dir / name;
}

void fsync_path(const fs::path& path, int open_flags) {
    const int fd = ::open(path.c_str(), open_flags | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

void write_file_synced(const fs::path& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), path.string() + ": cannot create the file");
    const char* step = nullptr;
    for (std::size_t done = 0; done < text.size() && !step;) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n >= 0)
            done += static_cast<std::size_t>(n);
        else if (errno != EINTR)
            step = "write";
    }
    // A file system that allocates at write-back (ext4, XFS) may report a full disk only here.
    if (!step && ::fsync(fd) != 0) step = "sync";
    const int error = errno;
    if (::close(fd) != 0 && !step) throw std::system_error(errno, std::generic_category(), path.string() + ": cannot close the file");
    if (step) throw std::system_error(error, std::generic_category(), path.string() + ": cannot " + step + " the file");
}

void switch_stub(const fs::path& db_dir, const fs::path& generation) {
    const fs::path tmp = db_dir / kStubTemp;
    try {
        write_file_synced(tmp, "auto " + generation.filename().string() + "\n");
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec);  // the live stub is untouched
        throw;
    }
    fs::rename(tmp, db_dir / kStubName);  // atomic: readers see the old stub or the new one
    fsync_path(db_dir, O_RDONLY | O_DIRECTORY);
}

bool is_stub_leftover(const fs::path& path) { return path.filename().string().starts_with(kStubTemp); }

fs::path lock_file(const fs::path& db_dir) { return db_dir / kLockName; }

void stamp_schema_version(Xapian::WritableDatabase& db) {
    db.set_metadata(std::string(kSchemaVersionKey), std::to_string(kSchemaVersion));
}

void check_schema_version(const Xapian::Database& db, const fs::path& db_dir) {
    const std::string version = db.get_metadata(std::string(kSchemaVersionKey));
    if (version == std::to_string(kSchemaVersion)) return;
    throw SchemaMismatch(db_dir.string() + ": the database has schema version " + (version.empty() ? "unknown" : version) +
                         " but this newsdex needs " + std::to_string(kSchemaVersion) +
                         "; rebuild it with: newsdex-index --rebuild --db " + db_dir.string() + " <corpus>");
}

}  // namespace news::schema
