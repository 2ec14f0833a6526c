#pragma once

#include "load/dates.hpp"
#include "load/key_path.hpp"
#include "text/plain_text.hpp"

#include <libsearch/config.hpp>
#include <libsearch/document.hpp>
#include <libsearch/loader.hpp>

#include <string>
#include <utility>
#include <vector>

namespace libsearch::detail {

/// The configured field mapping, compiled once: front matter + extracted body → the roles
/// of a Document, with PRODUCT.md's fallbacks (title → first heading → <title> → file name;
/// description → start of the body). The URL, date and language the front matter does not
/// give are the site's to decide (SiteRules).
class FieldMapping {
public:
    /// Throws Error(ErrorCode::invalid_config) for a malformed key path (validate_config
    /// reports it first, with the config line).
    explicit FieldMapping(const Config& config);

    /// Fills id, path, title, description and facets, and url and language when a
    /// configured key gives them (else leaves them empty). A URL that must not become a
    /// link (javascript: ...) is reported in `warnings` and not used.
    void apply(const FieldValue& front_matter,
               const std::string& html_title,
               const SourceFile& file,
               Document& document,
               std::vector<LoadIssue>& warnings) const;

    /// The date of the first configured date key that holds one. Values that are not dates
    /// are reported in `warnings` and the next key is tried.
    std::optional<WrittenDate> written_date(const FieldValue& front_matter,
                                            const SourceFile& file,
                                            std::vector<LoadIssue>& warnings) const;

private:
    std::vector<KeyPath> id_;
    std::vector<KeyPath> title_;
    std::vector<KeyPath> description_;
    std::vector<KeyPath> date_;
    std::vector<KeyPath> url_;
    std::vector<KeyPath> language_;
    std::vector<std::pair<std::string, std::vector<KeyPath>>> facets_;
};

/// Characters of the body used as a description when the front matter has none.
inline constexpr std::size_t kDescriptionFallbackChars = 300;

/// `/news/2020/item/` for `news/2020/item.md`; `/news/` for `news/_index.md` or
/// `news/index.html`; `/` for the root index.
std::string url_from_path(std::string_view relative_path);

/// The file name without its extension; for an index page, its folder's name.
std::string title_from_path(std::string_view relative_path);

} // namespace libsearch::detail
