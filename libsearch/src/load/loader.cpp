#include "load/file_stat.hpp"
#include "load/id_claims.hpp"
#include "text/utf8.hpp"

#include <libsearch/error.hpp>
#include <libsearch/loader.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace libsearch {

namespace {

struct IssueKindInfo {
    IssueKind kind;
    std::string_view name;
    Severity severity;
};

// One table: the stable name of each issue kind and what it means for the file.
constexpr IssueKindInfo kIssueKinds[] = {
    {IssueKind::empty_file, "empty_file", Severity::skipped},
    {IssueKind::binary_file, "binary_file", Severity::skipped},
    {IssueKind::file_too_large, "file_too_large", Severity::skipped},
    {IssueKind::unreadable, "unreadable", Severity::skipped},
    {IssueKind::front_matter_unterminated, "front_matter_unterminated", Severity::skipped},
    {IssueKind::front_matter_syntax, "front_matter_syntax", Severity::skipped},
    {IssueKind::front_matter_not_mapping, "front_matter_not_mapping", Severity::skipped},
    {IssueKind::front_matter_too_large, "front_matter_too_large", Severity::skipped},
    {IssueKind::duplicate_id, "duplicate_id", Severity::skipped},
    {IssueKind::symlink_loop, "symlink_loop", Severity::skipped},
    {IssueKind::symlink_outside_root, "symlink_outside_root", Severity::skipped},
    {IssueKind::broken_symlink, "broken_symlink", Severity::skipped},
    {IssueKind::same_file, "same_file", Severity::skipped},
    {IssueKind::not_a_regular_file, "not_a_regular_file", Severity::skipped},
    {IssueKind::body_too_complex, "body_too_complex", Severity::skipped},
    {IssueKind::internal_error, "internal_error", Severity::skipped},
    {IssueKind::invalid_utf8, "invalid_utf8", Severity::warning},
    {IssueKind::duplicate_key, "duplicate_key", Severity::warning},
    {IssueKind::unparsable_date, "unparsable_date", Severity::warning},
    {IssueKind::unsafe_url, "unsafe_url", Severity::warning},
    {IssueKind::draft, "draft", Severity::draft},
    {IssueKind::expired, "expired", Severity::unpublished},
    {IssueKind::scheduled, "scheduled", Severity::unpublished},
    {IssueKind::not_published, "not_published", Severity::unpublished},
    {IssueKind::not_content, "not_content", Severity::unpublished},
};

const IssueKindInfo& info(IssueKind kind) noexcept {
    for (const auto& entry : kIssueKinds) {
        if (entry.kind == kind) {
            return entry;
        }
    }
    return kIssueKinds[0];
}

} // namespace

std::string_view to_string(Severity severity) noexcept {
    switch (severity) {
    case Severity::warning:
        return "warning";
    case Severity::skipped:
        return "skipped";
    case Severity::draft:
        return "draft";
    case Severity::unpublished:
        return "unpublished";
    }
    return "skipped";
}

namespace {

/// Closes a POSIX file descriptor on scope exit.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd)
        : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const noexcept { return fd_; }

private:
    int fd_;
};

/// Reads at most `limit + 1` bytes, so a file that grew past the limit since it was
/// scanned is still caught. Returns the errno text on failure.
std::optional<std::string>
read_file(const std::filesystem::path& path, std::uint64_t limit, std::string& bytes) {
    // O_NONBLOCK: a FIFO swapped in after the scan must not hang the reindex.
    const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (fd.get() < 0) {
        return std::strerror(errno);
    }
    bytes.clear();
    char buffer[64 * 1024];
    while (bytes.size() <= limit) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return std::strerror(errno);
        }
        if (n == 0) {
            break;
        }
        bytes.append(buffer, static_cast<std::size_t>(n));
    }
    return std::nullopt;
}

std::string too_large_message(std::uint64_t size, std::uint64_t limit) {
    return "file too large (" + std::to_string(size) +
           " bytes, over content.max_file_bytes = " + std::to_string(limit) + ")";
}

} // namespace

std::string_view to_string(IssueKind kind) noexcept {
    return info(kind).name;
}

Severity severity_of(IssueKind kind) noexcept {
    return info(kind).severity;
}

SourceFile stat_source_file(const std::filesystem::path& root, const std::filesystem::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) {
        throw Error(ErrorCode::io_error,
                    "cannot stat '" + file.string() + "': " + std::strerror(errno));
    }
    SourceFile source;
    const auto relative =
        std::filesystem::absolute(file).lexically_relative(std::filesystem::absolute(root));
    source.path = detail::escape_path(relative.generic_string());
    source.absolute = file;
    source.size = static_cast<std::uint64_t>(info.st_size);
    source.mtime = detail::file_time_of(info);
    return source;
}

std::string format_issue(const LoadIssue& issue) {
    std::string line = issue.path;
    if (issue.line > 0) {
        line += ':';
        line += std::to_string(issue.line);
    }
    line += ": ";
    line += to_string(issue.severity());
    line += ": ";
    line += issue.message;
    return line;
}

namespace {

/// The configuration with content.root moved to the site's content folder, and the
/// facets the site's pages declare.
Config for_site(Config config, const Site& site) {
    config.content.root = site.summary().content_root;
    return site.with_declared_facets(std::move(config));
}

} // namespace

// The private constructor takes the config by reference, so that opening the site reads it
// before anything moves from it, whatever the order the arguments are evaluated in.
Loader::Loader(Config config)
    : Loader(std::move(config), Site::open(config)) {}

Loader::Loader(Config&& config, Site site)
    : config_(for_site(std::move(config), site))
    , site_(std::move(site))
    , parser_(config_, site_) {}

ScanResult Loader::scan() const {
    return scan_content(config_.content);
}

ParsedPage Loader::load_file(const SourceFile& file) const {
    try {
        return read_and_parse(file);
    } catch (const std::exception& error) { // std::bad_alloc on a huge page, a library bug
        ParsedPage page;
        page.issues.push_back(LoadIssue{file.path, 0, IssueKind::internal_error,
                                        std::string("could not be loaded: ") + error.what()});
        return page;
    }
}

ParsedPage Loader::read_and_parse(const SourceFile& file) const {
    const std::uint64_t limit = config_.content.max_file_bytes;
    ParsedPage page;
    if (file.size > limit) {
        page.issues.push_back(LoadIssue{file.path, 0, IssueKind::file_too_large,
                                        too_large_message(file.size, limit)});
        return page;
    }
    std::string bytes;
    if (auto error = read_file(file.absolute, limit, bytes)) {
        page.issues.push_back(
            LoadIssue{file.path, 0, IssueKind::unreadable, "cannot read: " + *error});
        return page;
    }
    if (bytes.size() > limit) {
        page.issues.push_back(LoadIssue{file.path, 0, IssueKind::file_too_large,
                                        too_large_message(bytes.size(), limit)});
        return page;
    }
    return parser_.parse(file, bytes);
}

LoadSummary Loader::load(const DocumentSink& on_document,
                         const IssueSink& on_issue,
                         const ProgressSink& on_progress) const {
    const auto started = std::chrono::steady_clock::now();
    LoadSummary summary;
    const ScanResult scan = this->scan();
    summary.files = scan.files.size();
    for (const auto& issue : scan.issues) {
        if (issue.severity() == Severity::skipped) {
            ++summary.skipped;
            ++summary.files;
        }
        on_issue(issue);
    }

    detail::IdClaims ids; // of the files sharing a configured id, the first in path order wins
    std::uint64_t done = 0;
    for (const auto& file : scan.files) {
        ParsedPage page = load_file(file);
        summary.bytes += file.size;
        ids.claim(page, file.path);
        bool warned = false;
        for (const auto& issue : page.issues) {
            switch (issue.severity()) {
            case Severity::skipped:
                ++summary.skipped;
                break;
            case Severity::draft:
                ++summary.drafts;
                break;
            case Severity::unpublished:
                ++summary.unpublished;
                break;
            case Severity::warning:
                warned = true;
                break;
            }
            on_issue(issue);
        }
        if (page.document) {
            ++summary.loaded;
            summary.repaired += warned ? 1 : 0;
            on_document(file, std::move(*page.document));
        }
        if (on_progress) {
            on_progress(LoadProgress{++done, summary.files, summary.bytes});
        }
    }
    summary.elapsed = std::chrono::steady_clock::now() - started;
    return summary;
}

} // namespace libsearch
