// A progress line on stderr for terminals: articles, rate, share of input bytes read, ETA.
// Silent when disabled (not a terminal, or --quiet).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iosfwd>

namespace news::indexer {

class Progress {
  public:
    Progress(std::ostream& out, bool enabled) : out_(out), enabled_(enabled) {}

    /// Redraws at most ten times a second. `bytes_total` 0 (unknown): no percentage, no ETA.
    void update(std::size_t articles, std::uintmax_t bytes_done, std::uintmax_t bytes_total);
    void finish();  // ends the line

  private:
    std::ostream& out_;
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_{};
    std::size_t articles_ = 0;       // of the last update, for the final frame
    std::uintmax_t bytes_total_ = 0;
};

}  // namespace news::indexer
