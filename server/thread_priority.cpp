#include "server/thread_priority.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace news::server {

// Linux applies PRIO_PROCESS with a thread id to that thread alone (setpriority(2), "BUGS":
// threads do not share a nice value), which is what is wanted here.
int thread_nice() {
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    return errno == 0 ? nice : 0;
}

int lower_thread_priority(int steps) {
    const int now = thread_nice();
    const int wanted = std::min(now + std::clamp(steps, 0, 19), 19);
    if (wanted > now) setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), wanted);
    return thread_nice();
}

}  // namespace news::server
