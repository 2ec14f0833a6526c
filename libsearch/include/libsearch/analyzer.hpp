#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch {

/// A word of a text, as the index and the query both see it.
struct Token {
    std::string text;           ///< normalised: NFKC, case folded, accents removed (é → e)
    std::size_t begin = 0;      ///< byte offset of the word in the analysed text
    std::size_t end = 0;        ///< byte offset just past it
    std::uint32_t position = 0; ///< word position, counted from the `first_position` given
};

/// The one analyzer for indexing, queries and snippets (tantivy's rule: if the three
/// disagree, words stop matching). UTF-8 text in, tokens with byte offsets out:
///  - words are cut by ICU's BreakIterator, which knows Chinese, Japanese and Thai words
///    (dictionary segmentation), not only spaces;
///  - each word is normalised with NFKC + case folding (`ﬁ` → fi, `Straße` → strasse) and
///    loses the accents of Latin, Greek and Cyrillic letters (`é`, `e` and `É` are one word);
///    Japanese voicing marks are kept, they change the word;
///  - words of more than kMaxWordBytes are dropped (hashes, base64), but count as positions.
/// Stemming is separate (stem()) because the indexer and the query need both forms.
///
/// Not thread-safe, and none of its methods is const: each one uses the ICU break iterator
/// or the stemmer cache it owns. Create one per thread (each Searcher and Indexer owns one).
class Analyzer {
public:
    static constexpr std::size_t kMaxWordBytes = 64;

    Analyzer();
    ~Analyzer();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;

    /// The words of `text`, in order. Invalid UTF-8 is read as U+FFFD and never throws.
    /// `too_long`, when given, receives how many words were dropped for their length: a
    /// query word no page can hold must match nothing, not vanish from the query.
    std::vector<Token> tokenize(std::string_view text,
                                std::uint32_t first_position = 0,
                                std::size_t* too_long = nullptr);

    /// Normalises a whole string as tokenize does each word (for facet values and keys).
    std::string normalize(std::string_view text);

    /// The Snowball stem of a word in `language` ("en", "english", "pt-BR", ...), normalised
    /// as tokenize() normalises words; the normalised word itself for languages without a
    /// stemmer (Chinese, Japanese) or unknown ones. Give the word as written where there is
    /// one: Snowball's rules read accents (French `ajoutées` → `ajout`, while the folded
    /// `ajoutees` → `ajoute`), and the stem loses them after stemming.
    std::string stem(std::string_view word, std::string_view language);

    /// The stems of a word, from its normalised form and from the form `written` (when
    /// given and its stem differs: English Snowball reads `résumés` as `resume` but
    /// `resumes` as `resum`): one or two, so that a page matches whether it or the query
    /// writes the accents. Empty when `language` has no stemmer.
    std::vector<std::string>
    stems(std::string_view normalised, std::string_view written, std::string_view language);

    /// True if `language` has a stemmer.
    bool has_stemmer(std::string_view language);

    /// The Snowball name of the stemmer stem() uses for `language` ("fr", "fr-CA" and
    /// "French" are all "french"), or "" when it has none: stems are comparable only
    /// between words of one stemmer language.
    std::string stemmer_language(std::string_view language);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace libsearch
