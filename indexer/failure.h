// How newsdex-index fails: the message for an error that stops a run, and the last resort
// when the process must end at once (std::terminate), which removes the partial generation
// of every database this process holds locked before it exits.
#pragma once

#include <xapian.h>

#include <exception>
#include <filesystem>
#include <string>

namespace news::indexer {

/// The message for an error that stops a run writing `db`: a full disk says so and what to
/// do ("no space left on device while writing DB: free space and run again"); anything else
/// is the error's own text, prefixed with `db` for Xapian errors.
std::string describe_failure(const std::exception_ptr& error, const std::filesystem::path& db);

/// WriterLock registers the database directories whose lock this process holds: only their
/// holder may remove their partial generations. Safe to call from any thread.
/// `created`: the lock created the directory, which goes again if nothing went live.
void hold_for_cleanup(const std::filesystem::path& db_dir, bool created);
void release_for_cleanup(const std::filesystem::path& db_dir);

/// For std::set_terminate: an exception no code can catch (Xapian's commit, on a full disk,
/// unwinds through a function that may not throw) still ends the run as a failure would.
/// Prints "newsdex-index: " + describe_failure(...) (without an exception: the disk-full
/// message if errno is ENOSPC, else "internal error ..."), removes the generations the stubs
/// of the held databases do not name (an unfinished rebuild's shards and merges) and a
/// directory a first build created (remove_if_never_live()), exits 3.
/// Exiting releases the writer locks.
[[noreturn]] void terminate_cleanly() noexcept;

}  // namespace news::indexer
