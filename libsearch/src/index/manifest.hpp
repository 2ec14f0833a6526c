#pragma once

// The reindex manifest: what the last run saw of each content file, kept in the index's
// metadata so that the next run reads only what changed.
//
// A site of a million pages has a million entries, read and written on every incremental
// run, so the manifest is a compact binary record list (paths sorted and prefix-coded) rather
// than JSON: at 1M files it is about 40 MB, decoded without building a document tree.

#include <libsearch/loader.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch::detail {

/// What the manifest remembers of one file.
struct FileRecord {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::uint64_t hash = 0;
    std::string id;                ///< its document's id; empty when it has none
    std::vector<LoadIssue> issues; ///< reported again while the file stays unchanged
    /// Unix seconds when the file must be read again although it did not change: its page
    /// expires or comes due then (ParsedPage::changes_at). 0: never.
    std::int64_t recheck_at = 0;
};

/// Path (relative to the content root) → record, in path order.
using Manifest = std::map<std::string, FileRecord>;

std::string encode_manifest(const Manifest& manifest);

/// Reads what encode_manifest wrote. Damaged or foreign bytes give an empty manifest: every
/// file is then read again, which is slow but correct.
Manifest decode_manifest(std::string_view bytes);

/// Reads the JSON manifest of indexes written before the binary one (same index format):
/// damaged entries are left out, so their files are read again.
Manifest parse_json_manifest(const std::string& text);

} // namespace libsearch::detail
