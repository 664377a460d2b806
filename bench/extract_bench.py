#!/usr/bin/python3
"""End-to-end throughput benchmark for `silkgraph extract`.

usage: bench/extract_bench.py [--binary build/silkgraph] [--runs 3] [--threads N] CORPUS.jsonl...

For each corpus:
  * text bytes  = sum of the UTF-8 byte lengths of the JSONL "text" fields (computed once);
  * one non-quiet run (also a warm-up, not timed) whose stderr summary line gives the
    sentence count;
  * RUNS timed runs of `silkgraph extract --quiet CORPUS`, stdout to a temporary file whose
    lines are counted afterwards (one line per relation). Wall time is taken with
    time.perf_counter() around the child (start-up, rule loading, JSON parsing, extraction
    and output writing all included); peak RSS comes from os.wait4() on that child alone.

Prints one Markdown table (medians over the runs), the machine and the exact commands.
Exits 1 if the binary fails (non-zero exit status or a signal) or runs disagree on the
relation count, 2 on bad usage. Debian's /usr/bin/python3, standard library only.
"""

import argparse
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUMMARY_RE = re.compile(
    r"silkgraph extract: (\d+) documents, (\d+) sentences, (\d+) relations \((\d+) asserted\)")


class BenchError(Exception):
    pass


def text_bytes(corpus):
    """UTF-8 bytes of every record's "text" field, and the number of records."""
    total = docs = 0
    with open(corpus, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                raise BenchError("%s:%d: not JSON (%s)" % (corpus, lineno, e))
            text = rec.get("text") if isinstance(rec, dict) else None
            if isinstance(text, str):
                total += len(text.encode("utf-8", "surrogatepass"))
            docs += 1
    return total, docs


# Peak RSS. Linux carries the forking process's high-water RSS over into the child's
# ru_maxrss across exec, so wait4() on a process forked straight from this (10+ MB) Python
# reports at least Python's RSS. Instead a small /bin/sh forks the binary in the background
# and exits; this process, made a child subreaper, inherits the orphan and wait4()s it, so
# ru_maxrss starts from the shell's ~1-2 MB. Without prctl (non-Linux) the figure is an upper
# bound and is flagged.
PR_SET_CHILD_SUBREAPER = 36
LAUNCH = '"$@" </dev/null >"$SGBENCH_OUT" 2>"$SGBENCH_ERR" & echo $!'


def become_subreaper():
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


SUBREAPER = False


def run_child(cmd, out_path, err_path):
    """Run cmd with stdout/stderr to files; return (exit code, wall s, peak RSS KiB)."""
    if not SUBREAPER:
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
            _, status, usage = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen consistent
        return p.returncode, wall, usage.ru_maxrss
    env = dict(os.environ, SGBENCH_OUT=out_path, SGBENCH_ERR=err_path)
    t0 = time.perf_counter()
    sh = subprocess.Popen(["/bin/sh", "-c", LAUNCH, "sh"] + cmd, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, env=env)
    pid_line = sh.stdout.read()
    sh.stdout.close()
    if sh.wait() != 0 or not pid_line.strip().isdigit():
        raise BenchError("could not start %s via /bin/sh" % cmd[0])
    # The shell has exited, so its background child is now ours.
    _, status, usage = os.wait4(int(pid_line), 0)
    wall = time.perf_counter() - t0
    return os.waitstatus_to_exitcode(status), wall, usage.ru_maxrss  # ru_maxrss is KiB


def describe_failure(cmd, code, err_path):
    with open(err_path, errors="replace") as f:
        tail = f.read()[-2000:]
    how = "killed by signal %d" % -code if code < 0 else "exit status %d" % code
    return "%s: %s\n%s" % (cmd, how, tail.rstrip())


def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            n += block.count(b"\n")
    return n


def bench_corpus(binary, shown_binary, corpus, runs, tmp, threads=None):
    nbytes, ndocs = text_bytes(corpus)
    shown = lambda cmd: " ".join(shlex.quote(c) for c in [shown_binary] + cmd[1:])
    out_path, err_path = os.path.join(tmp, "out.jsonl"), os.path.join(tmp, "err.txt")

    # Untimed non-quiet run: sentence count from the summary line; also warms the page cache.
    threads_args = [] if threads is None else ["--threads", str(threads)]
    cmd = [binary, "extract"] + threads_args + [corpus]
    code, _, _ = run_child(cmd, out_path, err_path)
    if code != 0:
        raise BenchError(describe_failure(shown(cmd), code, err_path))
    with open(err_path, errors="replace") as f:
        matches = [SUMMARY_RE.search(line) for line in f]
    matches = [m for m in matches if m]
    if not matches:
        raise BenchError("%s: no summary line on stderr" % shown(cmd))
    documents, sentences, summary_relations, _ = (int(g) for g in matches[-1].groups())

    cmd = [binary, "extract", "--quiet"] + threads_args + [corpus]
    walls, rss, rels = [], [], []
    for i in range(runs):
        code, wall, maxrss = run_child(cmd, out_path, err_path)
        if code != 0:
            raise BenchError(describe_failure(shown(cmd), code, err_path))
        walls.append(wall)
        rss.append(maxrss)
        rels.append(count_lines(out_path))
        print("  %s run %d/%d: %.3f s, %.2f MB/s, %d relations, peak RSS %.1f MB" % (
            os.path.basename(corpus), i + 1, runs, wall, nbytes / 1e6 / wall, rels[-1],
            maxrss / 1024), file=sys.stderr)
    if len(set(rels + [summary_relations])) != 1:
        raise BenchError("%s: relation counts differ between runs: %s (summary: %d)"
                         % (corpus, rels, summary_relations))
    wall = statistics.median(walls)
    return {
        "corpus": os.path.basename(corpus),
        "docs": documents if documents else ndocs,
        "bytes": nbytes,
        "wall": wall,
        "wall_min": min(walls),
        "wall_max": max(walls),
        "mbps": statistics.median(nbytes / 1e6 / w for w in walls),
        "mbps_min": nbytes / 1e6 / max(walls),
        "mbps_max": nbytes / 1e6 / min(walls),
        "sentences": sentences,
        "sent_per_s": sentences / wall,
        "relations": rels[0],
        "rel_per_s": rels[0] / wall,
        "rss_mb": max(rss) / 1024,
        "command": shown(cmd),
    }


def checked_inputs(ap, binary, corpora):
    """The binary's absolute path, after argparse errors for a missing binary or corpus."""
    binary = os.path.abspath(binary)
    if not os.access(binary, os.X_OK):
        ap.error("no executable binary at %s (build it first)" % binary)
    for c in corpora:
        if not os.path.isfile(c):
            ap.error("no such corpus: %s" % c)
    return binary


def machine():
    model, cores = "unknown", set()
    try:
        with open("/proc/cpuinfo") as f:
            phys = core = None
            for line in f:
                key, _, val = line.partition(":")
                key, val = key.strip(), val.strip()
                if key == "model name" and model == "unknown":
                    model = val
                elif key == "physical id":
                    phys = val
                elif key == "core id":
                    core = val
                elif not key and core is not None:
                    cores.add((phys, core))
                    phys = core = None
            if core is not None:
                cores.add((phys, core))
    except OSError:
        pass
    logical = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else logical
    physical = "%d physical cores, " % len(cores) if cores else ""
    return "%s; %s%d logical CPUs (%d usable); Linux %s" % (
        model, physical, logical, usable, platform.release())


def build_info(binary):
    """Build type and source tree from the CMakeCache.txt next to the binary, the source's git
    revision (read-only git calls), and when the binary was built."""
    parts, source = [], None
    try:
        with open(os.path.join(os.path.dirname(binary), "CMakeCache.txt")) as f:
            for line in f:
                key, _, val = line.rstrip("\n").partition("=")
                if key.startswith("CMAKE_BUILD_TYPE:"):
                    parts.append("CMAKE_BUILD_TYPE=" + val)
                elif key.startswith("CMAKE_HOME_DIRECTORY:"):
                    source = val
    except OSError:
        pass
    if source:
        desc = "source " + source
        try:
            git = ["git", "--no-optional-locks", "-C", source]
            rev = subprocess.run(git + ["rev-parse", "--short", "HEAD"], capture_output=True,
                                 text=True, check=True).stdout.strip()
            dirty = subprocess.run(git + ["diff", "--quiet", "HEAD", "--"],
                                   capture_output=True).returncode != 0
            desc += " at git %s%s (state now, not at build time)" % (
                rev, " + uncommitted changes" if dirty else "")
        except (OSError, subprocess.CalledProcessError):
            desc += " (not a git checkout)"
        parts.append(desc)
    parts.append("binary built %s" % time.strftime(
        "%Y-%m-%d %H:%M:%S", time.localtime(os.path.getmtime(binary))))
    return "; ".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.path.join(REPO, "build", "silkgraph"),
                    help="silkgraph binary (default: build/silkgraph of this checkout)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per corpus (default 3)")
    ap.add_argument("--threads", type=int, default=None,
                    help="pass --threads N to silkgraph (default: its own, all cores)")
    ap.add_argument("corpora", nargs="+", metavar="CORPUS.jsonl")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    binary = checked_inputs(ap, args.binary, args.corpora)

    global SUBREAPER
    SUBREAPER = become_subreaper()
    rows = []
    load_before = os.getloadavg()
    try:
        with tempfile.TemporaryDirectory(prefix="sgbench-") as tmp:
            # Time a private copy, so that a rebuild of the binary during the benchmark
            # cannot mix two builds in one table (the rules are embedded in the binary).
            private = os.path.join(tmp, "silkgraph")
            shutil.copy2(binary, private)
            with open(private, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()[:16]
            for c in args.corpora:
                rows.append(bench_corpus(private, binary, os.path.abspath(c), args.runs, tmp,
                                         args.threads))
    except BenchError as e:
        print("extract_bench: %s" % e, file=sys.stderr)
        return 1

    print("silkgraph extract, %s, %d timed run%s per corpus, median shown (min-max MB/s); "
          "MB = 10^6 bytes of UTF-8 \"text\", end-to-end wall time"
          % ("all cores" if args.threads is None else "--threads %d" % args.threads,
             args.runs, "" if args.runs == 1 else "s"))
    print()
    print("| corpus | text MB | docs | MB/s | sentences/s | relations/s | wall s | "
          "peak RSS MB | sentences | relations |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print("| %s | %.2f | %d | %.2f (%.2f-%.2f) | %.0f | %.0f | %.3f | %.1f | %d | %d |" % (
            r["corpus"], r["bytes"] / 1e6, r["docs"], r["mbps"], r["mbps_min"], r["mbps_max"],
            r["sent_per_s"], r["rel_per_s"], r["wall"], r["rss_mb"], r["sentences"],
            r["relations"]))
    print()
    print("machine: %s" % machine())
    if not SUBREAPER:
        print("note:    peak RSS is an upper bound (includes this Python process's RSS)")
    print("load:    1-min load average %.2f before, %.2f after (other work skews the figures)"
          % (load_before[0], os.getloadavg()[0]))
    info = build_info(binary)
    print("build:   %s, sha256 %s...; %s" % (binary, digest, info))
    print("bench:   %s" % " ".join(shlex.quote(a) for a in [sys.executable] + sys.argv))
    for r in rows:
        print("timed:   %s" % r["command"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
