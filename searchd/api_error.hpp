#pragma once

#include "http.hpp"

#include <stdexcept>
#include <string>

namespace searchd {

/// A request the daemon refuses, with the status and the stable error code of the JSON body
/// {"error": {"code": "...", "message": "..."}}.
class ApiError : public std::runtime_error {
public:
    ApiError(http::status status, std::string code, const std::string& message)
        : std::runtime_error(message)
        , status_(status)
        , code_(std::move(code)) {}

    http::status status() const noexcept { return status_; }
    const std::string& code() const noexcept { return code_; }

private:
    http::status status_;
    std::string code_;
};

} // namespace searchd
