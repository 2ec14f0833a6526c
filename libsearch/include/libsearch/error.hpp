#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace libsearch {

/// Every error libsearch throws carries one of these codes. The table is the single place
/// that says whether the caller caused the error (a user error, to be reported as such,
/// e.g. as a 4xx) or the environment or the library did (an internal error, a 5xx).
enum class ErrorCode {
    invalid_config,    ///< user: a configuration file or flag is wrong; the message names the key
    invalid_argument,  ///< user: an argument to a library call is out of range
    io_error,          ///< environment: a file or directory could not be read or written
    index_unavailable, ///< environment: the index cannot be opened or read right now
    index_busy,   ///< environment: another writer (a reindex) holds the index; the message names it
    index_format, ///< user: the index on disk has another format version
    mass_delete,  ///< user: a reindex would delete more pages than index.max_delete_ratio
    cancelled,    ///< the caller withdrew the query (Query::cancelled): nobody waits for an answer
    internal,     ///< a bug in libsearch or one of its dependencies
};

/// The stable snake_case name of a code, as used in logs and JSON error bodies.
std::string_view to_string(ErrorCode code) noexcept;

/// True when the caller can fix the error by changing what it passed in.
bool is_user_error(ErrorCode code) noexcept;

/// The one exception type libsearch throws. Exceptions of its dependencies (Xapian, ICU,
/// yaml-cpp) never cross the library's boundary: they are translated into an Error.
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message);

    ErrorCode code() const noexcept { return code_; }

private:
    ErrorCode code_;
};

} // namespace libsearch
