#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace libsearch {

/// One complete, published index: a Xapian database in its own folder.
struct Generation {
    std::string name;           ///< "gen-000042"
    std::filesystem::path path; ///< INDEX_DIR/gen-000042
};

/// An index folder: generations side by side and a `current` symbolic link to the one that
/// is served. Readers follow `current`; a writer builds `gen-N.tmp` beside it, and publish()
/// swaps the link with rename(2), so a reader sees the old generation or the new one, never
/// a half-built one. A crash at any point leaves `current` on a complete generation; stale
/// `*.tmp` folders are removed by the next begin_generation().
///
///     INDEX_DIR/current -> gen-000042
///     INDEX_DIR/gen-000041/   (the previous one, kept while searchers may still use it)
///     INDEX_DIR/gen-000042/
///     INDEX_DIR/gen-000043.tmp/  (being built)
class Index {
public:
    /// Does not touch the disk; the folder is created by begin_generation().
    explicit Index(std::filesystem::path dir);

    const std::filesystem::path& dir() const noexcept { return dir_; }

    /// The generation `current` points to, or nullopt if none was published yet.
    std::optional<Generation> current() const;

    /// Creates an empty build folder for the next generation (removing stale builds).
    /// Throws Error(ErrorCode::io_error) when the folder cannot be created.
    std::filesystem::path begin_generation() const;

    /// Makes a finished build the current generation: fsync, rename to its final name,
    /// atomic swap of `current`, fsync of the index folder. Keeps the previous generation
    /// (a searcher may still be answering from it) and removes older ones.
    Generation publish(const std::filesystem::path& build) const;

    /// Removes the builds a killed or crashed writer left behind. Call it holding the writer
    /// lock (another writer's build is not stale). Never throws.
    void remove_stale_builds() const noexcept;

    /// Removes a build that will not be published. Never throws.
    void discard(const std::filesystem::path& build) const noexcept;

    /// The one-writer lock of this index (an flock on INDEX_DIR/writer.lock holding the
    /// writer's pid). The kernel releases it when the process dies, so a killed reindex never
    /// leaves a stale lock. Move-only; released on destruction.
    class WriterLock {
    public:
        WriterLock(WriterLock&& other) noexcept;
        WriterLock& operator=(WriterLock&& other) noexcept;
        ~WriterLock();

    private:
        friend class Index;
        explicit WriterLock(int fd) noexcept
            : fd_(fd) {}
        int fd_ = -1;
    };

    /// Takes the writer lock, creating the index folder if needed. Throws
    /// Error(ErrorCode::index_busy) "reindex already running (pid N)" when another process
    /// holds it, Error(io_error) when it cannot be taken at all.
    WriterLock lock_writer() const;

private:
    std::filesystem::path dir_;
};

} // namespace libsearch
