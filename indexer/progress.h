// A progress line on stderr for terminals: articles, rate. Silent when disabled.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>

namespace news::indexer {

class Progress {
  public:
    Progress(std::ostream& out, bool enabled) : out_(out), enabled_(enabled) {}
    void update(std::size_t done);  // redraws at most ten times a second
    void finish();                  // ends the line

  private:
    std::ostream& out_;
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace news::indexer
