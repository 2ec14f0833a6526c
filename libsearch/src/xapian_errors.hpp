#pragma once

// Xapian exceptions never cross libsearch's boundary (STYLE.md §5): every call into Xapian
// from a public function goes through translate_xapian_errors.

#include <libsearch/error.hpp>

#include <xapian.h>

#include <string>

namespace libsearch::detail {

/// Runs `work`; a Xapian::Error becomes a libsearch::Error whose message starts with `what`.
template <typename Work>
decltype(auto) translate_xapian_errors(const std::string& what, Work&& work) {
    try {
        return work();
    } catch (const Xapian::DatabaseLockError& error) {
        throw Error(ErrorCode::index_unavailable,
                    what + ": another process is writing this index (" + error.get_msg() + ")");
    } catch (const Xapian::DatabaseVersionError& error) {
        throw Error(ErrorCode::index_format, what + ": written by another Xapian version (" +
                                                 error.get_msg() + "): run searchd reindex --full");
    } catch (const Xapian::DatabaseModifiedError& error) {
        throw Error(ErrorCode::index_unavailable,
                    what + ": the index changed while it was read; try again");
    } catch (const Xapian::DatabaseOpeningError& error) {
        throw Error(ErrorCode::index_unavailable, what + ": " + error.get_description());
    } catch (const Xapian::DatabaseCorruptError& error) {
        throw Error(ErrorCode::index_unavailable, what + ": the index is damaged (" +
                                                      error.get_msg() +
                                                      "): run searchd reindex --full");
    } catch (const Xapian::DatabaseError& error) {
        throw Error(ErrorCode::io_error, what + ": " + error.get_description());
    } catch (const Xapian::Error& error) {
        throw Error(ErrorCode::internal, what + ": " + error.get_description());
    }
}

} // namespace libsearch::detail
