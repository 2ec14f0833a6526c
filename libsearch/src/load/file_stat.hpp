#pragma once

#include <sys/stat.h>

#include <chrono>
#include <filesystem>

namespace libsearch::detail {

/// The modification time of a stat result, to the nanosecond, as a file_time_type (so that
/// an incremental reindex compares what the scan saw with what the manifest recorded).
inline std::filesystem::file_time_type file_time_of(const struct stat& info) {
    const auto since_epoch =
        std::chrono::seconds{info.st_mtim.tv_sec} + std::chrono::nanoseconds{info.st_mtim.tv_nsec};
    return std::chrono::file_clock::from_sys(
        std::chrono::sys_time<std::chrono::nanoseconds>{since_epoch});
}

} // namespace libsearch::detail
