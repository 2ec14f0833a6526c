#pragma once

// Languages of pages and queries: the tags sites write ("en", "pt-BR", "zh_CN", "English")
// in the one form libsearch stores, facets and compares.

#include <string>
#include <string_view>

namespace libsearch::detail {

/// "fr", "pt-br", "zh_CN", "zh-hant": an ISO 639-1 language code, with a region or script.
bool is_language_code(std::string_view text);

/// The form a page's language is stored and filtered in: lower case, subtags joined by
/// "-" ("pt_BR" → "pt-br"), and a Snowball language name as its ISO 639-1 code ("English"
/// → "en", so that pages that say `lang: en` and pages that fall back to index.language
/// "english" are one language). Anything else is kept, lower-cased.
std::string language_tag(std::string_view written);

/// The language without its region or script: "pt-br" → "pt".
std::string_view primary_language(std::string_view tag);

} // namespace libsearch::detail
