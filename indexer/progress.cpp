#include "indexer/progress.h"

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace news::indexer {
namespace {

constexpr int kBarWidth = 24;

/// "1:05" or "1:02:05"; "--:--" when not known yet.
void format_duration(char* out, std::size_t size, double seconds) {
    if (!(seconds >= 0) || seconds > 360000) {
        std::snprintf(out, size, "--:--");
        return;
    }
    const auto s = static_cast<long>(seconds + 0.5);
    if (s >= 3600)
        std::snprintf(out, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(out, size, "%ld:%02ld", s / 60, s % 60);
}

}  // namespace

void Progress::update(std::size_t articles, std::uintmax_t bytes_done, std::uintmax_t bytes_total) {
    if (!enabled_) return;
    articles_ = articles;
    bytes_total_ = bytes_total;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? articles / seconds : 0.0;
    char line[160];
    if (bytes_total == 0) {
        std::snprintf(line, sizeof line, "\r  %zu articles  %.0f/s  %.1f s ", articles, rate, seconds);
    } else {
        // Bytes, not articles, measure the way: the number of articles is unknown until read.
        const double share = std::min(1.0, static_cast<double>(bytes_done) / bytes_total);
        const int filled = static_cast<int>(share * kBarWidth);
        char bar[kBarWidth + 1];
        for (int i = 0; i < kBarWidth; ++i) bar[i] = i < filled ? '#' : '.';
        bar[kBarWidth] = '\0';
        char eta[32];
        format_duration(eta, sizeof eta, share > 0.001 ? seconds * (1 - share) / share : -1);
        std::snprintf(line, sizeof line, "\r  [%s] %3.0f%%  %zu articles  %.0f/s  ETA %s ", bar,
                      share * 100, articles, rate, eta);
    }
    out_ << line << std::flush;
}

void Progress::finish() {
    if (!enabled_ || !drawn_) return;
    last_ = {};  // the last frame shows the whole run: 100%, every article
    update(articles_, bytes_total_, bytes_total_);
    out_ << "\n";
}

}  // namespace news::indexer
