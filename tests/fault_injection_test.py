#!/usr/bin/env python3
"""Fault injection for the index writer and the generation switch (RELIABILITY.md G2, G3):
`searchd reindex`, incremental and full, with one fsync, fdatasync, rename, symlink, write
or pwrite under the index failing with ENOSPC or EIO (an LD_PRELOAD shim,
tests/fault_injection/fault_shim.c), at every step for the rare calls and at spread-out
steps for the thousands of block writes. After each failed run the index answers exactly
as before the run or exactly as after a clean one (never anything in between, never not at
all), the exit status is 0 or 2 (never a crash), and the next run without a fault
publishes the new content and leaves no half-written build behind.

    fault_injection_test.py SEARCHD SEARCH_QUERY SHIM CONTENT_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

SEARCHD, SEARCH_QUERY, SHIM, CONTENT = sys.argv[1:5]
CALLS = ("fsync", "fdatasync", "rename", "symlink", "write", "pwrite")
PROBES = ("telehealth", "faultinjectionword", "kohlrabi")
failures = []


def check(name, ok, detail=""):
    print(("PASS " if ok else "FAIL ") + name + (": " + detail if detail and not ok else ""), flush=True)
    if not ok:
        failures.append(name)


def reindex(content, index, full, env=None):
    command = [SEARCHD, "reindex", "--content", content, "--index", index] + (["--full"] if full else [])
    return subprocess.run(command, env=env, capture_output=True, text=True)


def answers(index):
    """What the index answers to a few probes: total and ids, or None if it cannot answer."""
    state = []
    for probe in PROBES:
        run = subprocess.run([SEARCH_QUERY, index, probe, "--json"], capture_output=True, text=True)
        if run.returncode != 0:
            return None
        result = json.loads(run.stdout)
        state.append((result["total"], [hit["id"] for hit in result["hits"]]))
    return state


def injected(index, **fault):
    env = dict(os.environ)
    env["LD_PRELOAD"] = SHIM
    # The full stack of each allocation, so that the suppression below can name its caller.
    env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0:fast_unwind_on_malloc=0"
    env["LSAN_OPTIONS"] = "suppressions=" + os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                         "fault_injection", "lsan.supp")
    env["FAULT_PATH"] = index
    env.update({key.upper(): str(value) for key, value in fault.items()})
    return env


def steps(count):
    """Every step of a rare call; spread-out steps (and the last ones) of a frequent one."""
    if count <= 12:
        return list(range(1, count + 1))
    return sorted({1, 2, 3, count // 4, count // 2, 3 * count // 4, count - 1, count})


def main():
    work = tempfile.mkdtemp(prefix="fault-injection-")
    content = os.path.join(work, "content")
    shutil.copytree(CONTENT, content)
    pristine = os.path.join(work, "pristine")
    assert reindex(content, pristine, True).returncode == 0
    before = answers(pristine)
    # The change the runs publish: a page added, one changed, one removed.
    with open(os.path.join(content, "zz-fault.md"), "w") as f:
        f.write("---\ntitle: Fault injection\n---\nA faultinjectionword page about telehealth.\n")
    removed = next(os.path.join(root, name) for root, _, names in os.walk(content)
                   for name in sorted(names) if name.endswith(".md") and "kohlrabi" in open(os.path.join(root, name)).read())
    os.remove(removed)

    for full in (False, True):
        mode = "full" if full else "incremental"
        clean = os.path.join(work, f"clean-{mode}")
        shutil.copytree(pristine, clean, symlinks=True)
        counts_file = os.path.join(work, f"counts-{mode}.txt")
        counted = reindex(content, clean, full, injected(clean, fault_count_file=counts_file))
        assert counted.returncode == 0, counted.stderr
        after = answers(clean)
        check(f"{mode}-changes-visible", after != before and after is not None)
        counts = {}
        with open(counts_file) as f:
            for line in f:
                name, count = line.split()
                counts[name] = max(counts.get(name, 0), int(count))
        print(f"     {mode}: calls under the index: {counts}", flush=True)
        runs = 0
        for call in CALLS:
            for n in steps(counts.get(call, 0)):
                runs += 1
                trial = os.path.join(work, f"trial-{mode}-{call}-{n}")
                shutil.copytree(pristine, trial, symlinks=True)
                errno_name = "EIO" if n % 2 == 0 else "ENOSPC"
                run = reindex(content, trial, full, injected(trial, fault_call=call, fault_at=n,
                                                             fault_errno=errno_name))
                state = answers(trial)
                name = f"{mode}-{call}-{n}-{errno_name}"
                if run.returncode == 0:
                    # The fault hit something the run may shrug off (a best-effort cleanup):
                    # then it published all of the change.
                    check(name + "-published-whole", state == after, f"exit 0, state {state}")
                else:
                    check(name + "-exit-2-with-reason", run.returncode == 2 and "searchd" in run.stderr,
                          f"exit {run.returncode}: {run.stderr[-300:]}")
                    check(name + "-index-before-or-after", state in (before, after), f"state {state}")
                recovered = reindex(content, trial, full)
                check(name + "-next-run-recovers",
                      recovered.returncode == 0 and answers(trial) == after,
                      f"exit {recovered.returncode}: {recovered.stderr[-300:]}")
                leftovers = [entry for entry in os.listdir(trial) if entry.endswith(".tmp")]
                check(name + "-nothing-left-over", not leftovers, str(leftovers))
                shutil.rmtree(trial, ignore_errors=True)
        print(f"     {mode}: {runs} runs with a fault", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    print(f"fault_injection: {len(failures)} failed", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
