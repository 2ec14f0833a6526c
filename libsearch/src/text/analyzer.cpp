#include <libsearch/analyzer.hpp>
#include <libsearch/error.hpp>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include <xapian.h>

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

namespace libsearch {

namespace {

struct UTextCloser {
    void operator()(UText* text) const { utext_close(text); }
};
using UTextPtr = std::unique_ptr<UText, UTextCloser>;

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/// Accents are removed only from scripts where they are diacritics a searcher omits.
bool folds_marks(UChar32 base) {
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(base, &status);
    return U_SUCCESS(status) &&
           (script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_CYRILLIC);
}

/// Xapian::Stem takes Snowball names and ISO 639-1 codes; page languages come as "en",
/// "pt-BR", "zh_CN" or "English".
std::string stemmer_name(std::string_view language) {
    std::string name;
    for (const char c : language) {
        if (c == '-' || c == '_') {
            break;
        }
        name += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return name;
}

} // namespace

struct Analyzer::Impl {
    Impl() {
        UErrorCode status = U_ZERO_ERROR;
        words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
        nfd = icu::Normalizer2::getNFDInstance(status);
        nfc = icu::Normalizer2::getNFCInstance(status);
        if (U_FAILURE(status) || !words) {
            throw Error(ErrorCode::internal,
                        std::string("ICU initialisation failed: ") + u_errorName(status));
        }
    }

    /// NFKC + case folding, accents kept.
    icu::UnicodeString casefolded(std::string_view word, UErrorCode& status) const {
        const auto input = icu::UnicodeString::fromUTF8(
            icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
        return nfkc_casefold->normalize(input, status);
    }

    std::string casefold(std::string_view word) const {
        UErrorCode status = U_ZERO_ERROR;
        const icu::UnicodeString folded = casefolded(word, status);
        std::string out;
        if (U_FAILURE(status)) {
            out.assign(word);
        } else {
            folded.toUTF8String(out);
        }
        return out;
    }

    std::string normalize_word(std::string_view word) const {
        if (is_ascii(word)) {
            std::string out(word);
            for (char& c : out) {
                c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            }
            return out;
        }
        UErrorCode status = U_ZERO_ERROR;
        const icu::UnicodeString folded = casefolded(word, status);
        icu::UnicodeString decomposed = nfd->normalize(folded, status);
        icu::UnicodeString kept;
        UChar32 base = 0;
        for (int32_t i = 0; i < decomposed.length();) {
            const UChar32 c = decomposed.char32At(i);
            i += U16_LENGTH(c);
            if (u_charType(c) == U_NON_SPACING_MARK && folds_marks(base)) {
                continue;
            }
            if (u_charType(c) != U_NON_SPACING_MARK) {
                base = c;
            }
            kept.append(c);
        }
        icu::UnicodeString composed = nfc->normalize(kept, status);
        std::string out;
        if (U_FAILURE(status)) {
            folded.toUTF8String(out);
        } else {
            composed.toUTF8String(out);
        }
        return out;
    }

    /// A language's stemmer and the Snowball name of its language ("fr" and "French" are
    /// both "french"); null when it has none.
    struct Stemmer {
        Xapian::Stem stem;
        std::string language;
    };

    const Stemmer* stemmer(std::string_view language) {
        const std::string name = stemmer_name(language);
        auto it = stemmers.find(name);
        if (it == stemmers.end()) {
            std::optional<Stemmer> found;
            try {
                if (!name.empty() && name != "none") {
                    Xapian::Stem stem(name);
                    // "Xapian::Stem(french)": the one name of the language, whatever alias
                    // or code chose it.
                    std::string description = stem.get_description();
                    const auto open = description.find('(');
                    const auto close = description.rfind(')');
                    std::string canonical = open != std::string::npos && close > open
                                                ? description.substr(open + 1, close - open - 1)
                                                : name;
                    found.emplace(Stemmer{std::move(stem), std::move(canonical)});
                }
            } catch (const Xapian::InvalidArgumentError&) {
                // No Snowball stemmer for this language: words are matched as they are.
            }
            it = stemmers.emplace(name, std::move(found)).first;
        }
        return it->second ? &*it->second : nullptr;
    }

    std::unique_ptr<icu::BreakIterator> words;
    const icu::Normalizer2* nfkc_casefold = nullptr; // ICU singletons, immutable, shared
    const icu::Normalizer2* nfd = nullptr;
    const icu::Normalizer2* nfc = nullptr;
    std::map<std::string, std::optional<Stemmer>, std::less<>> stemmers;
};

Analyzer::Analyzer()
    : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::vector<Token>
Analyzer::tokenize(std::string_view text, std::uint32_t first_position, std::size_t* too_long) {
    std::vector<Token> tokens;
    if (too_long != nullptr) {
        *too_long = 0;
    }
    if (text.empty()) {
        return tokens;
    }
    UErrorCode status = U_ZERO_ERROR;
    UTextPtr utext(
        utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
    if (U_FAILURE(status)) {
        return tokens;
    }
    icu::BreakIterator& words = *impl_->words;
    words.setText(utext.get(), status);
    if (U_FAILURE(status)) {
        return tokens;
    }
    std::uint32_t position = first_position;
    int32_t begin = words.first();
    for (int32_t end = words.next(); end != icu::BreakIterator::DONE;
         begin = end, end = words.next()) {
        if (words.getRuleStatus() < UBRK_WORD_NONE_LIMIT) {
            continue; // spaces and punctuation
        }
        const auto word =
            text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
        const std::uint32_t word_position = position++;
        if (word.size() > kMaxWordBytes) {
            if (too_long != nullptr) {
                ++*too_long;
            }
            continue;
        }
        std::string normalized = impl_->normalize_word(word);
        if (normalized.empty()) {
            continue;
        }
        tokens.push_back(Token{std::move(normalized), static_cast<std::size_t>(begin),
                               static_cast<std::size_t>(end), word_position});
    }
    // The iterator keeps a pointer to the UText; detach it before the text goes away.
    words.setText(icu::UnicodeString());
    return tokens;
}

std::string Analyzer::normalize(std::string_view text) {
    return impl_->normalize_word(text);
}

std::string Analyzer::stem(std::string_view word, std::string_view language) {
    const Impl::Stemmer* stemmer = impl_->stemmer(language);
    if (is_ascii(word)) {
        std::string lowered = impl_->normalize_word(word);
        return stemmer != nullptr ? stemmer->stem(lowered) : lowered;
    }
    if (stemmer == nullptr) {
        return impl_->normalize_word(word);
    }
    // Snowball's rules read accents (French `ajoutées` is `ajout`, but `ajoutees` is
    // `ajoute`): stem the case-folded word as written, then fold the stem as tokenize()
    // folds words.
    return impl_->normalize_word(stemmer->stem(impl_->casefold(word)));
}

std::vector<std::string>
Analyzer::stems(std::string_view normalised, std::string_view written, std::string_view language) {
    std::vector<std::string> out;
    if (impl_->stemmer(language) == nullptr) {
        return out;
    }
    out.push_back(stem(normalised, language));
    if (!written.empty() && !is_ascii(written)) {
        std::string as_written = stem(written, language);
        if (as_written != out.front()) {
            out.push_back(std::move(as_written));
        }
    }
    return out;
}

bool Analyzer::has_stemmer(std::string_view language) {
    return impl_->stemmer(language) != nullptr;
}

std::string Analyzer::stemmer_language(std::string_view language) {
    const Impl::Stemmer* stemmer = impl_->stemmer(language);
    return stemmer != nullptr ? stemmer->language : std::string();
}

} // namespace libsearch
