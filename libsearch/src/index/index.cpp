#include <libsearch/error.hpp>
#include <libsearch/index.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

namespace libsearch {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kCurrentLink = "current";
constexpr std::string_view kGenerationPrefix = "gen-";
constexpr std::string_view kBuildSuffix = ".tmp";

[[noreturn]] void fail(const std::string& what, const fs::path& path, int error = errno) {
    throw Error(ErrorCode::io_error, what + " '" + path.string() + "': " + std::strerror(error));
}

/// fsync of a file or folder: a rename is durable only once its folder is synced.
void sync_path(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fail("cannot open for fsync", path);
    }
    const int result = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (result != 0) {
        fail("fsync failed for", path, error);
    }
}

/// The number of "gen-000042" or "gen-000042.tmp", or 0.
std::uint64_t generation_number(const std::string& name) {
    if (name.rfind(kGenerationPrefix, 0) != 0) {
        return 0;
    }
    std::uint64_t number = 0;
    for (std::size_t i = kGenerationPrefix.size();
         i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i) {
        number = number * 10 + static_cast<std::uint64_t>(name[i] - '0');
    }
    return number;
}

bool is_build(const std::string& name) {
    return name.size() > kBuildSuffix.size() && name.ends_with(kBuildSuffix);
}

} // namespace

Index::Index(fs::path dir)
    : dir_(std::move(dir)) {
    // "var/index/" and "var/index" are one folder; compared element by element they differ.
    dir_ = dir_.lexically_normal();
    if (!dir_.has_filename() && dir_.has_parent_path()) {
        dir_ = dir_.parent_path();
    }
}

std::optional<Generation> Index::current() const {
    std::error_code error;
    const fs::path target = fs::read_symlink(dir_ / kCurrentLink, error);
    if (error) {
        return std::nullopt;
    }
    const fs::path path = target.is_absolute() ? target : dir_ / target;
    if (!fs::is_directory(path, error)) {
        return std::nullopt;
    }
    return Generation{target.filename().string(), path};
}

fs::path Index::begin_generation() const {
    std::error_code error;
    fs::create_directories(dir_, error);
    if (error) {
        throw Error(ErrorCode::io_error,
                    "cannot create index folder '" + dir_.string() + "': " + error.message());
    }
    std::uint64_t last = 0;
    std::vector<fs::path> stale;
    for (fs::directory_iterator it(dir_, error), end; !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        last = std::max(last, generation_number(name));
        if (is_build(name) && name != std::string(kCurrentLink) + std::string(kBuildSuffix)) {
            stale.push_back(it->path());
        }
    }
    if (error) {
        throw Error(ErrorCode::io_error,
                    "cannot list index folder '" + dir_.string() + "': " + error.message());
    }
    for (const auto& build : stale) {
        discard(build); // left by a build that crashed or was killed
    }
    char name[32];
    std::snprintf(name, sizeof name, "gen-%06llu.tmp", static_cast<unsigned long long>(last + 1));
    const fs::path build = dir_ / name;
    if (!fs::create_directory(build, error) || error) {
        throw Error(ErrorCode::io_error, "cannot create '" + build.string() + "': " +
                                             (error ? error.message() : "it already exists"));
    }
    return build;
}

Generation Index::publish(const fs::path& build) const {
    const std::string build_name = build.filename().string();
    if (!is_build(build_name) || build.parent_path() != dir_) {
        throw Error(ErrorCode::invalid_argument,
                    "not a build of this index: '" + build.string() + "'");
    }
    const std::string name = build_name.substr(0, build_name.size() - kBuildSuffix.size());
    const fs::path final_path = dir_ / name;
    const auto previous = current();

    // Xapian fsyncs its own files at commit; the folder entries need a sync of their own.
    sync_path(build);
    if (::rename(build.c_str(), final_path.c_str()) != 0) {
        fail("cannot rename build to", final_path);
    }
    sync_path(dir_);

    const fs::path link = dir_ / kCurrentLink;
    const fs::path temporary_link = dir_ / (std::string(kCurrentLink) + std::string(kBuildSuffix));
    ::unlink(temporary_link.c_str());
    if (::symlink(name.c_str(), temporary_link.c_str()) != 0) {
        fail("cannot create symbolic link", temporary_link);
    }
    if (::rename(temporary_link.c_str(), link.c_str()) != 0) {
        fail("cannot replace", link);
    }
    sync_path(dir_);

    // Keep the new generation and the one searchers may still be reading; remove the rest.
    // Published: from here on nothing may fail the call. An older generation that cannot be
    // removed now is removed by a later publish.
    std::error_code error;
    std::vector<fs::path> old;
    for (fs::directory_iterator it(dir_, error), end; !error && it != end; it.increment(error)) {
        const std::string entry_name = it->path().filename().string();
        const bool keep = entry_name == name || (previous && entry_name == previous->name) ||
                          generation_number(entry_name) == 0 || is_build(entry_name);
        if (!keep) {
            old.push_back(it->path());
        }
    }
    for (const auto& path : old) {
        fs::remove_all(path, error);
    }
    return Generation{name, final_path};
}

Index::WriterLock::WriterLock(WriterLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)) {}

Index::WriterLock& Index::WriterLock::operator=(WriterLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

Index::WriterLock::~WriterLock() {
    if (fd_ >= 0) {
        ::close(fd_); // releases the flock
    }
}

Index::WriterLock Index::lock_writer() const {
    std::error_code error;
    fs::create_directories(dir_, error);
    const fs::path path = dir_ / "writer.lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        fail("cannot open", path);
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int lock_error = errno;
        char holder[32] = {};
        const ssize_t n = ::pread(fd, holder, sizeof holder - 1, 0);
        ::close(fd);
        if (lock_error == EWOULDBLOCK) {
            throw Error(ErrorCode::index_busy,
                        "reindex already running (pid " +
                            std::string(holder, n > 0 ? static_cast<std::size_t>(n) : 0) +
                            ") on '" + dir_.string() + "'");
        }
        fail("cannot lock", path, lock_error);
    }
    const std::string pid = std::to_string(::getpid());
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
        const int write_error = errno;
        ::close(fd);
        fail("cannot write", path, write_error);
    }
    return WriterLock(fd);
}

void Index::remove_stale_builds() const noexcept {
    std::error_code error;
    std::vector<fs::path> stale;
    for (fs::directory_iterator it(dir_, error), end; !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (is_build(name) && generation_number(name) > 0) {
            stale.push_back(it->path());
        }
    }
    for (const auto& build : stale) {
        discard(build);
    }
}

void Index::discard(const fs::path& build) const noexcept {
    std::error_code error;
    fs::remove_all(build, error);
}

} // namespace libsearch
