#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace searchd {

/// What GET /metrics reports, in Prometheus' text format. Updated from every I/O thread:
/// counters are atomics or behind one small mutex, never on a query's critical path twice.
class Metrics {
public:
    void request_started() noexcept { ++in_flight_; }
    void request_finished(const std::string& route, unsigned status, double seconds);
    /// What the server did to protect itself, counted for searchd_protections_total.
    enum class Protection {
        connection_refused,      ///< over max_connections with none idle: 503
        idle_connection_closed,  ///< closed to make room for a newcomer
        client_connection_limit, ///< over max_connections_per_client: 429
        client_rate_limit,       ///< over client_requests_per_second: 429
        search_queue_full,       ///< no room in the search queue: 503
        search_cancelled,        ///< the client left before its search was answered
    };
    /// The `reason` label of each Protection, in the enum's order.
    static constexpr std::array<std::string_view, 6> kProtectionReasons = {
        "connection_refused", "idle_connection_closed", "client_connection_limit",
        "client_rate_limit",  "search_queue_full",      "search_cancelled"};
    void protected_by(Protection protection) noexcept {
        ++protections_[static_cast<std::size_t>(protection)];
    }
    void index_state(std::uint64_t documents, const std::string& generation);
    void reindex_finished(double seconds, bool published);

    /// The whole exposition, "# HELP"/"# TYPE" lines included.
    std::string render() const;

private:
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;
    std::array<std::uint64_t, kBuckets.size()> buckets_{};
    std::uint64_t observations_ = 0;
    double seconds_sum_ = 0;
    std::uint64_t documents_ = 0;
    std::string generation_;
    std::uint64_t reindexes_ = 0;
    std::uint64_t reindex_failures_ = 0;
    double last_reindex_seconds_ = 0;
    std::atomic<std::int64_t> in_flight_{0};
    std::array<std::atomic<std::uint64_t>, kProtectionReasons.size()> protections_{};
};

} // namespace searchd
