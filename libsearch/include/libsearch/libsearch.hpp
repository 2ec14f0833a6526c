#pragma once

// The whole public API of libsearch, in pipeline order. Including single headers is fine too.
#include <libsearch/analyzer.hpp>
#include <libsearch/config.hpp>
#include <libsearch/document.hpp>
#include <libsearch/error.hpp>
#include <libsearch/index.hpp>
#include <libsearch/indexer.hpp>
#include <libsearch/inspect.hpp>
#include <libsearch/json.hpp>
#include <libsearch/loader.hpp>
#include <libsearch/query.hpp>
#include <libsearch/reindexer.hpp>
#include <libsearch/result.hpp>
#include <libsearch/searcher.hpp>
#include <libsearch/site.hpp>
#include <libsearch/utf8.hpp>
#include <libsearch/version.hpp>
