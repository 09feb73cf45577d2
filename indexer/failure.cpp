#include "indexer/failure.h"

#include "indexer/index_writer.h"
#include "schema/database_dir.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <mutex>
#include <system_error>
#include <vector>

namespace news::indexer {
namespace {

// The one process-wide state of the indexer: std::terminate's handler takes no arguments,
// so what it must clean up has to be where it can find it.
struct Held {
    std::filesystem::path dir;
    bool created;  // by this process's lock
};
std::mutex held_mutex;
std::vector<Held> held_dirs;

bool is_disk_full(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const Xapian::Error& e) {
        // A failed write names its errno; a commit that then cannot restore its tables reports
        // "Modifications failed (DatabaseError: Error writing block 2 (No space left on
        // device)), ..." with the errno only in the text.
        const std::string enospc = std::strerror(ENOSPC);
        return (e.get_error_string() && e.get_error_string() == enospc) ||
               e.get_msg().find("(" + enospc + ")") != std::string::npos;
    } catch (const std::system_error& e) {
        return e.code() == std::errc::no_space_on_device;
    } catch (...) {
        return false;
    }
}

std::string disk_full(const std::filesystem::path& db) {
    return "no space left on device while writing " + db.string() +
           ": free space and run again (the index is as it was before this run, "
           "apart from the batches an update committed)";
}

}  // namespace

std::string describe_failure(const std::exception_ptr& error, const std::filesystem::path& db) {
    if (is_disk_full(error)) return disk_full(db);
    try {
        std::rethrow_exception(error);
    } catch (const Xapian::Error& e) {
        return db.string() + ": " + e.get_description();
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown failure";
    }
}

void hold_for_cleanup(const std::filesystem::path& db_dir, bool created) {
    const std::lock_guard lock(held_mutex);
    held_dirs.push_back({db_dir, created});
}

void release_for_cleanup(const std::filesystem::path& db_dir) {
    const std::lock_guard lock(held_mutex);
    const auto it = std::find_if(held_dirs.begin(), held_dirs.end(), [&](const Held& h) { return h.dir == db_dir; });
    if (it != held_dirs.end()) held_dirs.erase(it);
}

void terminate_cleanly() noexcept {
    // Read first, before any call can change it: the error of the last system call that failed
    // on this thread. Xapian's glass backend writes value chunks from a destructor, which may not
    // throw: a commit that finds the disk full there ends in std::terminate. The exception is
    // then normally current here; when a terminate comes without it, a failed write's ENOSPC is
    // what is left to say why.
    const int last_errno = errno;
    const std::exception_ptr error = std::current_exception();
    // Another thread may hold the mutex while it is being stopped: do not wait for it long.
    std::unique_lock lock(held_mutex, std::defer_lock);
    for (int attempt = 0; attempt < 100 && !lock.try_lock(); ++attempt) ::usleep(10000);
    const std::vector<Held> dirs = lock ? held_dirs : std::vector<Held>{};
    try {
        const std::filesystem::path db = dirs.empty() ? std::filesystem::path{} : dirs.front().dir;
        std::cerr << "newsdex-index: "
                  << (error                    ? describe_failure(error, db)
                      : last_errno == ENOSPC ? disk_full(db)
                                               : std::string("internal error (std::terminate without an exception)"))
                  << "\n";
        for (const auto& [dir, created] : dirs) {
            remove_leftovers(dir, schema::live_generation(dir));
            if (created) remove_if_never_live(dir);
        }
    } catch (...) {  // nothing more can be done: exit all the same
    }
    std::cerr.flush();
    ::_exit(3);
}

}  // namespace news::indexer
