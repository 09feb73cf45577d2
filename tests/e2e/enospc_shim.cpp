// Fault injection for the full-disk tests (hardening_e2e.sh disk_full_points), loaded with
// LD_PRELOAD: write(), pwrite() and pwrite64() to a file (fd > 2) count from 1, and from call
// number $NEWSDEX_ENOSPC_AT on every one fails with ENOSPC, as on a disk that is full from
// then on. With $NEWSDEX_ENOSPC_LOG set, each counted call appends "<number> <path>" there, so a
// test can aim at the first write of a stage (a stub, a table, a merge). Linux, glibc.
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using Write = ssize_t (*)(int, const void*, size_t);
using PWrite = ssize_t (*)(int, const void*, size_t, off_t);

Write real_write() {
    static const auto fn = reinterpret_cast<Write>(dlsym(RTLD_NEXT, "write"));
    return fn;
}

long fail_at() {
    static const long at = [] {
        const char* text = std::getenv("NEWSDEX_ENOSPC_AT");
        return text ? std::atol(text) : 0;
    }();
    return at;
}

int log_fd() {
    static const int fd = [] {
        const char* path = std::getenv("NEWSDEX_ENOSPC_LOG");
        return path ? ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
    }();
    return fd;
}

std::atomic<long> calls{0};

// Counts a write to `fd`; true if it must fail.
bool must_fail(int fd) {
    if (fd <= 2 || fd == log_fd()) return false;
    const long n = ++calls;
    if (log_fd() >= 0) {
        char link[64], path[4096];
        std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        const ssize_t len = ::readlink(link, path, sizeof path - 1);
        const std::string line = std::to_string(n) + " " + (len > 0 ? std::string(path, len) : "?") + "\n";
        real_write()(log_fd(), line.data(), line.size());
    }
    return fail_at() > 0 && n >= fail_at();
}

// A positioned write through `real`, unless it must fail.
ssize_t positioned(PWrite real, int fd, const void* buf, size_t n, off_t offset) {
    if (must_fail(fd)) {
        errno = ENOSPC;
        return -1;
    }
    return real(fd, buf, n, offset);
}

}  // namespace

extern "C" {

ssize_t write(int fd, const void* buf, size_t n) {
    if (must_fail(fd)) {
        errno = ENOSPC;
        return -1;
    }
    return real_write()(fd, buf, n);
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t offset) {
    static const auto real = reinterpret_cast<PWrite>(dlsym(RTLD_NEXT, "pwrite"));
    return positioned(real, fd, buf, n, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t n, off_t offset) {
    static const auto real = reinterpret_cast<PWrite>(dlsym(RTLD_NEXT, "pwrite64"));
    return positioned(real, fd, buf, n, offset);
}

}  // extern "C"
