#include "metrics.hpp"

#include <cstdio>
#include <sstream>

namespace searchd {

void Metrics::request_finished(const std::string& route, unsigned status, double seconds) {
    --in_flight_;
    const std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    ++observations_;
    seconds_sum_ += seconds;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++buckets_[i];
        }
    }
}

void Metrics::index_state(std::uint64_t documents, const std::string& generation) {
    const std::lock_guard lock(mutex_);
    documents_ = documents;
    generation_ = generation;
}

void Metrics::reindex_finished(double seconds, bool published) {
    const std::lock_guard lock(mutex_);
    ++(published ? reindexes_ : reindex_failures_);
    last_reindex_seconds_ = seconds;
}

std::string Metrics::render() const {
    std::ostringstream out;
    const std::lock_guard lock(mutex_);
    out << "# HELP searchd_requests_total Requests answered, by route and status.\n"
        << "# TYPE searchd_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        out << "searchd_requests_total{route=\"" << key.first << "\",status=\"" << key.second
            << "\"} " << count << "\n";
    }
    out << "# HELP searchd_request_duration_seconds Time from a parsed request to its response.\n"
        << "# TYPE searchd_request_duration_seconds histogram\n";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        char bound[32];
        std::snprintf(bound, sizeof bound, "%g", kBuckets[i]);
        out << "searchd_request_duration_seconds_bucket{le=\"" << bound << "\"} " << buckets_[i]
            << "\n";
    }
    out << "searchd_request_duration_seconds_bucket{le=\"+Inf\"} " << observations_ << "\n"
        << "searchd_request_duration_seconds_sum " << seconds_sum_ << "\n"
        << "searchd_request_duration_seconds_count " << observations_ << "\n"
        << "# HELP searchd_in_flight_requests Requests being answered now.\n"
        << "# TYPE searchd_in_flight_requests gauge\n"
        << "searchd_in_flight_requests " << in_flight_.load() << "\n"
        << "# HELP searchd_protections_total Requests and connections turned away or cut "
           "short to keep the server answering, by reason.\n"
        << "# TYPE searchd_protections_total counter\n";
    for (std::size_t i = 0; i < kProtectionReasons.size(); ++i) {
        out << "searchd_protections_total{reason=\"" << kProtectionReasons[i] << "\"} "
            << protections_[i].load() << "\n";
    }
    out << "# HELP searchd_documents Documents in the generation being served.\n"
        << "# TYPE searchd_documents gauge\n"
        << "searchd_documents " << documents_ << "\n"
        << "# HELP searchd_generation_info The generation being served.\n"
        << "# TYPE searchd_generation_info gauge\n"
        << "searchd_generation_info{generation=\"" << generation_ << "\"} 1\n"
        << "# HELP searchd_reindex_total Reindexes run by this daemon, by outcome.\n"
        << "# TYPE searchd_reindex_total counter\n"
        << "searchd_reindex_total{outcome=\"published\"} " << reindexes_ << "\n"
        << "searchd_reindex_total{outcome=\"failed\"} " << reindex_failures_ << "\n"
        << "# HELP searchd_reindex_last_duration_seconds How long the last reindex took.\n"
        << "# TYPE searchd_reindex_last_duration_seconds gauge\n"
        << "searchd_reindex_last_duration_seconds " << last_reindex_seconds_ << "\n";
    return out.str();
}

} // namespace searchd
