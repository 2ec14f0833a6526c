#pragma once

#include "metrics.hpp"

#include <libsearch/config.hpp>
#include <libsearch/json.hpp>

#include <array>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace searchd {

/// The admin routes' bearer token. Read once from server.admin_token_file; only its SHA-256
/// digest is kept, and a presented token is compared digest to digest in constant time, so
/// neither the token nor timing leaks (RELIABILITY.md R18, R19). No file: admin is off.
class AdminAuth {
public:
    static constexpr std::size_t kMinTokenBytes = 32;

    /// Throws libsearch::Error(invalid_config) for an unreadable file or a token under 32 bytes.
    explicit AdminAuth(const std::filesystem::path& token_file);

    bool enabled() const noexcept { return digest_.has_value(); }

    /// True for an `Authorization` header value of exactly "Bearer <token>".
    bool accepts(std::string_view authorization) const;

private:
    std::optional<std::array<unsigned char, 32>> digest_;
};

/// What POST /admin/reindex asks for: the flags of `searchd reindex`.
struct ReindexRequest {
    bool full = false;              ///< --full: rebuild instead of updating what changed
    bool allow_mass_delete = false; ///< --allow-mass-delete: pass the deletion guard
};

/// One reindex at a time inside the daemon (POST /admin/reindex): the same run as
/// `searchd reindex` (incremental unless asked for a full one), on a background thread, so
/// the I/O threads keep answering.
class ReindexJobs {
public:
    ReindexJobs(libsearch::Config config, Metrics& metrics)
        : config_(std::move(config))
        , metrics_(metrics) {}
    /// Stops a running job at its next file (nothing published) and waits for it: a
    /// shutdown never waits for a whole reindex.
    ~ReindexJobs();

    /// Starts a job; returns its id, or nullopt when one is running already.
    std::optional<std::uint64_t> start(ReindexRequest request = {});

    /// {"state": "idle"|"running"|"published"|"refused"|"cancelled"|"failed", "job",
    /// "last": {summary}}.
    nlohmann::json status() const;

private:
    libsearch::Config config_;
    Metrics& metrics_;
    mutable std::mutex mutex_;
    std::thread worker_;
    std::atomic<bool> stopping_{false}; ///< the daemon is going: the job stops
    bool running_ = false;
    std::uint64_t last_job_ = 0;
    libsearch::LoadProgress progress_; ///< of the running job
    nlohmann::json last_;
};

} // namespace searchd
