#include "admin.hpp"

#include <libsearch/reindexer.hpp>

#include <libsearch/error.hpp>

#include <openssl/sha.h>

#include <fstream>
#include <malloc.h>
#include <sstream>

namespace searchd {

namespace {

std::array<unsigned char, 32> sha256(std::string_view text) {
    std::array<unsigned char, 32> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
    return digest;
}

} // namespace

AdminAuth::AdminAuth(const std::filesystem::path& token_file) {
    if (token_file.empty()) {
        return;
    }
    std::ifstream in(token_file, std::ios::binary);
    if (!in) {
        throw libsearch::Error(libsearch::ErrorCode::invalid_config,
                               "server.admin_token_file: cannot read '" + token_file.string() +
                                   "'");
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::string token = text.str();
    while (!token.empty() &&
           (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
        token.pop_back();
    }
    if (token.size() < kMinTokenBytes) {
        throw libsearch::Error(libsearch::ErrorCode::invalid_config,
                               "server.admin_token_file: the token must be at least " +
                                   std::to_string(kMinTokenBytes) + " bytes");
    }
    digest_ = sha256(token);
}

bool AdminAuth::accepts(std::string_view authorization) const {
    constexpr std::string_view kScheme = "Bearer ";
    if (!digest_ || authorization.substr(0, kScheme.size()) != kScheme) {
        return false;
    }
    const auto presented = sha256(authorization.substr(kScheme.size()));
    unsigned char difference = 0;
    for (std::size_t i = 0; i < presented.size(); ++i) {
        difference |= static_cast<unsigned char>(presented[i] ^ (*digest_)[i]);
    }
    return difference == 0;
}

ReindexJobs::~ReindexJobs() {
    stopping_ = true;
    if (worker_.joinable()) {
        worker_.join();
    }
}

std::optional<std::uint64_t> ReindexJobs::start(ReindexRequest request) {
    const std::lock_guard lock(mutex_);
    if (running_) {
        return std::nullopt;
    }
    if (worker_.joinable()) {
        worker_.join(); // the previous job is over; reap its thread
    }
    running_ = true;
    progress_ = {};
    const std::uint64_t job = ++last_job_;
    worker_ = std::thread([this, job, request] {
        const auto started = std::chrono::steady_clock::now();
        nlohmann::json outcome = {{"job", job}};
        try {
            auto issues = nlohmann::json::array();
            libsearch::ReindexOptions options;
            options.full = request.full;
            options.allow_mass_delete = request.allow_mass_delete;
            options.cancelled = [this] { return stopping_.load(); };
            options.on_progress = [this](const libsearch::LoadProgress& step) {
                const std::lock_guard lock(mutex_);
                progress_ = step;
            };
            options.on_issue = [&](const libsearch::LoadIssue& issue) {
                // The first 1,000 in full; the summary counts them all.
                if (issues.size() < 1000) {
                    issues.push_back(libsearch::to_json(issue));
                }
            };
            const auto report = libsearch::reindex(config_, options);
            outcome["state"] = "published";
            outcome["generation"] = report.generation.name;
            outcome["summary"] = libsearch::to_json(report);
            outcome["issues"] = std::move(issues);
        } catch (const libsearch::Error& error) {
            // Refused (the deletion guard) or failed: either way the index is as it was.
            outcome["state"] = error.code() == libsearch::ErrorCode::mass_delete ? "refused"
                               : error.code() == libsearch::ErrorCode::cancelled ? "cancelled"
                                                                                 : "failed";
            outcome["error_code"] = libsearch::to_string(error.code());
            outcome["error"] = error.what();
        } catch (const std::exception& error) {
            outcome["state"] = "failed";
            outcome["error"] = error.what();
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        // A reindex allocates hundreds of MB (pages, terms, Xapian's buffers) and frees them
        // all; glibc keeps freed memory in its arenas, so without this the daemon stayed at
        // its peak (91-300 MB) until the next one. Give it back to the system.
        ::malloc_trim(0);
        metrics_.reindex_finished(seconds, outcome["state"] == "published");
        const std::lock_guard lock(mutex_);
        last_ = std::move(outcome);
        running_ = false;
    });
    return job;
}

nlohmann::json ReindexJobs::status() const {
    const std::lock_guard lock(mutex_);
    nlohmann::json status = {{"state", running_          ? "running"
                                       : last_.is_null() ? "idle"
                                                         : last_["state"]}};
    if (last_job_ > 0) {
        status["job"] = last_job_;
    }
    if (running_) {
        status["progress"] = {
            {"files_done", progress_.done}, {"files", progress_.total}, {"bytes", progress_.bytes}};
    }
    if (!last_.is_null()) {
        status["last"] = last_;
    }
    return status;
}

} // namespace searchd
