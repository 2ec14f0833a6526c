// reindex(): the manifest-driven incremental update and the full rebuild.
#include "index/manifest.hpp"
#include "index/schema.hpp"
#include "load/id_claims.hpp"
#include "text/text_util.hpp"
#include "xapian_errors.hpp"

#include <libsearch/error.hpp>
#include <libsearch/indexer.hpp>
#include <libsearch/reindexer.hpp>
#include <libsearch/version.hpp>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <sys/statvfs.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <thread>
#include <unordered_set>

namespace libsearch {

namespace {

using detail::FileRecord;
using detail::Manifest;

constexpr const char* kManifestKey = "reindex:files"; ///< detail::encode_manifest
/// The JSON manifest of indexes written before the binary one: read, then removed.
constexpr const char* kJsonManifestKey = "reindex:manifest";
constexpr const char* kFingerprintKey = "reindex:fingerprint";

std::uint64_t hash_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::uint64_t hash = detail::fnv1a({});
    char buffer[64 * 1024];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        hash = detail::fnv1a(std::string_view(buffer, static_cast<std::size_t>(in.gcount())), hash);
    }
    return hash;
}

std::int64_t mtime_ns(const SourceFile& file) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(file.mtime.time_since_epoch())
        .count();
}

/// What changes how a page is indexed: another value here forces a full rebuild.
std::string fingerprint(const Config& config, const Site& site) {
    nlohmann::json fields = {{"id", config.fields.id},
                             {"title", config.fields.title},
                             {"description", config.fields.description},
                             {"date", config.fields.date},
                             {"url", config.fields.url},
                             {"language", config.fields.language}};
    nlohmann::json facets = nlohmann::json::array();
    for (const auto& facet : config.facets) {
        facets.push_back({facet.name, facet.keys});
    }
    const nlohmann::json all = {{"format", kIndexFormat},
                                {"fields", fields},
                                {"facets", facets},
                                {"language", config.index.language},
                                {"include_drafts", config.content.include_drafts},
                                {"site", site.fingerprint()},
                                {"max_file_bytes", config.content.max_file_bytes}};
    return std::to_string(detail::fnv1a(all.dump()));
}

std::uint64_t folder_bytes(const std::filesystem::path& folder) {
    std::uint64_t bytes = 0;
    std::error_code error;
    for (std::filesystem::recursive_directory_iterator it(folder, error), end; !error && it != end;
         it.increment(error)) {
        if (it->is_regular_file(error)) {
            bytes += it->file_size(error);
        }
    }
    return bytes;
}

/// A full rebuild needs room for a second generation beside the first: refuse before starting.
void check_disk_space(const Index& index,
                      const std::optional<Generation>& current,
                      std::uint64_t content_bytes) {
    // Measured: an index is about 1× (digitalgov, mdn-archived) to 4× its content; without a
    // current generation to measure, assume 4× the content. A parallel build holds its shards
    // (about twice the merged size: their B-tree blocks are half full) and the merged copy
    // at once: 3× the current generation. 20 % headroom either way.
    const std::uint64_t needed =
        (current ? folder_bytes(current->path) * 3 : content_bytes * 4) / 5 * 6;
    struct statvfs info {};
    if (::statvfs(index.dir().c_str(), &info) != 0) {
        return; // cannot tell: let the build find out
    }
    const std::uint64_t available = static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize;
    if (available < needed) {
        const auto kib = [](std::uint64_t bytes) {
            return std::to_string((bytes + 1023) / 1024) + " KiB";
        };
        throw Error(ErrorCode::io_error, "not enough disk space for a new generation in '" +
                                             index.dir().string() + "': about " + kib(needed) +
                                             " needed, " + kib(available) + " available");
    }
}

class Run {
public:
    Run(const Config& config, const ReindexOptions& options)
        : options_(options)
        , loader_(config) {}

    /// Loads every file into `indexer`, reading only those `previous` does not vouch for.
    /// The records of unchanged files move from `previous` into the manifest returned.
    Manifest load(Indexer& indexer, Manifest previous, ReindexReport& report) {
        const ScanResult scan = loader_.scan();
        report.files = scan.files.size();
        for (const auto& issue : scan.issues) {
            emit(issue, report);
            report.files += issue.severity() == Severity::skipped ? 1 : 0;
        }
        Manifest next;
        detail::IdClaims ids;
        // The scan and the manifests list paths in much the same order, so each lookup first
        // tries the entry after the last match: a run over a million unchanged files costs a
        // comparison per file instead of a search of a million-entry tree.
        std::vector<const FileRecord*> kept(scan.files.size(), nullptr); // unchanged files
        auto after_last = previous.begin();
        // Unchanged files keep their ids first: a changed file cannot take an id they hold.
        for (std::size_t i = 0; i < scan.files.size(); ++i) {
            const SourceFile& file = scan.files[i];
            const auto old = after_last != previous.end() && after_last->first == file.path
                                 ? after_last
                                 : previous.find(file.path);
            if (old == previous.end()) {
                continue;
            }
            after_last = std::next(old);
            if (unchanged(file, old->second, now_)) {
                // The record itself moves (no copy): what stays in `previous` is what changed
                // or went away, all the later passes look at.
                auto node = previous.extract(old);
                node.mapped().mtime_ns = mtime_ns(file);
                const auto moved = next.insert(next.end(), std::move(node));
                if (!moved->second.id.empty()) {
                    ids.hold(moved->second.id, file.path);
                }
                kept[i] = &moved->second;
            }
        }
        std::uint64_t done = 0;
        for (std::size_t i = 0; i < scan.files.size(); ++i) {
            if (const FileRecord* record = kept[i]) {
                ++report.unchanged;
                for (const auto& issue : record->issues) {
                    emit(issue, report);
                }
                report.documents += record->id.empty() ? 0 : 1;
            } else {
                read(scan.files[i], indexer, previous, ids, next, report);
            }
            if (options_.on_progress) {
                options_.on_progress(LoadProgress{++done, scan.files.size(), report.bytes_read});
            }
            if (options_.cancelled && options_.cancelled()) {
                throw Error(ErrorCode::cancelled,
                            "the reindex was cancelled: the index is as it was");
            }
        }
        // Files gone since the last run take their documents with them (unless another file
        // now has the id). Both manifests are in path order: one walk side by side.
        auto in_next = next.begin();
        for (const auto& [path, record] : previous) {
            while (in_next != next.end() && in_next->first < path) {
                ++in_next;
            }
            const bool still_there = in_next != next.end() && in_next->first == path;
            if (!still_there && !record.id.empty()) {
                ++report.deleted;
                if (!ids.held(record.id)) {
                    indexer.remove(record.id);
                }
            }
        }
        return next;
    }

private:
    static bool unchanged(const SourceFile& file, const FileRecord& record, std::int64_t now) {
        if (file.size != record.size) {
            return false;
        }
        if (record.recheck_at != 0 && now >= record.recheck_at) {
            return false; // it expires or comes due by now: read it again
        }
        // Same size and mtime: unchanged. Same size, another mtime: the content decides.
        return mtime_ns(file) == record.mtime_ns || hash_file(file.absolute) == record.hash;
    }

    void read(const SourceFile& file,
              Indexer& indexer,
              const Manifest& previous,
              detail::IdClaims& ids,
              Manifest& next,
              ReindexReport& report) {
        FileRecord record;
        record.size = file.size;
        record.mtime_ns = mtime_ns(file);
        record.hash = hash_file(file.absolute);
        ParsedPage page = loader_.load_file(file);
        record.recheck_at = page.changes_at ? page.changes_at->time_since_epoch().count() : 0;
        report.bytes_read += file.size;
        ids.claim(page, file.path);
        const auto old = previous.find(file.path);
        const std::string old_id = old == previous.end() ? std::string() : old->second.id;
        if (page.document) {
            if (!old_id.empty() && old_id != page.document->id && !ids.held(old_id)) {
                indexer.remove(old_id); // the page's id changed
            }
            indexer.add(*page.document);
            record.id = page.document->id;
            ++(old_id.empty() ? report.added : report.updated);
            ++report.documents;
        } else if (!old_id.empty() && !ids.held(old_id)) {
            indexer.remove(old_id); // a page that no longer loads leaves the index, reported
            ++report.deleted;
        }
        bool warned = false;
        for (auto& issue : page.issues) {
            warned = warned || issue.severity() == Severity::warning;
            emit(issue, report);
            record.issues.push_back(std::move(issue));
        }
        report.repaired += warned && page.document ? 1 : 0;
        next.emplace(file.path, std::move(record));
    }

    void emit(const LoadIssue& issue, ReindexReport& report) {
        report.skipped += issue.severity() == Severity::skipped ? 1 : 0;
        report.drafts += issue.severity() == Severity::draft ? 1 : 0;
        report.unpublished += issue.severity() == Severity::unpublished ? 1 : 0;
        if (options_.on_issue) {
            options_.on_issue(issue);
        }
    }

public:
    const Site& site() const noexcept { return loader_.site(); }
    /// The configuration the index is built with (Loader::config).
    const Config& config() const noexcept { return loader_.config(); }

private:
    const ReindexOptions& options_;
    Loader loader_;
    /// Unix seconds at the start of the run: what has come due since the last one.
    std::int64_t now_ = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
};

/// Pages of `before` whose id no file of `after` gives any more.
std::uint64_t pages_gone(const Manifest& before, const Manifest& after) {
    std::unordered_set<std::string_view> ids;
    ids.reserve(after.size());
    for (const auto& [path, record] : after) {
        if (!record.id.empty()) {
            ids.insert(record.id);
        }
    }
    std::uint64_t gone = 0;
    for (const auto& [path, record] : before) {
        gone += !record.id.empty() && !ids.contains(record.id) ? 1 : 0;
    }
    return gone;
}

std::uint64_t pages_in(const Manifest& manifest) {
    return static_cast<std::uint64_t>(
        std::count_if(manifest.begin(), manifest.end(),
                      [](const auto& entry) { return !entry.second.id.empty(); }));
}

/// The deletion guard: an empty or half-copied content folder (an unmounted volume, a
/// failed deploy) must not empty the search. Throws Error(mass_delete) before anything is
/// published when more than index.max_delete_ratio of the current pages would go.
void check_deletions(const Config& config,
                     const ReindexOptions& options,
                     std::uint64_t pages_before,
                     std::uint64_t gone) {
    if (options.allow_mass_delete || pages_before == 0 ||
        static_cast<double>(gone) <=
            config.index.max_delete_ratio * static_cast<double>(pages_before)) {
        return;
    }
    throw Error(ErrorCode::mass_delete,
                "this run would delete " + std::to_string(gone) + " of the index's " +
                    std::to_string(pages_before) + " pages, over index.max_delete_ratio (" +
                    std::to_string(static_cast<int>(config.index.max_delete_ratio * 100)) +
                    " %); nothing was published. Is " + config.content.root.string() +
                    " complete? If the pages are meant to go, run `searchd reindex "
                    "--allow-mass-delete`");
}

/// Threads that write a full build: one per core, up to 4 (a build is bound by Xapian's
/// writer, and more shards make the final merge longer for little gain).
unsigned build_writers() {
    return std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
}

/// The manifest and fingerprint of the current generation, if it can be read.
struct CurrentState {
    std::optional<Generation> generation;
    Manifest manifest;
    std::string fingerprint;
    std::string format;
};

CurrentState read_current(const Index& index) {
    CurrentState state;
    state.generation = index.current();
    if (!state.generation) {
        return state;
    }
    try {
        Xapian::Database database(state.generation->path.string(), Xapian::DB_BACKEND_GLASS);
        state.format = database.get_metadata(std::string(detail::schema::kFormatKey));
        state.fingerprint = database.get_metadata(kFingerprintKey);
        const std::string manifest = database.get_metadata(kManifestKey);
        state.manifest = manifest.empty()
                             ? detail::parse_json_manifest(database.get_metadata(kJsonManifestKey))
                             : detail::decode_manifest(manifest);
    } catch (const Xapian::Error&) {
        state.generation.reset(); // unreadable: rebuild it
    }
    return state;
}

} // namespace

ReindexReport reindex(const Config& config, const ReindexOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    const Index index(config.index.path);
    const auto lock = index.lock_writer();
    index.remove_stale_builds(); // a killed run's build; ours to remove now that we hold the lock
    CurrentState current = read_current(index);
    Run run(config, options); // reads the site's own config first: a broken one stops here
    const std::string wanted = fingerprint(run.config(), run.site());

    ReindexReport report;
    if (options.full) {
        report.full_reason = "--full";
    } else if (!current.generation) {
        report.full_reason = "no index yet";
    } else if (current.format != std::to_string(kIndexFormat)) {
        report.full_reason = "the index has another format";
    } else if (current.fingerprint != wanted) {
        report.full_reason = "the configuration changed (fields, facets, language, drafts or "
                             "the site's URL rules)";
    }
    report.full = !report.full_reason.empty();

    const std::uint64_t pages_before = pages_in(current.manifest);
    if (!report.full) {
        Indexer indexer = Indexer::update_in_place(run.config(), current.generation->path);
        const Manifest next = run.load(indexer, std::move(current.manifest), report);
        // Not committed: the update's transaction is cancelled with the indexer.
        check_deletions(config, options, pages_before, report.deleted);
        indexer.set_metadata(kManifestKey, detail::encode_manifest(next));
        indexer.set_metadata(kJsonManifestKey, ""); // an empty value removes the key
        indexer.commit(); // one transaction: readers see all of it at once
        report.generation = *current.generation;
        report.elapsed = std::chrono::steady_clock::now() - started;
        return report;
    }

    // Without a generation to measure, the content's size is what a first build is sized
    // by: a scan of it (stat only; the build's own scan reads the same folder again).
    std::uint64_t content_bytes = 0;
    if (!current.generation) {
        for (const auto& file : scan_content(run.config().content).files) {
            content_bytes += file.size;
        }
    }
    check_disk_space(index, current.generation, content_bytes);
    const auto build = index.begin_generation();
    try {
        {
            Indexer indexer = Indexer::build(run.config(), build, build_writers());
            const Manifest next = run.load(indexer, Manifest{}, report);
            report.deleted = pages_gone(current.manifest, next);
            check_deletions(config, options, pages_before, report.deleted);
            indexer.set_metadata(kFingerprintKey, wanted);
            indexer.set_metadata(kManifestKey, detail::encode_manifest(next));
            indexer.commit();
        } // closed: the write lock of the database is released before the folder is renamed
        Indexer::verify(build, report.documents);
        report.generation = index.publish(build);
    } catch (...) {
        index.discard(build);
        throw;
    }
    report.elapsed = std::chrono::steady_clock::now() - started;
    return report;
}

} // namespace libsearch
