#pragma once

// The whole public API of libsearch, in pipeline order. Including single headers is fine too.
#include <libsearch/config.hpp>
#include <libsearch/document.hpp>
#include <libsearch/error.hpp>
#include <libsearch/json.hpp>
#include <libsearch/loader.hpp>
#include <libsearch/version.hpp>
