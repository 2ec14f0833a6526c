#pragma once

// The most frequent completions of short prefixes, computed at index time.
//
// Completing "g" or "get" as the visitor types means choosing the most frequent of the
// thousands of index words that start with it; Xapian's OP_WILDCARD reads every one of
// them to choose, on every keystroke. Prefixes of up to kShortPrefixLetters letters are
// the only ones with that many completions, and there are few of them: the indexer writes
// each one's top completions into the index's metadata once per commit, and a query reads
// one key. Longer prefixes have few completions and are still expanded by a scan.

#include <libsearch/analyzer.hpp>

#include <xapian.h>

#include <string>
#include <vector>

namespace libsearch::detail {

inline constexpr std::size_t kShortPrefixLetters = 3;
/// Completions kept per short prefix: as many as the word being typed expands to.
inline constexpr std::size_t kCompletionsPerPrefix = 20;

/// Rewrites the table from the database's terms (its unprefixed words and its title words),
/// removing the entries of prefixes no word has any more. O(vocabulary).
void write_completion_table(Xapian::WritableDatabase& database);

/// The most frequent terms starting with `prefix` (a term prefix: "tel" or "Stel"), most
/// frequent first, at most `limit`. From the table when the prefix is short and `limit`
/// fits it; otherwise by scanning the terms.
std::vector<std::string> most_frequent_completions(const Xapian::Database& database,
                                                   const std::string& prefix,
                                                   std::size_t limit);

/// Cuts the last of `tokens`, a word being typed in a script written without spaces that the
/// analyzer could not cut because it is unfinished ("ツールチ" of ツール + チップ), in two:
/// the longest beginning of it that is an index word, and the rest, which some index word
/// starts with; side by side, as the analyzer cuts words it knows. Left as it is when it is
/// an index word itself, when normalising changed its bytes (half-width kana), or when no
/// such cut exists. Its own completions (ツールチェーン) may still be what is meant:
/// callers look for both.
void cut_last_typed_run(const Xapian::Database& database, std::vector<Token>& tokens);

} // namespace libsearch::detail
