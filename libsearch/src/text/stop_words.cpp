#include "text/stop_words.hpp"

#include "text/text_util.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace libsearch::detail {

namespace {

// Short lists on purpose: articles, prepositions, conjunctions and pronouns that carry no
// topic. Longer lists (with "new", "first", "use") start dropping words titles are made of.
// Accents are removed as the analyzer removes them (français "été" is "ete").
constexpr std::string_view kEnglish[] = {
    "a",     "about", "an",    "and",  "are",  "as",   "at",    "be",   "but",  "by",    "do",
    "for",   "from",  "has",   "have", "he",   "her",  "his",   "how",  "i",    "if",    "in",
    "into",  "is",    "it",    "its",  "me",   "my",   "no",    "not",  "of",   "on",    "or",
    "our",   "she",   "so",    "than", "that", "the",  "their", "them", "then", "there", "these",
    "they",  "this",  "those", "to",   "too",  "us",   "was",   "we",   "were", "what",  "when",
    "where", "which", "who",   "why",  "will", "with", "you",   "your"};
constexpr std::string_view kFrench[] = {"a",   "au",  "aux",  "avec", "ce",   "ces",  "dans", "de",
                                        "des", "du",  "elle", "en",   "et",   "il",   "ils",  "je",
                                        "l",   "la",  "le",   "les",  "leur", "mais", "nous", "ou",
                                        "par", "pas", "pour", "qu",   "que",  "qui",  "sa",   "se",
                                        "ses", "son", "sur",  "un",   "une",  "vous", "d"};
constexpr std::string_view kGerman[] = {
    "am",  "an",   "auf",   "aus",   "bei",   "das", "dem", "den", "der", "des", "die",
    "ein", "eine", "einem", "einen", "einer", "er",  "es",  "fur", "im",  "in",  "ist",
    "mit", "oder", "sich",  "sie",   "und",   "von", "vom", "wir", "zu",  "zum", "zur"};
constexpr std::string_view kSpanish[] = {"a",  "al",  "con", "de",  "del", "el",   "en",  "es",
                                         "la", "las", "lo",  "los", "o",   "para", "por", "que",
                                         "se", "su",  "sus", "un",  "una", "y"};
constexpr std::string_view kItalian[] = {
    "a",  "al", "alla", "con", "da", "dei", "del",   "della", "di", "e",  "gli", "i",  "il",
    "in", "l",  "la",   "le",  "lo", "nel", "nella", "per",   "su", "un", "una", "che"};
constexpr std::string_view kPortuguese[] = {"a",   "ao",   "as",  "com", "da",  "das", "de",  "do",
                                            "dos", "e",    "em",  "na",  "nas", "no",  "nos", "o",
                                            "os",  "para", "por", "que", "se",  "um",  "uma"};
constexpr std::string_view kDutch[] = {"de",  "den", "der", "een", "en",  "het",  "in",  "is",
                                       "met", "of",  "op",  "te",  "van", "voor", "zijn"};

struct Language {
    std::string_view code;
    std::string_view name;
    const std::string_view* begin;
    const std::string_view* end;
};

template <std::size_t N>
constexpr Language
language(std::string_view code, std::string_view name, const std::string_view (&words)[N]) {
    return {code, name, words, words + N};
}

constexpr std::array kLanguages{
    language("en", "english", kEnglish), language("fr", "french", kFrench),
    language("de", "german", kGerman),   language("es", "spanish", kSpanish),
    language("it", "italian", kItalian), language("pt", "portuguese", kPortuguese),
    language("nl", "dutch", kDutch),
};

} // namespace

bool is_stop_word(std::string_view word, std::string_view language) {
    // "en-GB", "pt_BR", "English": the base language, in lower case.
    std::string base = ascii_lower(language.substr(0, language.find_first_of("-_")));
    for (const auto& entry : kLanguages) {
        if (base == entry.code || base == entry.name) {
            return std::find(entry.begin, entry.end, word) != entry.end;
        }
    }
    return false;
}

} // namespace libsearch::detail
