#pragma once

#include <libsearch/config.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace libsearch {

namespace detail {
class SiteRules;
}

/// The static-site generators whose rules libsearch knows (README, "Your site").
enum class Generator { none, hugo, jekyll, eleventy, zola, mkdocs, docusaurus };

std::string_view to_string(Generator generator) noexcept;

/// One language of a multilingual site.
struct SiteLanguage {
    std::string code;        ///< as the site names it: "en", "pt-br"
    std::string content_dir; ///< its pages' folder, relative to the content root; "" = shared
};

/// What was found out about a site, for people: `searchd reindex --dry-run` and `searchd
/// init` print it. The rules themselves stay inside the Site.
struct SiteSummary {
    Generator generator = Generator::none;
    bool detected = false;                           ///< found by `generator: auto`
    std::filesystem::path root;                      ///< the site's root folder
    std::vector<std::filesystem::path> config_files; ///< read, in the order they were merged
    std::filesystem::path content_root;              ///< the folder that is scanned
    std::string base_url;                            ///< prefix of every URL ("" = none)
    std::string time_zone;                           ///< for dates without an offset ("" = UTC)
    std::string permalink_style;                     ///< hugo | jekyll
    std::vector<std::pair<std::string, std::string>> permalinks; ///< in force, in order
    std::vector<SiteLanguage> languages;                         ///< empty: one language
    std::string default_language;                                ///< the site's, when it names one
    std::vector<std::string> notes; ///< what could not be read and what was assumed instead
    /// content.source: built: the root is the generator's HTML output, read as Pagefind
    /// reads it (README, "Your site").
    bool built = false;
    /// Some built page marks its text (data-search-body, data-pagefind-body): then only
    /// marked pages are indexed, as Pagefind does.
    bool marked_bodies = false;
    /// Filters the built pages declare (data-search-filter, <meta name="search:NAME">): each
    /// is a facet of its name, or feeds the configured facet of that name.
    std::vector<std::string> declared_facets;
};

/// A site: its generator's rules for each page's URL, date, language and publication
/// (drafts, expired and future pages are not on the live site). Immutable and cheap to copy;
/// safe to share between threads.
class Site {
public:
    /// Reads the site the configuration points at. With `site.generator: auto`, content.root
    /// is looked at as a site root (Hugo, Jekyll, Zola, MkDocs, Eleventy or Docusaurus
    /// files); with a named generator, its config is read from there. Nothing found: the
    /// content root is a plain folder of pages (URLs from paths, Hugo's conventions).
    /// Throws Error(ErrorCode::invalid_config) naming the file, line and key of a generator
    /// config that cannot be read, and for searchd config that makes no sense
    /// (an unknown permalink token, an unknown time zone).
    static Site open(const Config& config);

    /// The rules of the configuration alone, reading no file (generator `auto` is `none`).
    static Site from_config(const Config& config);

    const SiteSummary& summary() const noexcept;
    const detail::SiteRules& rules() const noexcept;

    /// `config` with a facet for each of summary().declared_facets (up to kMaxFacets), or
    /// that name as one more key of the configured facet so named: what the loader and the
    /// indexer of this site work with.
    Config with_declared_facets(Config config) const;

    /// Changes whenever anything that decides a page's URL, date or publication changes: an
    /// index built under another fingerprint must be rebuilt.
    std::string fingerprint() const;

private:
    explicit Site(std::shared_ptr<const detail::SiteRules> rules);
    std::shared_ptr<const detail::SiteRules> rules_;
};

} // namespace libsearch
