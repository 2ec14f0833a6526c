#include "load/site_rules.hpp"

#include "text/languages.hpp"

#include "load/key_path.hpp"
#include "load/path_parts.hpp"
#include "text/text_util.hpp"

#include <libsearch/error.hpp>

#include <cstdio>

namespace libsearch::detail {

SiteRules::SiteRules(SiteSummary summary)
    : summary_(std::move(summary)) {
    if (!summary_.time_zone.empty()) {
        zone_ = find_time_zone(summary_.time_zone);
        if (zone_ == nullptr) {
            throw Error(ErrorCode::invalid_config,
                        "site.time_zone: '" + summary_.time_zone +
                            "' is not a time zone of the tz database (e.g. America/New_York)");
        }
    }
}

std::string SiteRules::describe() const {
    std::string text{to_string(summary_.generator)};
    const auto add = [&](std::string_view part) {
        text += '\n';
        text += part;
    };
    add(summary_.content_root.string());
    add(summary_.base_url);
    add(summary_.time_zone);
    add(summary_.permalink_style);
    for (const auto& [key, pattern] : summary_.permalinks) {
        add(key + " = " + pattern);
    }
    for (const auto& language : summary_.languages) {
        add(language.code + " in " + language.content_dir);
    }
    add(summary_.default_language);
    add("language folders in '" + language_folders_parent_ + "':");
    for (const auto& code : language_folders_) {
        add(code);
    }
    add(mtime_fallback ? "mtime" : "no mtime");
    return text;
}

std::optional<WrittenDate> SiteRules::page_date(const PageFacts& page, bool from_file_name) const {
    if (page.date) {
        return page.date;
    }
    if (from_file_name) {
        if (const auto dated = date_from_file_name(file_name_of(page.file.path))) {
            return dated->date;
        }
    }
    if (const auto modified = modified_at(page.file); mtime_fallback && modified) {
        return WrittenDate{wall_clock_in(*modified, zone_), std::nullopt};
    }
    return std::nullopt;
}

std::optional<std::chrono::sys_seconds> modified_at(const SourceFile& file) {
    if (file.mtime == std::filesystem::file_time_type{}) {
        return std::nullopt;
    }
    return std::chrono::floor<std::chrono::seconds>(std::chrono::file_clock::to_sys(file.mtime));
}

std::string SiteRules::with_base(std::string_view path) const {
    std::string_view base = summary_.base_url;
    while (!base.empty() && base.back() == '/') {
        base.remove_suffix(1);
    }
    std::string url(base);
    if (path.empty() || path.front() != '/') {
        url += '/';
    }
    url += path;
    return url;
}

void SiteRules::use_configured_permalinks(const Config& config, PermalinkStyle style) {
    for (const auto& [key, pattern] : config.site.permalinks) {
        try {
            ConfiguredPermalink entry{{}, std::nullopt, PermalinkPattern(pattern, style)};
            if (key.find_first_of("/*?[") == std::string::npos) {
                entry.section = key;
            } else {
                entry.glob.emplace(key);
            }
            configured_.push_back(std::move(entry));
        } catch (const std::invalid_argument& error) {
            throw Error(ErrorCode::invalid_config, "site.permalinks." + key + ": " + error.what());
        }
    }
}

const PermalinkPattern* SiteRules::configured_permalink(std::string_view path) const {
    const auto slash = path.find('/');
    const std::string_view section =
        slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
    for (const auto& entry : configured_) {
        if (entry.glob ? entry.glob->matches(path) : entry.section == section) {
            return &entry.pattern;
        }
    }
    return nullptr;
}

namespace {

/// The names of the folders in `folder` that are language codes.
std::vector<std::string> language_folders_in(const std::filesystem::path& folder) {
    std::vector<std::string> codes;
    std::error_code error;
    for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (it->is_directory(error) && is_language_code(name)) {
            codes.push_back(name);
        }
    }
    std::sort(codes.begin(), codes.end());
    return codes;
}

} // namespace

void SiteRules::find_language_folders() {
    // At least two language folders, side by side: at the top (`fr/about.md`), or in one
    // folder of the top (`content/fr/about.md`, MDN's `files/fr/...`), never deeper, where
    // `id/` or `it/` are more likely ids and IT than Indonesian and Italian.
    const auto found = [&](std::string parent, std::vector<std::string> codes) {
        if (summary_.languages.empty()) {
            for (const auto& code : codes) {
                summary_.languages.push_back(SiteLanguage{code, parent + code});
            }
        }
        language_folders_parent_ = std::move(parent);
        language_folders_ = std::move(codes);
    };
    auto codes = language_folders_in(summary_.content_root);
    if (codes.size() >= 2) {
        found("", std::move(codes));
        return;
    }
    std::vector<std::string> tops;
    std::error_code error;
    for (std::filesystem::directory_iterator it(summary_.content_root, error), end;
         !error && it != end; it.increment(error)) {
        std::string name = it->path().filename().string();
        // Not the generator's own folders (_data, _site), hidden ones, or packages
        // (node_modules/he and node_modules/ms are JavaScript, not Hebrew and Malay).
        if (it->is_directory(error) && name.front() != '_' && name.front() != '.' &&
            name != "node_modules") {
            tops.push_back(std::move(name));
        }
    }
    std::sort(tops.begin(), tops.end());
    for (const auto& top : tops) {
        codes = language_folders_in(summary_.content_root / top);
        if (codes.size() >= 2) {
            found(top + '/', std::move(codes));
            return;
        }
    }
}

std::string SiteRules::folder_language(std::string_view path) const {
    if (language_folders_.empty() || !path.starts_with(language_folders_parent_)) {
        return {};
    }
    path.remove_prefix(language_folders_parent_.size());
    const auto slash = path.find('/');
    if (slash == std::string_view::npos) {
        return {};
    }
    const auto folder = path.substr(0, slash);
    const bool known =
        std::binary_search(language_folders_.begin(), language_folders_.end(), folder);
    return known ? std::string(folder) : std::string();
}

std::string_view month_name(unsigned month) {
    static constexpr std::string_view kNames[] = {"January",   "February", "March",    "April",
                                                  "May",       "June",     "July",     "August",
                                                  "September", "October",  "November", "December"};
    return month >= 1 && month <= 12 ? kNames[month - 1] : std::string_view();
}

std::string_view weekday_name(unsigned day) {
    static constexpr std::string_view kNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                  "Thursday", "Friday", "Saturday"};
    return day < 7 ? kNames[day] : std::string_view();
}

std::string two_digits(unsigned value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02u", value);
    return buffer;
}

void note_change(std::optional<std::chrono::sys_seconds>& current,
                 std::chrono::sys_seconds candidate,
                 std::chrono::sys_seconds now) {
    if (candidate > now && (!current || candidate < *current)) {
        current = candidate;
    }
}

std::optional<bool> front_matter_flag(const FieldValue& front_matter, std::string_view key) {
    const FieldValue* value = find_key(front_matter, key);
    return value == nullptr ? std::nullopt : flag_of(*value);
}

std::optional<WrittenDate> front_matter_date(const FieldValue& front_matter,
                                             std::initializer_list<std::string_view> keys) {
    for (const auto key : keys) {
        const FieldValue* value = find_key(front_matter, key);
        if (value != nullptr && value->is_text()) {
            if (auto date = parse_date(value->as_text())) {
                return date;
            }
        }
    }
    return std::nullopt;
}

} // namespace libsearch::detail
