// scan_content: the walk over the content root. Real folders are walked first and folder
// symlinks after them, so a file reached both ways keeps its real path, and a link back up
// the tree (`up -> ..`) is reported once as a loop instead of being walked forever.
#include "load/file_stat.hpp"
#include "load/glob.hpp"
#include "load/path_parts.hpp"
#include "text/utf8.hpp"

#include <libsearch/error.hpp>
#include <libsearch/loader.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <map>
#include <set>
#include <utility>

namespace libsearch {

namespace fs = std::filesystem;

namespace {

using FileId = std::pair<dev_t, ino_t>;

struct Candidate {
    std::string raw_path; // relative, bytes as on disk: the sort key
    SourceFile file;
    FileId id;
    bool via_symlink;
};

struct PendingFolder {
    std::string relative; // "" for the root
    fs::path absolute;
    bool via_symlink; // reached through a link somewhere on the way
    bool is_link;     // this folder's own entry is a link
    FileId id;
};

std::string join(const std::string& folder, const std::string& name) {
    return folder.empty() ? name : folder + "/" + name;
}

bool is_version_control_folder(const std::string& name) {
    return name == ".git" || name == ".hg" || name == ".svn";
}

bool is_inside(const fs::path& canonical, const fs::path& root) {
    const auto& path = canonical.native();
    const auto& prefix = root.native();
    return path == prefix ||
           (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
            (prefix.back() == '/' || path[prefix.size()] == '/'));
}

class Scanner {
public:
    explicit Scanner(const ContentConfig& content)
        : include_(detail::compile_globs(content.include))
        , exclude_(detail::compile_globs(content.exclude))
        , html_only_(content.source == "built")
        , every_html_(html_only_ && content.include == ContentConfig{}.include) {
        std::error_code error;
        root_ = fs::canonical(content.root, error);
        if (error || !fs::is_directory(root_, error)) {
            throw Error(ErrorCode::io_error, "content root '" + content.root.string() +
                                                 "' is not a readable folder" +
                                                 (error ? ": " + error.message() : ""));
        }
    }

    ScanResult run() {
        ScanResult result;
        struct stat info {};
        if (::stat(root_.c_str(), &info) != 0) {
            throw Error(ErrorCode::io_error, "cannot stat content root '" + root_.string() +
                                                 "': " + std::strerror(errno));
        }
        real_folders_.push_back({"", root_, false, false, {info.st_dev, info.st_ino}});
        // A folder is marked as walked when it is taken from the queue, not when it is
        // queued: all real folders come first, so a real path always wins over a link.
        while (!real_folders_.empty() || !linked_folders_.empty()) {
            auto& queue = real_folders_.empty() ? linked_folders_ : real_folders_;
            PendingFolder folder = std::move(queue.front());
            queue.pop_front();
            if (!visited_folders_.insert(folder.id).second) {
                if (folder.is_link) {
                    report(result.issues, folder.relative, IssueKind::symlink_loop,
                           "symbolic link leads to a folder already walked; not followed again");
                }
                continue;
            }
            walk_folder(folder, result.issues);
        }
        select_files(result);
        return result;
    }

private:
    void report(std::vector<LoadIssue>& issues,
                const std::string& raw_path,
                IssueKind kind,
                std::string message) {
        issues.push_back(LoadIssue{detail::escape_path(raw_path), 0, kind, std::move(message)});
    }

    bool selected(const std::string& relative) const {
        // A built site's pages are its HTML files; its feeds, sitemaps, scripts are not.
        // Unless content.include says otherwise, that is every one of them (.htm too).
        if (html_only_ && !detail::is_html_path(relative)) {
            return false;
        }
        return (every_html_ || detail::matches_any(include_, relative)) &&
               !detail::matches_any(exclude_, relative);
    }

    void walk_folder(const PendingFolder& folder, std::vector<LoadIssue>& issues) {
        std::error_code error;
        fs::directory_iterator it(folder.absolute, error);
        if (error) {
            if (folder.relative.empty()) {
                // Without the root, every page would look deleted: refuse, do not guess.
                throw Error(ErrorCode::io_error, "cannot list content root '" + root_.string() +
                                                     "': " + error.message());
            }
            report(issues, folder.relative, IssueKind::unreadable,
                   "cannot list folder: " + error.message());
            return;
        }
        // Sorted by name, so that the walk (and what it reports) does not depend on the file
        // system. The names are taken out once: comparing paths builds two per comparison.
        std::vector<std::pair<std::string, fs::directory_entry>> entries;
        for (; it != fs::directory_iterator(); it.increment(error)) {
            if (error) {
                report(issues, folder.relative, IssueKind::unreadable,
                       "cannot list folder: " + error.message());
                break;
            }
            entries.emplace_back(it->path().filename().native(), *it);
        }
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [name, entry] : entries) {
            visit(folder, entry, issues);
        }
    }

    void visit(const PendingFolder& folder,
               const fs::directory_entry& entry,
               std::vector<LoadIssue>& issues) {
        const std::string name = entry.path().filename().native();
        if (is_version_control_folder(name)) {
            return; // never content, and large: other hidden files are walked like any
        }
        const std::string relative = join(folder.relative, name);
        const fs::path& absolute = entry.path();

        struct stat link_info {};
        if (::lstat(absolute.c_str(), &link_info) != 0) {
            report(issues, relative, IssueKind::unreadable,
                   std::string("cannot stat: ") + std::strerror(errno));
            return;
        }
        const bool is_link = S_ISLNK(link_info.st_mode);
        const bool via_symlink = folder.via_symlink || is_link;
        struct stat info = link_info;
        if (is_link) {
            std::error_code error;
            const fs::path target = fs::canonical(absolute, error);
            if (error) {
                const bool loop = error == std::errc::too_many_symbolic_link_levels;
                if (loop || selected(relative)) {
                    report(issues, relative,
                           loop ? IssueKind::symlink_loop : IssueKind::broken_symlink,
                           loop ? "symbolic link loop: " + error.message()
                                : "symbolic link to nothing: " + error.message());
                }
                return;
            }
            if (::stat(absolute.c_str(), &info) != 0) {
                report(issues, relative, IssueKind::unreadable,
                       std::string("cannot stat: ") + std::strerror(errno));
                return;
            }
            if (!is_inside(target, root_)) {
                if (S_ISDIR(info.st_mode) || selected(relative)) {
                    report(issues, relative, IssueKind::symlink_outside_root,
                           "symbolic link leads outside the content root (to " +
                               detail::escape_path(target.native()) + "); not followed");
                }
                return;
            }
        }

        if (S_ISDIR(info.st_mode)) {
            if (detail::matches_any(exclude_, relative)) {
                return;
            }
            (is_link ? linked_folders_ : real_folders_)
                .push_back({relative, absolute, via_symlink, is_link, {info.st_dev, info.st_ino}});
            return;
        }
        if (!selected(relative)) {
            return;
        }
        if (!S_ISREG(info.st_mode)) {
            report(issues, relative, IssueKind::not_a_regular_file,
                   "not a regular file (a socket, FIFO or device); not read");
            return;
        }
        SourceFile file;
        file.path = detail::escape_path(relative);
        file.absolute = absolute;
        file.size = static_cast<std::uint64_t>(info.st_size);
        file.mtime = detail::file_time_of(info);
        candidates_.push_back({relative, std::move(file), {info.st_dev, info.st_ino}, via_symlink});
    }

    /// One SourceFile per real file: the path not reached through a link wins, then the
    /// first in path order. Result sorted by path.
    void select_files(ScanResult& result) {
        std::sort(
            candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
                return std::tie(a.via_symlink, a.raw_path) < std::tie(b.via_symlink, b.raw_path);
            });
        std::map<FileId, std::size_t> first_kept; // a file → its first path's index in `kept`
        std::vector<Candidate> kept;
        for (auto& candidate : candidates_) {
            const auto [it, inserted] = first_kept.emplace(candidate.id, kept.size());
            if (!inserted) {
                report(result.issues, candidate.raw_path, IssueKind::same_file,
                       "same file as '" + kept[it->second].file.path +
                           "' (a link to it); loaded once");
                continue;
            }
            kept.push_back(std::move(candidate));
        }
        std::sort(kept.begin(), kept.end(),
                  [](const Candidate& a, const Candidate& b) { return a.raw_path < b.raw_path; });
        result.files.reserve(kept.size());
        for (auto& candidate : kept) {
            result.files.push_back(std::move(candidate.file));
        }
        std::stable_sort(result.issues.begin(), result.issues.end(),
                         [](const LoadIssue& a, const LoadIssue& b) { return a.path < b.path; });
    }

    std::vector<detail::Glob> include_;
    std::vector<detail::Glob> exclude_;
    bool html_only_ = false;
    bool every_html_ = false; ///< built, with the default content.include
    fs::path root_;
    std::set<FileId> visited_folders_;
    std::deque<PendingFolder> real_folders_;
    std::deque<PendingFolder> linked_folders_;
    std::vector<Candidate> candidates_;
};

} // namespace

ScanResult scan_content(const ContentConfig& content) {
    return Scanner(content).run();
}

} // namespace libsearch
