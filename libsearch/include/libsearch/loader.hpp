#pragma once

#include <libsearch/config.hpp>
#include <libsearch/document.hpp>
#include <libsearch/site.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch {

/// Why a file was skipped or repaired. The names (to_string) are stable: reports and
/// benchmarks group by them.
enum class IssueKind {
    // The file is skipped:
    empty_file,                ///< 0 bytes, or only whitespace
    binary_file,               ///< a NUL byte or mostly non-text bytes in the first 8 KiB
    file_too_large,            ///< over content.max_file_bytes, seen from its size before reading
    unreadable,                ///< open/read failed (permission denied, vanished, ...)
    front_matter_unterminated, ///< `---` or `+++` opened and never closed
    front_matter_syntax,       ///< YAML, TOML or JSON syntax error
    front_matter_not_mapping,  ///< the front matter is a list or a scalar
    front_matter_too_large,    ///< over the size, node or nesting budget (alias bombs)
    duplicate_id,              ///< a configured id already used by an earlier file
    symlink_loop,              ///< a directory reached again through a symbolic link
    symlink_outside_root,      ///< a symbolic link that leads out of the content root
    broken_symlink,            ///< a symbolic link to nothing
    same_file,                 ///< a second path (a link) to a file already loaded
    not_a_regular_file,        ///< a socket, FIFO or device with a content extension
    body_too_complex,          ///< HTML nested deeper than an HTML parser can afford
    internal_error,            ///< a library failed on the file (a bug to report)
    // The file is loaded, with a warning:
    invalid_utf8,    ///< bytes that are not UTF-8, replaced with U+FFFD
    duplicate_key,   ///< a front-matter key given twice: the last value is kept
    unparsable_date, ///< a date key whose value is not a date: the next key is tried
    unsafe_url,      ///< a URL a link must not carry (javascript: ...): the site's own is used
    // Neither: a page left out on purpose, counted apart.
    draft, ///< `draft: true` and content.include_drafts is false
    // Not on the live site, by the generator's rules (counted as unpublished):
    expired,       ///< an expiry date in the past (Hugo expiryDate), unless the site builds them
    scheduled,     ///< a publish date still to come, unless the site builds future pages
    not_published, ///< `published: false`, headless or never rendered, a disabled kind
    not_content,   ///< a generator's own file (a layout, an include, a data file)
};

/// The last IssueKind: code that walks every kind goes up to it (add new kinds before it
/// and move this along).
inline constexpr IssueKind kLastIssueKind = IssueKind::not_content;

/// skipped: not loaded, because of a problem. warning: loaded, repaired. draft and
/// unpublished: left out on purpose (a draft; a page the generator does not publish).
enum class Severity { warning, skipped, draft, unpublished };

std::string_view to_string(IssueKind kind) noexcept;
std::string_view to_string(Severity severity) noexcept;
Severity severity_of(IssueKind kind) noexcept;

/// One line of the loader's report: which file, where, what happened and why.
struct LoadIssue {
    std::string path;       ///< relative to the content root (non-UTF-8 bytes escaped as \xNN)
    std::uint32_t line = 0; ///< 1-based line in the file, 0 when it does not apply
    IssueKind kind = IssueKind::empty_file;
    std::string message; ///< human-readable reason, without the path

    Severity severity() const noexcept { return severity_of(kind); }
};

/// "path:line: skipped: message" (or "warning", "draft"), as compilers print diagnostics.
std::string format_issue(const LoadIssue& issue);

/// A file that the content scan selected for loading.
struct SourceFile {
    std::string path;               ///< relative to the content root, '/'-separated
    std::filesystem::path absolute; ///< where to read it
    std::uint64_t size = 0;
    std::filesystem::file_time_type mtime{}; ///< to the nanosecond, from the scan's stat
};

/// Describes one file as the scan would, for callers that name files themselves (tools,
/// tests). Throws Error(ErrorCode::io_error) if it cannot be stat'ed.
SourceFile stat_source_file(const std::filesystem::path& root, const std::filesystem::path& file);

struct ScanResult {
    std::vector<SourceFile> files; ///< sorted by `path` (bytewise): the order of loading
    std::vector<LoadIssue> issues; ///< symlink problems and the like, found while walking
};

/// Walks the content root and selects the files that match `include` and not `exclude`
/// (globs on the relative path: `*` and `?` stay within one folder, `**/` spans folders).
/// Hidden files and folders are walked like any other (`.well-known/` can hold pages), but
/// version-control folders (.git, .hg, .svn) are not. Symbolic links are
/// followed while they stay inside the root; each file and folder is visited once.
/// Throws Error(ErrorCode::io_error) when the root itself cannot be listed.
ScanResult scan_content(const ContentConfig& content);

/// What parsing one file gives: a document, or none (skipped / draft), and the issues.
struct ParsedPage {
    std::optional<Document> document;
    std::vector<LoadIssue> issues;
    /// When the page's publication changes by the clock alone (it expires, or its publish
    /// date comes): an incremental reindex reads the file again then, changed or not.
    std::optional<std::chrono::sys_seconds> changes_at;
};

/// Turns the bytes of one file into a Document through the field mapping. Pure: touches no
/// file, so it can be fuzzed and tested on literals. Never throws for bad input: what is
/// wrong with the file is reported in `issues`.
class PageParser {
public:
    /// The site's rules decide URLs, dates and publication; the first form uses those of
    /// the configuration alone (Site::from_config), reading no file: for a built site, it
    /// knows no site-wide body marks or declared facets (Loader looks at the whole site).
    explicit PageParser(const Config& config);
    PageParser(const Config& config, Site site);
    ~PageParser();
    PageParser(PageParser&&) noexcept;
    PageParser& operator=(PageParser&&) noexcept;

    ParsedPage parse(const SourceFile& file, std::string_view bytes) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Counts of one pass over the content.
struct LoadSummary {
    std::uint64_t files = 0;       ///< files selected, and links skipped: loaded + skipped + drafts
    std::uint64_t loaded = 0;      ///< documents handed on
    std::uint64_t skipped = 0;     ///< files (and symlinks) skipped, each with a reported issue
    std::uint64_t repaired = 0;    ///< documents loaded with at least one warning
    std::uint64_t drafts = 0;      ///< pages left out as drafts
    std::uint64_t unpublished = 0; ///< pages the generator does not publish (expired, future...)
    std::uint64_t bytes = 0;       ///< bytes read
    std::chrono::steady_clock::duration elapsed{};
};

/// How far a load has come, for progress lines.
struct LoadProgress {
    std::uint64_t done = 0;  ///< files read so far
    std::uint64_t total = 0; ///< files selected by the scan
    std::uint64_t bytes = 0; ///< bytes read so far
};

/// scan_content + read + PageParser + duplicate ids: every document of the content root, in
/// path order, with every problem reported once. Nothing is dropped silently: each selected
/// file ends up loaded, a draft, or skipped with an issue.
class Loader {
public:
    /// Gets each document with the file it came from (an incremental reindex records both).
    using DocumentSink = std::function<void(const SourceFile&, Document&&)>;
    using IssueSink = std::function<void(const LoadIssue&)>;
    using ProgressSink = std::function<void(const LoadProgress&)>;

    /// Reads the site at content.root (Site::open): throws Error(ErrorCode::invalid_config)
    /// for a generator config that cannot be read.
    explicit Loader(Config config);

    /// The site the pages belong to; its content root is the folder scanned.
    const Site& site() const noexcept { return site_; }

    /// The configuration the pages are read with: content.root is the site's content
    /// folder, and the facets include those its pages declare (built sites). An index of
    /// these pages is built with it.
    const Config& config() const noexcept { return config_; }

    /// The files of the site's content root that the configuration selects.
    ScanResult scan() const;

    /// Loads everything; calls `on_document` for each document and `on_issue` for each
    /// issue, in path order, and `on_progress` (if set) after each file. Throws
    /// Error(ErrorCode::io_error) if the root cannot be listed.
    LoadSummary load(const DocumentSink& on_document,
                     const IssueSink& on_issue,
                     const ProgressSink& on_progress = {}) const;

    /// Reads and parses one scanned file (also used by incremental reindexing). Never throws:
    /// whatever goes wrong with the file, even running out of memory, is in the issues.
    ParsedPage load_file(const SourceFile& file) const;

private:
    Loader(Config&& config, Site site);
    ParsedPage read_and_parse(const SourceFile& file) const;

    Config config_; ///< content.root is the site's content root
    Site site_;
    PageParser parser_;
};

} // namespace libsearch
