#include "index/manifest.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace libsearch::detail {

namespace {

/// 2: records carry recheck_at. An older manifest reads as empty: every file is read again.
constexpr std::string_view kMagic = "LSMANIF2";

// An id is usually the page's path (no configured id key) or absent: both cost one byte.
constexpr std::uint64_t kNoId = 0;
constexpr std::uint64_t kIdIsPath = 1;
constexpr std::uint64_t kIdFollows = 2; ///< + the id's length

void put(std::string& out, std::uint64_t value) {
    while (value >= 0x80) {
        out += static_cast<char>((value & 0x7F) | 0x80);
        value >>= 7;
    }
    out += static_cast<char>(value);
}

void put(std::string& out, std::string_view bytes) {
    put(out, static_cast<std::uint64_t>(bytes.size()));
    out += bytes;
}

/// Reads the encoding back; any read past the end or out of range marks it failed.
class Reader {
public:
    explicit Reader(std::string_view bytes)
        : bytes_(bytes) {}

    std::uint64_t number() {
        std::uint64_t value = 0;
        for (int shift = 0; shift <= 63; shift += 7) {
            if (pos_ >= bytes_.size()) {
                break;
            }
            const auto byte = static_cast<unsigned char>(bytes_[pos_++]);
            value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if ((byte & 0x80) == 0) {
                return value;
            }
        }
        failed_ = true;
        return 0;
    }

    std::string_view bytes(std::uint64_t count) {
        if (count > bytes_.size() - pos_) {
            failed_ = true;
            return {};
        }
        const std::string_view out = bytes_.substr(pos_, count);
        pos_ += count;
        return out;
    }

    std::string_view text() { return bytes(number()); }
    bool failed() const noexcept { return failed_; }
    bool done() const noexcept { return pos_ == bytes_.size(); }

private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
    bool failed_ = false;
};

std::uint64_t zigzag(std::int64_t value) {
    return (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
}

std::int64_t unzigzag(std::uint64_t value) {
    return static_cast<std::int64_t>(value >> 1) ^ -static_cast<std::int64_t>(value & 1);
}

std::optional<IssueKind> kind_named(std::string_view name) {
    for (int kind = 0; kind <= static_cast<int>(kLastIssueKind); ++kind) {
        if (to_string(static_cast<IssueKind>(kind)) == name) {
            return static_cast<IssueKind>(kind);
        }
    }
    return std::nullopt;
}

} // namespace

std::string encode_manifest(const Manifest& manifest) {
    std::string out(kMagic);
    put(out, static_cast<std::uint64_t>(manifest.size()));
    std::string_view previous;
    for (const auto& [path, record] : manifest) {
        std::size_t shared = 0;
        while (shared < previous.size() && shared < path.size() &&
               previous[shared] == path[shared]) {
            ++shared;
        }
        put(out, static_cast<std::uint64_t>(shared));
        put(out, std::string_view(path).substr(shared));
        previous = path;
        put(out, record.size);
        put(out, zigzag(record.mtime_ns));
        put(out, record.hash);
        put(out, zigzag(record.recheck_at));
        if (record.id.empty()) {
            put(out, kNoId);
        } else if (record.id == path) {
            put(out, kIdIsPath);
        } else {
            put(out, kIdFollows + record.id.size());
            out += record.id;
        }
        put(out, static_cast<std::uint64_t>(record.issues.size()));
        for (const auto& issue : record.issues) {
            put(out, to_string(issue.kind)); // by name: the enum's order may change
            put(out, static_cast<std::uint64_t>(issue.line));
            put(out, issue.message);
        }
    }
    return out;
}

Manifest decode_manifest(std::string_view bytes) {
    if (bytes.substr(0, kMagic.size()) != kMagic) {
        return {};
    }
    Reader in(bytes.substr(kMagic.size()));
    Manifest manifest;
    std::string path;
    const std::uint64_t count = in.number();
    for (std::uint64_t i = 0; i < count && !in.failed(); ++i) {
        const std::uint64_t shared = in.number();
        if (shared > path.size()) {
            return {};
        }
        path.resize(shared);
        path += in.text();
        FileRecord record;
        record.size = in.number();
        record.mtime_ns = unzigzag(in.number());
        record.hash = in.number();
        record.recheck_at = unzigzag(in.number());
        const std::uint64_t id = in.number();
        if (id == kIdIsPath) {
            record.id = path;
        } else if (id >= kIdFollows) {
            record.id = in.bytes(id - kIdFollows);
        }
        const std::uint64_t issues = in.number();
        for (std::uint64_t k = 0; k < issues && !in.failed(); ++k) {
            const auto kind = kind_named(in.text());
            const std::uint64_t line = in.number();
            const std::string_view message = in.text();
            if (!kind || line > UINT32_MAX) {
                return {};
            }
            record.issues.push_back(
                LoadIssue{path, static_cast<std::uint32_t>(line), *kind, std::string(message)});
        }
        manifest.emplace_hint(manifest.end(), path, std::move(record));
    }
    if (in.failed() || !in.done() || manifest.size() != count) {
        return {};
    }
    return manifest;
}

Manifest parse_json_manifest(const std::string& text) {
    Manifest manifest;
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_object()) {
        return manifest;
    }
    for (const auto& [path, entry] : json.items()) {
        if (!entry.is_array() || entry.size() != 5 || !entry[0].is_number_unsigned() ||
            !entry[1].is_number_integer() || !entry[2].is_string() || !entry[3].is_string() ||
            !entry[4].is_array()) {
            continue; // a damaged entry: the file is simply read again
        }
        FileRecord record;
        record.size = entry[0].get<std::uint64_t>();
        record.mtime_ns = entry[1].get<std::int64_t>();
        try {
            record.hash = std::stoull(entry[2].get<std::string>());
        } catch (const std::exception&) {
            continue;
        }
        record.id = entry[3].get<std::string>();
        for (const auto& issue : entry[4]) {
            if (issue.is_array() && issue.size() == 3 && issue[0].is_string() &&
                issue[1].is_number_unsigned() && issue[2].is_string()) {
                if (const auto kind = kind_named(issue[0].get<std::string>())) {
                    record.issues.push_back(LoadIssue{path, issue[1].get<std::uint32_t>(), *kind,
                                                      issue[2].get<std::string>()});
                }
            }
        }
        manifest.emplace(path, std::move(record));
    }
    return manifest;
}

} // namespace libsearch::detail
