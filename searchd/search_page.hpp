#pragma once

#include <string_view>

namespace searchd {

/// GET /: until the search page arrives (issue #7), a small page that says what this is and
/// sends a query to /search.
inline constexpr std::string_view kPlaceholderPage = R"(<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>searchd</title></head>
<body>
<h1>searchd</h1>
<p>The search API is running. Try <a href="/search?q=">/search</a>, <a href="/health">/health</a> or
<a href="/metrics">/metrics</a>.</p>
<form action="/search" method="get"><label>Search <input name="q" type="search"></label>
<button type="submit">Search</button></form>
</body>
</html>
)";

} // namespace searchd
