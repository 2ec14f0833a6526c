"""Serve an index with searchd on a free loopback port and page through every hit of an
empty query: what the site_urls checks compare with the generators' own answers."""
import json
import socket
import subprocess
import time
import urllib.parse
import urllib.request


def all_hits(searchd, source, index, totals_of=()):
    """`source`: ["--content", TREE] or ["--built", OUT]. Returns every hit of an empty
    query, and the total of each query in `totals_of`."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([searchd, "serve", *source, "--index", index, "--listen", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        totals = {query: json.load(urllib.request.urlopen(
            f"{base}/search?q={urllib.parse.quote(query)}", timeout=30))["total"] for query in totals_of}
        hits, page = [], 1
        while True:
            body = json.load(urllib.request.urlopen(f"{base}/search?q=&per_page=100&page={page}", timeout=30))
            hits += body["hits"]
            if len(body["hits"]) < 100 or page >= 200:
                return hits, totals
            page += 1
    finally:
        server.terminate()
        server.wait(timeout=15)
