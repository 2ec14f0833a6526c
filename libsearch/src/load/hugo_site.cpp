// Hugo's rules (0.111, the version Debian 12 ships): config files merged, content mounts
// per language, bundles and sections, permalink patterns, the date chains of its front
// matter handlers, and what it does not publish (drafts, expired and future pages,
// render: never, headless bundles, disabled kinds).
#include "load/hugo_paths.hpp"
#include "load/key_path.hpp"
#include "load/path_parts.hpp"
#include "load/site_config.hpp"
#include "load/site_rules.hpp"
#include "load/slugs.hpp"
#include "text/text_util.hpp"

#include <libsearch/error.hpp>

#include <unicode/regex.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>

namespace libsearch::detail {

namespace {

constexpr std::string_view kContentExtensions[] = {"md", "markdown", "mdown", "html", "htm"};
/// Hugo's date strings (cast.ToTimeInDefaultLocation): what parse_date reads, except a
/// time without seconds, which Hugo does not take.
std::optional<WrittenDate> hugo_date(std::string_view text) {
    text = trim(text);
    const auto colon = text.find(':');
    if (colon != std::string_view::npos && colon > 10 &&
        text.find(':', colon + 1) == std::string_view::npos &&
        (text.size() < colon + 4 || text[colon + 3] == ' ' || text.size() == colon + 3)) {
        return std::nullopt; // "2019-10-09 23:00"
    }
    return parse_date(text);
}

/// "{,/**}/_includes{,/**}" → every combination of the alternatives (Hugo's cascade globs).
std::vector<std::string> expand_braces(std::string_view pattern) {
    const auto open = pattern.find('{');
    if (open == std::string_view::npos) {
        return {std::string(pattern)};
    }
    const auto close = pattern.find('}', open);
    if (close == std::string_view::npos) {
        return {std::string(pattern)};
    }
    std::vector<std::string> out;
    const auto head = pattern.substr(0, open);
    const auto body = pattern.substr(open + 1, close - open - 1);
    const auto tails = expand_braces(pattern.substr(close + 1));
    std::size_t start = 0;
    while (start <= body.size()) {
        const auto comma = body.find(',', start);
        const auto end = comma == std::string_view::npos ? body.size() : comma;
        for (const auto& tail : tails) {
            if (out.size() < 64) {
                out.push_back(std::string(head) + std::string(body.substr(start, end - start)) +
                              tail);
            }
        }
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    return out;
}

/// A date key chain of Hugo's `[frontmatter]` config: key names (lower case) and the
/// `:filename` / `:fileModTime` handlers.
using DateChain = std::vector<std::string>;

DateChain default_chain(std::string_view field) {
    if (field == "date")
        return {"date", "publishdate", "pubdate", "published", "lastmod", "modified"};
    if (field == "publishdate")
        return {"publishdate", "pubdate", "published", "date"};
    if (field == "expirydate")
        return {"expirydate", "unpublishdate"};
    return {"lastmod", "modified", "date", "publishdate", "pubdate", "published"};
}

DateChain read_chain(const FieldValue* handlers, std::string_view field) {
    if (handlers == nullptr) {
        return default_chain(field);
    }
    DateChain chain;
    for (const auto& raw : texts_of(handlers)) {
        const std::string handler = ascii_lower(trim(raw));
        if (handler == ":default") {
            const auto defaults = default_chain(field);
            chain.insert(chain.end(), defaults.begin(), defaults.end());
            continue;
        }
        chain.push_back(handler);
        if (handler == "publishdate") {
            chain.insert(chain.end(), {"pubdate", "published"});
        } else if (handler == "lastmod") {
            chain.emplace_back("modified");
        } else if (handler == "expirydate") {
            chain.emplace_back("unpublishdate");
        }
    }
    return chain;
}

struct CascadeEntry {
    std::vector<Glob> paths; ///< empty: every page
    std::string kind;
    std::string language;
    FieldValue values;
};

/// Hugo's `:sections`, and its `[i]`, `[lo:hi]`, `[last]` slices.
std::string slice_sections(const std::vector<std::string>& sections, std::string_view argument) {
    std::string joined;
    const auto add = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to && i < sections.size(); ++i) {
            joined += joined.empty() ? "" : "/";
            joined += sections[i];
        }
    };
    if (argument.empty()) {
        add(0, sections.size());
        return joined;
    }
    const auto index = [&](std::string_view text, std::size_t fallback) -> std::size_t {
        text = trim(text);
        if (text.empty())
            return fallback;
        if (text == "last")
            return sections.empty() ? 0 : sections.size() - 1;
        std::size_t value = 0;
        for (const char c : text) {
            if (c < '0' || c > '9')
                return fallback;
            value = value * 10 + static_cast<std::size_t>(c - '0');
        }
        return value;
    };
    if (const auto colon = argument.find(':'); colon != std::string_view::npos) {
        add(index(argument.substr(0, colon), 0),
            index(argument.substr(colon + 1), sections.size()));
    } else {
        const auto at = index(argument, sections.size());
        add(at, at + 1);
    }
    return joined;
}

/// Every token of a Hugo pattern replaced with the page's value, as 0.111 computes them.
std::string expand_hugo_tokens(const PermalinkPattern& pattern,
                               const std::string& title,
                               const std::string& slug,
                               const std::optional<std::chrono::local_seconds>& date,
                               const std::string& section,
                               const std::vector<std::string>& sections,
                               std::string_view file_name,
                               bool keep_case,
                               bool remove_accents) {
    using namespace std::chrono;
    // Go's zero time, 0001-01-01 (a Monday), for an undated page.
    const local_seconds time = date.value_or(local_seconds{local_days{year{1} / 1 / 1}});
    const auto day_point = floor<days>(time);
    const year_month_day ymd{day_point};
    const weekday wd{day_point};
    const auto urlize = [&](std::string_view text) {
        return hugo_escape_link(hugo_make_path(text, keep_case, remove_accents));
    };
    return pattern.expand([&](std::string_view name, std::string_view argument) -> std::string {
        if (name == "year")
            return std::to_string(static_cast<int>(ymd.year()));
        if (name == "month")
            return two_digits(static_cast<unsigned>(ymd.month()));
        if (name == "day")
            return two_digits(static_cast<unsigned>(ymd.day()));
        if (name == "monthname")
            return std::string(month_name(static_cast<unsigned>(ymd.month())));
        if (name == "weekday")
            return std::to_string(wd.c_encoding());
        if (name == "weekdayname")
            return std::string(weekday_name(wd.c_encoding()));
        if (name == "yearday") {
            return std::to_string((day_point - local_days{ymd.year() / 1 / 1}).count() + 1);
        }
        if (name == "section")
            return section;
        if (name == "sections")
            return slice_sections(sections, argument);
        if (name == "title")
            return urlize(title);
        if (name == "slug")
            return urlize(slug.empty() ? title : slug);
        if (name == "filename" || name == "contentbasename")
            return urlize(file_name);
        if (name == "slugorfilename" || name == "slugorcontentbasename") {
            return urlize(slug.empty() ? std::string(file_name) : slug);
        }
        return {};
    });
}

class HugoSite final : public SiteRules {
public:
    struct Mount {
        std::string prefix; ///< relative to the scanned root: "" or "fr/"
        std::string language;
    };

    HugoSite(const SiteSource& source,
             SiteSummary summary,
             const FieldValue& config,
             std::vector<Mount> mounts)
        : SiteRules(std::move(summary))
        , mounts_(std::move(mounts)) {
        mtime_fallback = source.config.fields.date_fallback == "mtime";
        include_drafts_ =
            source.config.content.include_drafts || config_flag(config, "buildDrafts", false);
        build_future_ = config_flag(config, "buildFuture", false);
        build_expired_ = config_flag(config, "buildExpired", false);
        keep_case_ = config_flag(config, "disablePathToLower", false);
        remove_accents_ = config_flag(config, "removePathAccents", false);
        default_language_ = ascii_lower(config_text(config, "defaultContentLanguage"));
        if (default_language_.empty()) {
            default_language_ = "en";
        }
        in_subdir_ = config_flag(config, "defaultContentLanguageInSubdir", false);
        user_dates_ = source.config.fields.date != FieldsConfig{}.date;
        if (const FieldValue* ugly = find_key(config, "uglyURLs")) {
            if (ugly->is_map()) {
                for (const auto& [section, value] : ugly->as_map()) {
                    ugly_sections_[ascii_lower(section)] = flag_of(value).value_or(false);
                }
            } else {
                ugly_all_ = config_flag(config, "uglyURLs", false);
            }
        }
        for (const auto& kind : texts_of(find_key(config, "disableKinds"))) {
            disabled_kinds_.push_back(ascii_lower(kind));
        }
        read_languages(config);
        read_permalinks(config);
        read_date_chains(config);
        read_cascade(config);
        read_ignore_files(config);
        use_configured_permalinks(source.config, PermalinkStyle::hugo);
    }

    void add_defaults(std::string_view path, FieldValue& front_matter) const override {
        if (cascade_.empty() || !front_matter.is_map()) {
            return;
        }
        const Located page = locate(path);
        const std::string target = "/" + lower_case(page.path);
        const bool section = without_extension(last_segment(page.path)) == "_index";
        for (const auto& entry : cascade_) {
            const bool path_ok =
                entry.paths.empty() ||
                std::any_of(entry.paths.begin(), entry.paths.end(),
                            [&](const Glob& glob) { return glob.matches(target); });
            const bool kind_ok = entry.kind.empty() || entry.kind == (section ? "section" : "page");
            const bool language_ok = entry.language.empty() || entry.language == page.language;
            if (path_ok && kind_ok && language_ok && entry.values.is_map()) {
                for (const auto& [key, value] : entry.values.as_map()) {
                    if (key != "_target" && key != "target" &&
                        find_key(front_matter, key) == nullptr) {
                        front_matter.as_map().emplace_back(key, value);
                    }
                }
            }
        }
    }

    std::optional<LeftOut>
    place(const PageFacts& page,
          Document& document,
          std::chrono::sys_seconds now,
          std::optional<std::chrono::sys_seconds>& changes_at) const override {
        const Located where = locate(page.file.path);
        if (where.mount == nullptr) {
            return LeftOut{IssueKind::not_content,
                           "left out: outside every content folder of the site"};
        }
        const std::string_view path = where.path;
        if (auto reason = not_content(page, path)) {
            return LeftOut{IssueKind::not_content, *reason};
        }

        // The language: a `.fr` before the extension when fr is a language, else the mount's.
        const std::string_view file_name = last_segment(path);
        std::string_view stem = without_extension(file_name);
        std::string language = where.mount->language;
        if (const auto dot = stem.rfind('.'); dot != std::string_view::npos && dot > 0) {
            const std::string suffix = ascii_lower(stem.substr(dot + 1));
            if (languages_.count(suffix) > 0 ||
                (languages_.empty() && suffix == default_language_)) {
                language = suffix;
                stem = stem.substr(0, dot);
            }
        }
        if (const auto it = languages_.find(language); it != languages_.end() && !it->second) {
            return LeftOut{IssueKind::not_published,
                           "left out: the site disables its language '" + language + "'"};
        }
        const std::string_view folder = path.substr(0, path.size() - file_name.size());
        const bool section_page = stem == "_index";
        const bool bundle = stem == "index";
        const bool home = section_page && folder.empty();
        const std::string kind = home ? "home" : section_page ? "section" : "page";
        if (std::find(disabled_kinds_.begin(), disabled_kinds_.end(), kind) !=
            disabled_kinds_.end()) {
            return LeftOut{IssueKind::not_published,
                           "left out: the site's disableKinds lists '" + kind + "'"};
        }
        if (auto reason = not_rendered(page.front_matter, bundle)) {
            return LeftOut{IssueKind::not_published, *reason};
        }
        if (!include_drafts_ && front_matter_flag(page.front_matter, "published") == false &&
            front_matter_flag(page.front_matter, "draft") == std::nullopt) {
            return LeftOut{IssueKind::draft, "left out: the page says published: false (a draft)"};
        }

        // Dates: Hugo's chains; the shown date is the wall clock as written.
        std::string file_name_slug;
        const auto date = resolve(date_chain_, page, path, bundle, &file_name_slug);
        const auto publish = resolve(publish_chain_, page, path, bundle, nullptr);
        const auto expiry = resolve(expiry_chain_, page, path, bundle, nullptr);
        if (expiry && !build_expired_) {
            // Hugo keeps a page until its expiry instant has passed.
            note_change(changes_at, instant_of(*expiry, zone()) + std::chrono::seconds{1}, now);
        }
        if (publish && !build_future_) {
            note_change(changes_at, instant_of(*publish, zone()), now);
        }
        if (expiry && !build_expired_ && instant_of(*expiry, zone()) < now) {
            return LeftOut{IssueKind::expired, "left out: expired on " + format_day(expiry->local) +
                                                   " (Hugo's buildExpired is off)"};
        }
        if (publish && !build_future_ && instant_of(*publish, zone()) > now) {
            return LeftOut{IssueKind::scheduled, "left out: to be published on " +
                                                     format_day(publish->local) +
                                                     " (Hugo's buildFuture is off)"};
        }
        std::optional<WrittenDate> shown = user_dates_ ? page.date : date;
        if (!shown) {
            shown = page_date(PageFacts{page.file, page.front_matter, std::nullopt}, false);
        }
        document.date = shown ? std::optional(shown->local) : std::nullopt;
        // A section page with a summary is worth finding (a topic's page); one with neither
        // text nor summary would be an empty hit.
        if (section_page && is_blank(document.body) && is_blank(document.description)) {
            return LeftOut{IssueKind::not_content,
                           "left out: a section page with no text or summary of its own (its "
                           "pages are indexed one by one)"};
        }

        document.language = language;
        document.url = with_base(link(page, document, folder, stem, language, section_page, bundle,
                                      home, file_name_slug));
        return std::nullopt;
    }

    bool empty_file_is_normal(std::string_view path) const override {
        return without_extension(file_name_of(path)).starts_with("_index");
    }

    std::string describe() const override {
        std::string text = SiteRules::describe();
        for (const auto& [section, pattern] : permalinks_) {
            text += "\npermalink " + section + " " + pattern.text();
        }
        for (const auto& mount : mounts_) {
            text += "\nmount " + mount.prefix + " " + mount.language;
        }
        text += "\nflags " + std::to_string(build_future_) + std::to_string(build_expired_) +
                std::to_string(include_drafts_) + std::to_string(keep_case_) +
                std::to_string(remove_accents_) + std::to_string(ugly_all_) +
                std::to_string(in_subdir_) + default_language_;
        return text;
    }

private:
    struct Located {
        const Mount* mount = nullptr;
        std::string_view path; ///< relative to the mount
        std::string language;
    };

    Located locate(std::string_view path) const {
        Located best;
        for (const auto& mount : mounts_) {
            if (path.starts_with(mount.prefix) &&
                (best.mount == nullptr || mount.prefix.size() > best.mount->prefix.size())) {
                best.mount = &mount;
                best.path = path.substr(mount.prefix.size());
                best.language = mount.language;
            }
        }
        return best;
    }

    std::optional<std::string> not_content(const PageFacts& page, std::string_view path) const {
        std::size_t start = 0;
        while (start < path.size()) {
            const auto slash = path.find('/', start);
            const auto part =
                path.substr(start, (slash == std::string_view::npos ? path.size() : slash) - start);
            if (!part.empty() &&
                (part.front() == '.' || part.front() == '#' || part.back() == '~')) {
                return "left out: Hugo ignores '" + std::string(part) + "'";
            }
            if (slash == std::string_view::npos) {
                break;
            }
            start = slash + 1;
        }
        const auto extension = extension_of(last_segment(path));
        if (std::find(std::begin(kContentExtensions), std::end(kContentExtensions), extension) ==
            std::end(kContentExtensions)) {
            return "left out: Hugo reads only lower-case content extensions, not '." +
                   std::string(extension) + "'";
        }
        if ((extension == "html" || extension == "htm") && !page.has_front_matter) {
            return std::string("left out: an HTML file without front matter is copied as it is, "
                               "not a page");
        }
        if (ignored(page.file.absolute.string())) {
            return std::string("left out: matches the site's ignoreFiles");
        }
        if (auto bundle = enclosing_bundle(page.file.absolute, path)) {
            return "left out: a resource of the page bundle '" + *bundle + "', not a page";
        }
        return std::nullopt;
    }

    /// The folder of a leaf bundle (a folder with index.*) this file lies in, other than as
    /// that index itself.
    std::optional<std::string> enclosing_bundle(const std::filesystem::path& absolute,
                                                std::string_view path) const {
        const std::string stem(without_extension(last_segment(path)));
        auto folder = absolute.parent_path();
        std::string_view relative = path;
        bool own_folder = true;
        while (true) {
            const auto slash = relative.rfind('/');
            if (!(own_folder && (stem == "index" || stem.starts_with("index.")))) {
                if (has_index(folder)) {
                    return std::string(slash == std::string_view::npos ? "."
                                                                       : relative.substr(0, slash));
                }
            }
            own_folder = false;
            if (slash == std::string_view::npos) {
                return std::nullopt;
            }
            relative = relative.substr(0, slash);
            folder = folder.parent_path();
        }
    }

    bool has_index(const std::filesystem::path& folder) const {
        const std::string key = folder.string();
        {
            const std::lock_guard lock(cache_mutex_);
            if (const auto it = index_folders_.find(key); it != index_folders_.end()) {
                return it->second;
            }
        }
        bool found = false;
        std::error_code error;
        for (std::filesystem::directory_iterator it(folder, error), end;
             !error && it != end && !found; it.increment(error)) {
            const std::string name = it->path().filename().string();
            const auto stem = without_extension(name);
            const auto extension = extension_of(name);
            found = (stem == "index" || (stem.starts_with("index.") &&
                                         languages_.count(std::string(stem.substr(6))) > 0)) &&
                    std::find(std::begin(kContentExtensions), std::end(kContentExtensions),
                              extension) != std::end(kContentExtensions);
        }
        const std::lock_guard lock(cache_mutex_);
        index_folders_[key] = found;
        return found;
    }

    bool has_section_index(const std::filesystem::path& folder) const {
        for (const auto extension : kContentExtensions) {
            std::error_code error;
            if (std::filesystem::exists(folder / ("_index." + std::string(extension)), error)) {
                return true;
            }
        }
        return false;
    }

    bool ignored(const std::string& absolute) const {
        for (const auto& pattern : ignore_files_) {
            UErrorCode status = U_ZERO_ERROR;
            std::unique_ptr<icu::RegexMatcher> matcher(
                pattern->matcher(icu::UnicodeString::fromUTF8(absolute), status));
            if (U_FAILURE(status)) {
                continue;
            }
            matcher->setTimeLimit(100, status); // a user's pattern; never hang on one file
            if (matcher->find(status) && U_SUCCESS(status)) {
                return true;
            }
        }
        return false;
    }

    static std::optional<std::string> not_rendered(const FieldValue& front_matter, bool bundle) {
        for (const std::string_view key : {"_build", "build"}) {
            const FieldValue* options = find_key(front_matter, key);
            if (options == nullptr || !options->is_map()) {
                continue;
            }
            const FieldValue* render = find_key(*options, "render");
            if (render == nullptr) {
                continue;
            }
            std::string value;
            if (render->kind() == FieldValue::Kind::boolean) {
                value = render->as_bool() ? "always" : "never";
            } else if (render->is_text()) {
                value = ascii_lower(trim(render->as_text()));
            }
            if (value == "never" || value == "false" || value == "0" || value == "link") {
                return "left out: the page says " + std::string(key) + ": {render: " + value +
                       "}, so Hugo writes no page for it";
            }
        }
        if (bundle && front_matter_flag(front_matter, "headless") == true) {
            return std::string("left out: a headless bundle (Hugo writes no page for it)");
        }
        return std::nullopt;
    }

    /// The first handler of `chain` that gives a date.
    std::optional<WrittenDate> resolve(const DateChain& chain,
                                       const PageFacts& page,
                                       std::string_view path,
                                       bool bundle,
                                       std::string* file_name_slug) const {
        for (const auto& handler : chain) {
            if (handler == ":filename") {
                std::string_view base =
                    bundle ? last_segment(path.substr(0, path.size() - last_segment(path).size()))
                           : without_extension(last_segment(path));
                if (base.size() >= 10) {
                    if (auto date = parse_date(base.substr(0, 10)); date && base[4] == '-') {
                        if (file_name_slug != nullptr) {
                            std::string_view rest = base.substr(10);
                            while (!rest.empty() && (rest.front() == ' ' || rest.front() == '-' ||
                                                     rest.front() == '_'))
                                rest.remove_prefix(1);
                            while (!rest.empty() &&
                                   (rest.back() == ' ' || rest.back() == '-' || rest.back() == '_'))
                                rest.remove_suffix(1);
                            *file_name_slug = std::string(rest);
                        }
                        return date;
                    }
                }
            } else if (handler == ":filemodtime") {
                if (const auto modified = modified_at(page.file)) {
                    return WrittenDate{std::chrono::local_seconds{modified->time_since_epoch()},
                                       std::chrono::seconds{0}};
                }
            } else if (!handler.starts_with(':')) {
                const FieldValue* value = find_key(page.front_matter, handler);
                if (value != nullptr && value->is_text()) {
                    if (auto date = hugo_date(value->as_text())) {
                        return date;
                    }
                }
            }
        }
        return std::nullopt;
    }

    bool ugly_for(std::string_view section) const {
        if (const auto it = ugly_sections_.find(std::string(section)); it != ugly_sections_.end()) {
            return it->second;
        }
        return ugly_all_;
    }

    std::string language_prefix(const std::string& language) const {
        std::size_t enabled = 0;
        for (const auto& [code, on] : languages_) {
            enabled += on ? 1 : 0;
        }
        if (enabled > 1 && (language != default_language_ || in_subdir_)) {
            return "/" + language;
        }
        return {};
    }

    /// The current section of a page: the nearest folder that is a section (a top folder
    /// always is; a deeper one when it has an _index).
    std::vector<std::string> current_sections(const std::filesystem::path& absolute,
                                              std::string_view folder) const {
        std::vector<std::string> parts;
        std::size_t start = 0;
        while (start < folder.size()) {
            const auto slash = folder.find('/', start);
            parts.emplace_back(folder.substr(start, slash - start));
            start = slash + 1;
        }
        auto dir = absolute.parent_path();
        while (parts.size() > 1 && !has_section_index(dir)) {
            parts.pop_back();
            dir = dir.parent_path();
        }
        return parts;
    }

    std::string link(const PageFacts& page,
                     const Document& document,
                     std::string_view folder,
                     std::string_view stem,
                     const std::string& language,
                     bool section_page,
                     bool bundle,
                     bool home,
                     const std::string& file_name_slug) const {
        const std::string prefix = language_prefix(language);
        const auto first_slash = folder.find('/');
        const std::string section(first_slash == std::string_view::npos
                                      ? std::string_view()
                                      : folder.substr(0, first_slash));
        const bool ugly = ugly_for(section);
        const auto finish = [&](std::string body, bool sanitize, bool ugly_here) {
            while (body.size() > 1 && body.ends_with('/')) {
                body.pop_back();
            }
            std::string raw = prefix + body;
            if (raw.empty() || raw == "/") {
                raw = "/";
            } else {
                raw += ugly_here ? ".html" : "/";
            }
            std::string path = clean_url_path(raw);
            if (sanitize) {
                path = hugo_make_path(path, keep_case_, remove_accents_);
            }
            return hugo_escape_link(path);
        };
        if (home) {
            return finish("/", true, false);
        }
        // `url` in front matter: kept as written on a page, sanitized on a section page.
        if (!document.url.empty()) {
            const std::string& url = document.url;
            if (url.starts_with("http://") || url.starts_with("https://")) {
                return url;
            }
            std::string joined = clean_url_path("/" + url);
            if (joined.size() > 1 && joined.ends_with('/')) {
                joined.pop_back();
            }
            const bool directory = url.ends_with('/') || url.find('.') == std::string::npos;
            std::string raw = (url.starts_with('/') ? "" : prefix) + joined +
                              (directory && joined != "/" ? "/" : "");
            if (section_page) {
                raw = hugo_make_path(raw, keep_case_, remove_accents_);
            }
            return hugo_escape_link(raw);
        }
        std::string slug;
        if (const FieldValue* value = find_key(page.front_matter, "slug");
            value != nullptr && value->is_text()) {
            std::string_view text = value->as_text();
            while (text.starts_with('-'))
                text.remove_prefix(1);
            while (text.ends_with('-'))
                text.remove_suffix(1);
            slug = text;
        }
        if (slug.empty()) {
            slug = file_name_slug;
        }
        if (section_page) {
            return finish("/" + std::string(folder), true, ugly);
        }
        const PermalinkPattern* pattern = configured_permalink(page.file.path);
        if (pattern == nullptr) {
            const std::string key = section.empty() ? "/" : section;
            if (const auto it = permalinks_.find(key); it != permalinks_.end()) {
                pattern = &it->second;
            }
        }
        if (pattern != nullptr) {
            const FieldValue* title = find_key(page.front_matter, "title");
            const std::string raw_title =
                title != nullptr && title->is_text() ? title->as_text() : "";
            const auto sections = current_sections(page.file.absolute, folder);
            const std::string expanded = expand_hugo_tokens(
                *pattern, raw_title, slug, document.date, section, sections,
                bundle ? last_segment(folder) : stem, keep_case_, remove_accents_);
            bool ok = true;
            const std::string unescaped = query_unescape(expanded, ok);
            if (ok) {
                return finish("/" + unescaped, true, ugly);
            }
        }
        std::string base = slug.empty() ? std::string(bundle ? last_segment(folder) : stem) : slug;
        std::string dir(bundle ? folder.substr(0, folder.size() - last_segment(folder).size() - 1)
                               : folder);
        if (bundle && !dir.empty() && !dir.ends_with('/')) {
            dir += '/';
        }
        if (base == "index") {
            return finish("/" + dir, true, ugly);
        }
        return finish("/" + dir + base, true, ugly);
    }

    void read_languages(const FieldValue& config) {
        const auto disabled = texts_of(find_key(config, "disableLanguages"));
        if (const FieldValue* languages = find_key(config, "languages");
            languages != nullptr && languages->is_map()) {
            for (const auto& [code, settings] : languages->as_map()) {
                const std::string lower = ascii_lower(code);
                const bool off =
                    (settings.is_map() && config_flag(settings, "disabled", false)) ||
                    std::find(disabled.begin(), disabled.end(), code) != disabled.end();
                languages_[lower] = !off;
                mutable_summary().languages.push_back(SiteLanguage{lower, ""});
            }
        }
        for (const auto& mount : mounts_) {
            for (auto& language : mutable_summary().languages) {
                if (language.code == mount.language) {
                    language.content_dir = mount.prefix;
                }
            }
        }
        mutable_summary().default_language = default_language_;
    }

    void read_permalinks(const FieldValue& config) {
        const FieldValue* permalinks = find_key(config, "permalinks");
        if (permalinks == nullptr || !permalinks->is_map()) {
            return;
        }
        for (const auto& [key, value] : permalinks->as_map()) {
            if (!value.is_text()) {
                mutable_summary().notes.push_back(
                    "permalinks." + key + ": per-kind permalinks need a newer Hugo; left alone");
                continue;
            }
            std::string section = ascii_lower(key);
            std::string_view trimmed = trim(section);
            while (trimmed.starts_with('/'))
                trimmed.remove_prefix(1);
            while (trimmed.ends_with('/'))
                trimmed.remove_suffix(1);
            section = trimmed.empty() ? "/" : std::string(trimmed);
            try {
                permalinks_.emplace(section,
                                    PermalinkPattern(value.as_text(), PermalinkStyle::hugo));
                mutable_summary().permalinks.emplace_back(section, value.as_text());
            } catch (const std::invalid_argument& error) {
                throw Error(ErrorCode::invalid_config, summary().config_files.front().string() +
                                                           ": permalinks." + key + ": " +
                                                           error.what());
            }
        }
    }

    void read_date_chains(const FieldValue& config) {
        const FieldValue* handlers = find_key(config, "frontmatter");
        const auto chain = [&](std::string_view field) {
            return read_chain(handlers != nullptr && handlers->is_map() ? find_key(*handlers, field)
                                                                        : nullptr,
                              field);
        };
        date_chain_ = chain("date");
        publish_chain_ = chain("publishdate");
        expiry_chain_ = chain("expirydate");
    }

    void read_cascade(const FieldValue& config) {
        const FieldValue* cascade = find_key(config, "cascade");
        if (cascade == nullptr) {
            return;
        }
        const auto add = [&](const FieldValue& entry, bool with_target) {
            CascadeEntry item;
            item.values = entry;
            if (with_target && entry.is_map()) {
                // `_target` in 0.111; newer Hugo spells it `target`, and sites written for
                // it (opentelemetry.io) mean the same thing.
                const FieldValue* target = find_key(entry, "_target");
                if (target == nullptr) {
                    target = find_key(entry, "target");
                }
                if (target != nullptr && target->is_map()) {
                    for (const auto& glob : expand_braces(config_text(*target, "path"))) {
                        if (!glob.empty())
                            item.paths.emplace_back(lower_case(glob));
                    }
                    item.kind = ascii_lower(config_text(*target, "kind"));
                    item.language = ascii_lower(config_text(*target, "lang"));
                    if (find_key(*target, "sites") != nullptr) {
                        return; // newer Hugo's site matrix: not 0.111's
                    }
                }
            }
            cascade_.push_back(std::move(item));
        };
        if (cascade->is_list()) {
            for (const auto& entry : cascade->as_list()) {
                add(entry, true);
            }
        } else if (cascade->is_map()) {
            add(*cascade, false);
        }
    }

    void read_ignore_files(const FieldValue& config) {
        for (const auto& text : texts_of(find_key(config, "ignoreFiles"))) {
            UErrorCode status = U_ZERO_ERROR;
            UParseError where{};
            std::unique_ptr<icu::RegexPattern> pattern(
                icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(text), where, status));
            if (U_FAILURE(status)) {
                throw Error(ErrorCode::invalid_config, summary().config_files.front().string() +
                                                           ": ignoreFiles: '" + text +
                                                           "' is not a regular expression");
            }
            ignore_files_.push_back(std::move(pattern));
        }
    }

    std::vector<Mount> mounts_;
    std::map<std::string, bool> languages_; ///< code → enabled
    std::map<std::string, PermalinkPattern> permalinks_;
    std::map<std::string, bool> ugly_sections_;
    std::vector<std::string> disabled_kinds_;
    std::vector<CascadeEntry> cascade_;
    std::vector<std::unique_ptr<icu::RegexPattern>> ignore_files_;
    DateChain date_chain_;
    DateChain publish_chain_;
    DateChain expiry_chain_;
    std::string default_language_;
    bool include_drafts_ = false;
    bool build_future_ = false;
    bool build_expired_ = false;
    bool keep_case_ = false;
    bool remove_accents_ = false;
    bool ugly_all_ = false;
    bool in_subdir_ = false;
    bool user_dates_ = false;
    mutable std::mutex cache_mutex_;
    mutable std::map<std::string, bool> index_folders_;
};

/// Hugo's site config: the first root file, then config/_default/ and config/production/
/// merged over it (README, "Your site").
FieldValue read_hugo_config(const std::filesystem::path& root,
                            std::vector<std::filesystem::path>& files) {
    FieldValue config(FieldValue::Map{});
    if (auto file =
            first_existing(root, {"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml",
                                  "config.yaml", "config.yml", "config.json"})) {
        config = read_config_file(*file);
        files.push_back(*file);
    }
    for (const char* environment : {"_default", "production"}) {
        const auto folder = root / "config" / environment;
        std::error_code error;
        std::vector<std::filesystem::path> entries;
        for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end;
             it.increment(error)) {
            const auto extension = ascii_lower(it->path().extension().string());
            if (it->is_regular_file(error) && (extension == ".toml" || extension == ".yaml" ||
                                               extension == ".yml" || extension == ".json")) {
                entries.push_back(it->path());
            }
        }
        std::sort(entries.begin(), entries.end());
        for (const auto& entry : entries) {
            const FieldValue values = read_config_file(entry);
            files.push_back(entry);
            const std::string stem = entry.stem().string();
            const auto dot = stem.find('.');
            const std::string key = ascii_lower(stem.substr(0, dot));
            if (key == "hugo" || key == "config") {
                merge_config(config, values);
                continue;
            }
            FieldValue wrapped(FieldValue::Map{});
            if (dot != std::string::npos) { // menus.en.yaml → languages.en.menus
                wrapped.as_map().emplace_back(
                    "languages",
                    FieldValue(FieldValue::Map{
                        {stem.substr(dot + 1), FieldValue(FieldValue::Map{{key, values}})}}));
            } else {
                wrapped.as_map().emplace_back(key, values);
            }
            merge_config(config, wrapped);
        }
    }
    return config;
}

} // namespace

std::string expand_hugo_permalink(const PermalinkPattern& pattern,
                                  const HugoPlaceholders& page,
                                  bool keep_case) {
    const std::string_view path = page.path;
    const auto slash = path.find('/');
    const std::string section(slash == std::string_view::npos ? std::string_view()
                                                              : path.substr(0, slash));
    const auto folder_end = path.rfind('/');
    std::vector<std::string> sections;
    if (!section.empty()) {
        sections.push_back(section);
    }
    std::string_view stem = without_extension(last_segment(path));
    if (page.bundle && folder_end != std::string_view::npos) {
        stem = last_segment(path.substr(0, folder_end));
    }
    const std::string expanded = expand_hugo_tokens(pattern, page.title, page.slug, page.date,
                                                    section, sections, stem, keep_case, false);
    bool ok = true;
    std::string unescaped = query_unescape(expanded, ok);
    if (!ok) {
        unescaped = expanded;
    }
    const bool trailing = unescaped.ends_with('/') || pattern.text().ends_with('/');
    std::string url = clean_url_path("/" + unescaped);
    if (trailing && !url.ends_with('/')) {
        url += '/';
    }
    return hugo_escape_link(hugo_make_path(url, keep_case, false));
}

std::string hugo_urlize(std::string_view text, bool keep_case) {
    return hugo_escape_link(hugo_make_path(text, keep_case, false));
}

std::unique_ptr<SiteRules> open_hugo_site(const SiteSource& source) {
    SiteSummary summary;
    summary.generator = Generator::hugo;
    summary.detected = source.detected;
    summary.root = source.root;
    summary.permalink_style = "hugo";
    const FieldValue config = read_hugo_config(source.root, summary.config_files);
    if (summary.config_files.empty()) {
        summary.config_files.push_back(source.root / "hugo.toml");
        summary.notes.emplace_back("no Hugo config file: Hugo's defaults");
    }
    std::string content_dir = config_text(config, "contentDir");
    if (content_dir.empty()) {
        content_dir = "content";
    }
    std::string default_language = ascii_lower(config_text(config, "defaultContentLanguage"));
    if (default_language.empty()) {
        default_language = "en";
    }
    // Each language's content folder: its own contentDir, else the site's.
    std::vector<std::pair<std::filesystem::path, std::string>> folders;
    bool per_language = false;
    if (const FieldValue* languages = find_key(config, "languages");
        languages != nullptr && languages->is_map()) {
        for (const auto& [code, settings] : languages->as_map()) {
            if (settings.is_map() && !config_text(settings, "contentDir").empty()) {
                per_language = true;
            }
        }
        if (per_language) {
            for (const auto& [code, settings] : languages->as_map()) {
                const std::string own =
                    settings.is_map() ? config_text(settings, "contentDir") : "";
                folders.emplace_back(
                    (source.root / (own.empty() ? content_dir : own)).lexically_normal(),
                    ascii_lower(code));
            }
        }
    }
    if (!per_language) {
        folders.emplace_back((source.root / content_dir).lexically_normal(), default_language);
    }
    // The scanned root: the deepest folder holding every language's folder.
    std::filesystem::path common = folders.front().first;
    for (const auto& [folder, language] : folders) {
        while (!common.empty() && folder.lexically_relative(common).string().starts_with("..")) {
            common = common.parent_path();
        }
    }
    std::vector<HugoSite::Mount> mounts;
    for (const auto& [folder, language] : folders) {
        std::string prefix = folder.lexically_relative(common).generic_string();
        prefix = prefix == "." ? "" : prefix + "/";
        mounts.push_back(HugoSite::Mount{prefix, language});
    }
    summary.content_root = common;
    summary.time_zone = source.config.site.time_zone.empty() ? config_text(config, "timeZone")
                                                             : source.config.site.time_zone;
    if (!source.config.site.base_url.empty()) {
        summary.base_url = source.config.site.base_url;
    } else {
        summary.base_url = url_path_of(config_text(config, "baseURL"));
        summary.base_url.pop_back(); // each link starts with its own '/'
    }
    if (find_key(config, "module") != nullptr) {
        summary.notes.emplace_back("module mounts are not read: content is taken from contentDir");
    }
    return std::make_unique<HugoSite>(source, std::move(summary), config, std::move(mounts));
}

} // namespace libsearch::detail
