#pragma once

#include <libsearch/config.hpp>
#include <libsearch/searcher.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace searchd {

/// Gives each I/O thread its own libsearch::Searcher (a Searcher is not thread-safe), opened
/// on first use and moved to a newly published generation within kRefreshInterval: each
/// thread checks the `current` link at most that often, between requests, so no request ever
/// sees two generations. SIGHUP (reload()) makes every thread reopen on its next request.
class ThreadSearchers {
public:
    static constexpr std::chrono::milliseconds kRefreshInterval{250};

    explicit ThreadSearchers(libsearch::Config config)
        : config_(std::move(config)) {}
    ThreadSearchers(const ThreadSearchers&) = delete;
    ThreadSearchers& operator=(const ThreadSearchers&) = delete;

    /// This thread's searcher, or nullptr when there is no index to serve yet; `error` then
    /// says why (the message of the libsearch::Error).
    libsearch::Searcher* for_this_thread(std::string& error);

    /// Every thread reopens its searcher before its next request.
    void reload() noexcept { ++epoch_; }

    const libsearch::Config& config() const noexcept { return config_; }

private:
    libsearch::Config config_;
    std::atomic<std::uint64_t> epoch_{0};
    /// What each thread's searcher is filed under: never the address, which a later
    /// ThreadSearchers may reuse; a thread drops the searchers of owners that are gone.
    std::shared_ptr<const int> alive_ = std::make_shared<const int>(0);
};

} // namespace searchd
