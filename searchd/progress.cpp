#include "progress.hpp"

#include <unistd.h>

#include <cinttypes>

namespace searchd {

ProgressLine::ProgressLine(std::FILE* stream)
    : stream_(stream)
    , enabled_(::isatty(::fileno(stream)) == 1) {}

ProgressLine::~ProgressLine() {
    clear();
}

void ProgressLine::update(const std::string& text, bool force) {
    if (!enabled_) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (!force && shown_ && now - last_ < std::chrono::milliseconds(100)) {
        return;
    }
    last_ = now;
    shown_ = true;
    std::fprintf(stream_, "\r\033[K%s", text.c_str());
    std::fflush(stream_);
}

void ProgressLine::clear() {
    if (enabled_ && shown_) {
        std::fputs("\r\033[K", stream_);
        std::fflush(stream_);
        shown_ = false;
    }
}

std::string format_bytes(std::uint64_t bytes) {
    char buffer[32];
    if (bytes >= 1024 * 1024) {
        std::snprintf(buffer, sizeof buffer, "%.1f MiB",
                      static_cast<double>(bytes) / (1024.0 * 1024.0));
    } else if (bytes >= 1024) {
        std::snprintf(buffer, sizeof buffer, "%.0f KiB", static_cast<double>(bytes) / 1024.0);
    } else {
        std::snprintf(buffer, sizeof buffer, "%" PRIu64 " B", bytes);
    }
    return buffer;
}

} // namespace searchd
