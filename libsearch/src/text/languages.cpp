#include "text/languages.hpp"

#include "text/text_util.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace libsearch::detail {

namespace {

/// Snowball's language names (Xapian::Stem::get_available_languages()) and their codes.
/// Not the variants (porter, lovins, german2, kraaij_pohlmann): a site that chose one keeps
/// it as its pages' language, since the tag also chooses the stemmer.
constexpr std::array<std::pair<std::string_view, std::string_view>, 28> kSnowballCodes{{
    {"arabic", "ar"},     {"armenian", "hy"},   {"basque", "eu"},    {"catalan", "ca"},
    {"danish", "da"},     {"dutch", "nl"},      {"english", "en"},   {"finnish", "fi"},
    {"french", "fr"},     {"german", "de"},     {"greek", "el"},     {"hindi", "hi"},
    {"hungarian", "hu"},  {"indonesian", "id"}, {"irish", "ga"},     {"italian", "it"},
    {"lithuanian", "lt"}, {"nepali", "ne"},     {"norwegian", "no"}, {"portuguese", "pt"},
    {"romanian", "ro"},   {"russian", "ru"},    {"serbian", "sr"},   {"spanish", "es"},
    {"swedish", "sv"},    {"tamil", "ta"},      {"turkish", "tr"},   {"yiddish", "yi"},
}};

} // namespace

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

std::string language_tag(std::string_view written) {
    std::string tag = ascii_lower(trim(written));
    std::replace(tag.begin(), tag.end(), '_', '-');
    for (const auto& [name, code] : kSnowballCodes) {
        if (tag == name) {
            return std::string(code);
        }
    }
    return tag;
}

std::string_view primary_language(std::string_view tag) {
    return tag.substr(0, tag.find_first_of("-_"));
}

} // namespace libsearch::detail
