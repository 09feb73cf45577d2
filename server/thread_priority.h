// One thread's CPU priority: newsdex-serve's connection threads lower their own, so that its
// searcher threads get the cores first when both want them (docs/server.md, "Threads").
#pragma once

namespace news::server {

/// The calling thread's nice value (-20 to 19; Linux keeps one per thread).
int thread_nice();

/// Adds `steps` (0 to 19) to the calling thread's nice value, up to 19, and returns the value
/// it has then. Only ever raises it, which needs no privilege: a thread cannot lower it again
/// without CAP_SYS_NICE, so only threads that keep the lower priority for good call this. A
/// system that refuses the change leaves the thread as it was.
int lower_thread_priority(int steps);

}  // namespace news::server
