#include "indexer/progress.h"

#include <cstdio>
#include <ostream>

namespace news::indexer {

void Progress::update(std::size_t done) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    char line[128];
    std::snprintf(line, sizeof line, "\r  %zu articles  %.0f/s  %.1f s ", done,
                  seconds > 0 ? done / seconds : 0.0, seconds);
    out_ << line << std::flush;
}

void Progress::finish() {
    if (enabled_ && drawn_) out_ << "\n";
}

}  // namespace news::indexer
