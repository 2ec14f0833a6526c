#include "site_rules.hpp"

#include "key_path.hpp"
#include "path_parts.hpp"
#include "text_util.hpp"

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

void SiteRules::find_language_folders() {
    std::error_code error;
    std::vector<std::string> codes;
    for (std::filesystem::directory_iterator it(summary_.content_root, error), end;
         !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (it->is_directory(error) && is_language_code(name)) {
            codes.push_back(name);
        }
    }
    if (codes.size() >= 2) {
        language_folders_ = std::move(codes);
    }
}

std::string SiteRules::folder_language(std::string_view path) const {
    const auto slash = path.find('/');
    if (slash == std::string_view::npos) {
        return {};
    }
    const auto folder = path.substr(0, slash);
    for (const auto& code : language_folders_) {
        if (code == folder) {
            return code;
        }
    }
    return {};
}

bool is_language_code(std::string_view text) {
    // ISO 639-1, two letters each.
    static constexpr std::string_view kCodes =
        "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu "
        "cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi "
        "ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks "
        "ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl "
        "nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl "
        "sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve "
        "vi vo wa wo xh yi yo za zh zu";
    if (text.size() < 2) {
        return false;
    }
    const auto at = kCodes.find(ascii_lower(text.substr(0, 2)));
    if (at == std::string_view::npos || at % 3 != 0) {
        return false;
    }
    if (text.size() == 2) {
        return true;
    }
    // A region or script: "pt-br", "zh_CN", "zh-hant".
    if (text[2] != '-' && text[2] != '_') {
        return false;
    }
    const auto rest = text.substr(3);
    if (rest.size() < 2 || rest.size() > 4) {
        return false;
    }
    for (const char c : rest) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            return false;
        }
    }
    return true;
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
