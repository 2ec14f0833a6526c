#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace searchd {

/// A progress line on stderr that redraws in place, at most ten times a second, and only
/// when stderr is a terminal: logs and pipes get the final summary alone.
class ProgressLine {
public:
    explicit ProgressLine(std::FILE* stream = stderr);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    /// Redraws with `text` unless the last redraw was under 100 ms ago (or `force`).
    void update(const std::string& text, bool force = false);
    /// Erases the line, so that the next output starts on a clean line.
    void clear();

    bool enabled() const noexcept { return enabled_; }

private:
    std::FILE* stream_;
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point last_{};
};

/// "1.2 MiB", "312 KiB", "87 B".
std::string format_bytes(std::uint64_t bytes);

} // namespace searchd
