#pragma once
// The rules a site's generator applies to each page: where it is published (URL), with
// which date and language, and whether it is published at all. One subclass per generator
// family; Site::open picks one and reads its config (site_config.cpp).

#include "load/dates.hpp"
#include "load/glob.hpp"
#include "load/key_path.hpp"
#include "load/permalink.hpp"

#include <libsearch/document.hpp>
#include <libsearch/loader.hpp>
#include <libsearch/site.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch::detail {

/// A page as the rules see it, after the field mapping filled the Document.
struct PageFacts {
    const SourceFile& file;          ///< `path` is relative to the content root
    const FieldValue& front_matter;  ///< with the site's defaults merged in
    std::optional<WrittenDate> date; ///< from the configured date keys
    bool has_front_matter = true;
    /// A YAML block opened by `---` on the first line, the only front matter Jekyll reads
    /// (Hugo also takes TOML and JSON, and blank lines before the block).
    bool yaml_on_first_line = true;
};

/// Why a page is not on the live site, as one line of the reindex report.
struct LeftOut {
    IssueKind kind;
    std::string message;
};

class SiteRules {
public:
    explicit SiteRules(SiteSummary summary);
    virtual ~SiteRules() = default;
    SiteRules(const SiteRules&) = delete;
    SiteRules& operator=(const SiteRules&) = delete;

    const SiteSummary& summary() const noexcept { return summary_; }

    /// Front-matter values the site gives a page by its path (Jekyll's `defaults`), merged
    /// under the page's own keys before anything is read from it.
    virtual void add_defaults(std::string_view /*path*/, FieldValue& /*front_matter*/) const {}

    /// True when the generator expects this file to be empty (Hugo's `_index.md` marks a
    /// folder as a section): then it is no problem to report, only a file left out.
    virtual bool empty_file_is_normal(std::string_view /*path*/) const { return false; }

    /// Sets the URL, date and language of `document` as the generator would, or says why
    /// the page is not published. `now` decides what is expired or still to come; the next
    /// instant after `now` at which that verdict changes goes to `changes_at`.
    virtual std::optional<LeftOut>
    place(const PageFacts& page,
          Document& document,
          std::chrono::sys_seconds now,
          std::optional<std::chrono::sys_seconds>& changes_at) const = 0;

    /// The language a leading folder names (`fr/about.md`, `content/fr/about.md`), when the
    /// content root is organised by language: at least two folders side by side, at the
    /// top or one folder down, are language codes.
    std::string folder_language(std::string_view path) const;

    /// Everything that decides URLs, dates and publication, as text (Site::fingerprint).
    virtual std::string describe() const;

protected:
    /// The date shown for a page: its written date, else the file-name date when the
    /// generator reads one (`from_file_name`), else the file's mtime if fields.date_fallback
    /// says so, else none.
    std::optional<WrittenDate> page_date(const PageFacts& page, bool from_file_name) const;

    /// base_url + path, with exactly one '/' between them.
    std::string with_base(std::string_view path) const;

    /// Compiles searchd's own `site.permalinks` in `style`. Throws
    /// Error(ErrorCode::invalid_config) naming the key and the unknown token.
    void use_configured_permalinks(const Config& config, PermalinkStyle style);

    /// The first of searchd's `site.permalinks` whose section (the first folder of `path`)
    /// or glob matches `path`; nullptr when none does.
    const PermalinkPattern* configured_permalink(std::string_view path) const;

    void find_language_folders();

    const date::time_zone* zone() const noexcept { return zone_; }
    bool mtime_fallback = false;

    SiteSummary& mutable_summary() noexcept { return summary_; }

private:
    struct ConfiguredPermalink {
        std::string section; ///< a plain folder name, or empty when `glob` decides
        std::optional<Glob> glob;
        PermalinkPattern pattern;
    };

    SiteSummary summary_;
    const date::time_zone* zone_ = nullptr;
    std::vector<ConfiguredPermalink> configured_;
    std::vector<std::string> language_folders_; ///< sorted
    std::string language_folders_parent_;       ///< "" (the top) or "content/"
};

/// Calendar words in English, as generators put them into URLs whatever the locale.
std::string_view month_name(unsigned month); ///< 1 → "January"
std::string_view weekday_name(unsigned day); ///< 0 → "Sunday"
std::string two_digits(unsigned value);      ///< 7 → "07"

/// The file's modification time, to the second; nullopt when the scan did not stat it.
std::optional<std::chrono::sys_seconds> modified_at(const SourceFile& file);

/// The earlier of `current` and `candidate`, when `candidate` is after `now`.
void note_change(std::optional<std::chrono::sys_seconds>& current,
                 std::chrono::sys_seconds candidate,
                 std::chrono::sys_seconds now);

/// A boolean front-matter value as generators read it: true/yes, false/no.
std::optional<bool> front_matter_flag(const FieldValue& front_matter, std::string_view key);

/// The first of `keys` (case-insensitive, as Hugo) that holds a date, parsed.
std::optional<WrittenDate> front_matter_date(const FieldValue& front_matter,
                                             std::initializer_list<std::string_view> keys);

} // namespace libsearch::detail

namespace libsearch::detail {

/// What a generator's rules are built from: the searchd config and the site's root.
struct SiteSource {
    const Config& config;
    std::filesystem::path root; ///< the site's root; for `none`, the content root
    Generator generator = Generator::none;
    bool detected = false; ///< found by `generator: auto` (else named in the config)
};

/// What Jekyll's placeholders read from a page (jekyll_site.cpp).
struct JekyllPlaceholders {
    std::string_view file_name; ///< "2014-03-12-coming-soon.md"
    std::string_view extension; ///< ".md"
    std::string slug;           ///< front matter `slug`, else the name without date and extension
    std::string path;           ///< the relative path without extension (and `_posts`)
    std::string collection{"posts"};
    std::string output_ext{".html"};
    std::vector<std::string> categories; ///< lower case, without repeats
    std::chrono::local_seconds time{};   ///< the date in the site's zone
};
std::string expand_jekyll_permalink(const PermalinkPattern& pattern,
                                    const JekyllPlaceholders& page);

/// What Hugo's permalink tokens read from a page (hugo_site.cpp).
struct HugoPlaceholders {
    std::string_view path; ///< relative to its language's content folder
    std::string title;     ///< the page's title
    std::string slug;      ///< front matter `slug`, or empty
    std::optional<std::chrono::local_seconds> date;
    bool bundle = false;       ///< an index.md leaf bundle: its folder names it
    bool section_page = false; ///< an _index.md
};
/// Expands a Hugo pattern and makes the result a URL path as Hugo does (lower case unless
/// `keep_case`, characters outside a path's made safe).
std::string expand_hugo_permalink(const PermalinkPattern& pattern,
                                  const HugoPlaceholders& page,
                                  bool keep_case);

/// Hugo's urlize: a title or slug made into one URL path segment.
std::string hugo_urlize(std::string_view text, bool keep_case);

std::unique_ptr<SiteRules> open_hugo_site(const SiteSource& source);
std::unique_ptr<SiteRules> open_jekyll_site(const SiteSource& source);
/// A generator's HTML output (content.source: built); `read_pages` looks at every page for
/// body marks and filters (Site::open), else none are known (Site::from_config).
std::unique_ptr<SiteRules> open_built_site(const SiteSource& source, bool read_pages);
/// Sites whose URLs follow their file paths: none, Zola, MkDocs, Eleventy, Docusaurus.
std::unique_ptr<SiteRules> open_path_site(const SiteSource& source);

} // namespace libsearch::detail
