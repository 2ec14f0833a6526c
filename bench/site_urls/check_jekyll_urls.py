#!/usr/bin/env python3
"""Does searchd link every page of a real Jekyll site to the URL Jekyll gives it?

The Jekyll counterpart of ../shared/tools/check_site_urls.py (which asks Hugo): assembles the
site tree (../shared/corpus/SET + ../shared/sites/SET) in a scratch folder, asks Jekyll itself
for every page's URL and date without rendering (jekyll_urls.rb: Jekyll's own reader and URL
code, so no layouts or plugins are needed), indexes the same tree with `searchd reindex
--content TREE` and no searchd config, pages through every result of an empty query, and
prints the share of Jekyll's pages whose hit has Jekyll's URL and date, the hits for files
Jekyll does not publish, and examples of each miss.

usage: check_jekyll_urls.py --searchd BIN SET      (SET: ruby-lang, healthcare-gov)
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

from searchd_hits import all_hits

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(here))), "shared")
ap = argparse.ArgumentParser()
ap.add_argument("--searchd", required=True)
ap.add_argument("--shared", default=shared)
ap.add_argument("set")
a = ap.parse_args()

work = tempfile.mkdtemp(prefix="jekyll-urls-")
tree = os.path.join(work, "site")
shutil.copytree(os.path.join(a.shared, "corpus", a.set), tree)
shutil.copytree(os.path.join(a.shared, "sites", a.set), tree, dirs_exist_ok=True)

listing = subprocess.run(["ruby", os.path.join(here, "jekyll_urls.rb"), tree], capture_output=True, text=True)
if listing.returncode != 0:
    sys.exit("jekyll_urls.rb failed: " + listing.stderr[-600:])
jekyll = json.loads(listing.stdout)
truth = {row["path"]: row for row in jekyll["rows"]}

index = os.path.join(work, "index")
reindex = subprocess.run([a.searchd, "reindex", "--content", tree, "--index", index], capture_output=True, text=True)
if reindex.returncode != 0:
    sys.exit("searchd reindex failed: " + reindex.stderr[-600:])
hits, _ = all_hits(a.searchd, ["--content", tree], index)

base = jekyll["baseurl"].rstrip("/")
norm = lambda url: urllib.parse.unquote(urllib.parse.urlparse(url or "").path)
ok_url = ok_date = dated = extra = 0
seen, misses = set(), {"url": [], "date": [], "not published by jekyll": []}
for hit in hits:
    row = truth.get(hit["id"])
    if row is None:
        extra += 1
        misses["not published by jekyll"].append(f"{hit['id']} shown as {hit['url']}")
        continue
    seen.add(hit["id"])
    if norm(hit["url"]) == norm(base + row["url"]):
        ok_url += 1
    else:
        misses["url"].append(f"{hit['id']}: jekyll {base + row['url']} searchd {hit['url']}")
    if row["date"]:
        dated += 1
        if hit.get("date") == row["date"]:
            ok_date += 1
        else:
            misses["date"].append(f"{hit['id']}: jekyll {row['date']} searchd {hit.get('date')}")
n = len(truth)
print(f"{a.set}: {n} pages per jekyll; searchd returned {len(hits)} hits")
print(f"urls {ok_url}/{n} = {ok_url / max(n, 1):.3f}   dates {ok_date}/{dated} = {ok_date / max(dated, 1):.3f}   "
      f"not published by jekyll {extra}   missing {n - len(seen)}")
for kind, items in misses.items():
    for miss in items[:10]:
        print(f"  {kind}: {miss}")
for path in sorted(set(truth) - seen)[:10]:
    print(f"  missing: {path} ({truth[path]['url']})")
shutil.rmtree(work, ignore_errors=True)
