#pragma once

// Boost 1.74's asio uses std::exchange without including <utility>; GCC 12 needs it first.
#include <string_view>
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace searchd {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

/// Beast 1.74 has its own string_view; the rest of the code speaks std::string_view.
inline std::string_view to_std(beast::string_view text) noexcept {
    return {text.data(), text.size()};
}

} // namespace searchd
