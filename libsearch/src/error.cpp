#include <libsearch/error.hpp>

namespace libsearch {

namespace {

struct ErrorCodeInfo {
    ErrorCode code;
    std::string_view name;
    bool user_error;
};

// The single table of error codes (Xapian's exception_data.pm, Meilisearch's error codes).
constexpr ErrorCodeInfo kErrorCodes[] = {
    {ErrorCode::invalid_config, "invalid_config", true},
    {ErrorCode::invalid_argument, "invalid_argument", true},
    {ErrorCode::io_error, "io_error", false},
    {ErrorCode::index_unavailable, "index_unavailable", false},
    {ErrorCode::index_busy, "index_busy", false},
    {ErrorCode::index_format, "index_format", true},
    {ErrorCode::mass_delete, "mass_delete", true},
    {ErrorCode::cancelled, "cancelled", false},
    {ErrorCode::internal, "internal", false},
};

const ErrorCodeInfo& info(ErrorCode code) noexcept {
    for (const auto& entry : kErrorCodes) {
        if (entry.code == code) {
            return entry;
        }
    }
    return kErrorCodes[std::size(kErrorCodes) - 1];
}

} // namespace

std::string_view to_string(ErrorCode code) noexcept {
    return info(code).name;
}

bool is_user_error(ErrorCode code) noexcept {
    return info(code).user_error;
}

Error::Error(ErrorCode code, const std::string& message)
    : std::runtime_error(message)
    , code_(code) {}

} // namespace libsearch
