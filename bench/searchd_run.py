"""What the Python benchmarks share: a real set's searchd config, and a `searchd serve` on a
port the kernel picks.

    from searchd_run import REPO, known_queries, serve, set_config, set_folder
"""
import os
import re
import subprocess
import sys
import threading

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(REPO, "..", "shared", "corpus")
DEFAULT_SEARCHD = os.path.join(REPO, "build/release/searchd/searchd")


def set_folder(name):
    """The set's content in ../shared/corpus, or None (said on stdout: a benchmark without
    the corpus has nothing to measure and exits 0)."""
    folder = os.path.join(CORPUS, name)
    if os.path.isdir(folder):
        return folder
    print(f"{os.path.basename(sys.argv[0])}: no corpus at {folder}; nothing to measure")
    return None


def known_queries(name):
    """The set's known-item queries (the first column of queries/<set>.known.tsv)."""
    with open(os.path.join(CORPUS, "queries", name + ".known.tsv")) as f:
        return [line.split("\t")[0] for line in f.read().splitlines()[1:] if line.strip()]


def set_config(name, work, content=None, server="{listen: '127.0.0.1:0'}"):
    """Writes <work>/searchd.yaml for the set (its acceptance extras, if any, then the
    content folder, the index in <work>/index and the `server` mapping); returns its path."""
    config = os.path.join(work, "searchd.yaml")
    extras = os.path.join(REPO, "..", "shared", "acceptance", "extras", name + ".yaml")
    with open(config, "w") as f:
        if os.path.exists(extras):
            with open(extras) as extra:
                f.write(extra.read() + "\n")
        f.write(f"content: {{root: {content or os.path.join(CORPUS, name)}}}\n"
                f"index: {{path: {work}/index}}\nserver: {server}\n")
    return config


def serve(binary, config):
    """Starts `searchd serve`; returns (process, port) once it listens. Its stderr is read
    (and dropped) so that the access log never blocks it."""
    process = subprocess.Popen([binary, "serve", "--config", config], stderr=subprocess.PIPE, text=True)
    match = None
    while not match:
        line = process.stderr.readline()
        if not line:
            sys.exit(f"{os.path.basename(sys.argv[0])}: searchd did not start")
        match = re.search(r"on http://127\.0\.0\.1:(\d+)/", line)
    threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
    return process, int(match.group(1))
