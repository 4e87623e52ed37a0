"""The same CPU-bound work (counting primes below a limit, split into equal slices) done by N threads,
N processes, or N threads of a free-threaded CPython with the GIL off, chosen by the first argument.
Run all three as one experiment and compare wall time, parallelism and GIL contention side by side:

    gilscope experiment examples/threads_vs_processes.py --vary-arg mode=threads,processes,free-threaded

"free-threaded" runs this same script again, as a child, under a free-threaded CPython with
PYTHON_GIL=0: the one named by $FREE_THREADED_PYTHON, else the first python3.13t / python3.14t on PATH
(GILscope follows the child). Options: --workers N (default 4), --limit N (default 160000).
"""
import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from primes import count_primes

MODES = ("threads", "processes", "free-threaded")


def slices(limit, workers):
    """Interleaved slices, so every worker gets the same mix of small and large numbers."""
    step = 1000
    edges = list(range(0, limit, step))
    return [[(a, min(a + step, limit)) for a in edges[i::workers]] for i in range(workers)]


def count_slices(ranges):
    return sum(count_primes(a, b) for a, b in ranges)


def with_threads(limit, workers):
    results = [0] * workers

    def run(index, ranges):
        results[index] = count_slices(ranges)

    threads = [
        threading.Thread(target=run, args=(i, part), name=f"primes-{i}") for i, part in enumerate(slices(limit, workers))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(results)


def with_processes(limit, workers):
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(count_slices, slices(limit, workers)))


def free_threaded_python():
    named = os.environ.get("FREE_THREADED_PYTHON")
    if named:
        return named
    for name in ("python3.13t", "python3.14t", "python3.15t"):
        found = shutil.which(name)
        if found:
            return found
    return None


def gil_enabled():
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    return True if is_enabled is None else is_enabled()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--limit", type=int, default=160_000)
    args = parser.parse_args()

    if args.mode == "free-threaded" and gil_enabled():
        python = free_threaded_python()
        if python is None:
            sys.exit("threads_vs_processes.py: no free-threaded CPython found: set FREE_THREADED_PYTHON or put python3.13t on PATH")
        env = dict(os.environ, PYTHON_GIL="0")
        argv = [python, os.path.abspath(__file__), "free-threaded", f"--workers={args.workers}", f"--limit={args.limit}"]
        sys.exit(subprocess.run(argv, env=env).returncode)

    started = time.perf_counter()
    total = with_processes(args.limit, args.workers) if args.mode == "processes" else with_threads(args.limit, args.workers)
    wall = time.perf_counter() - started
    build = "free-threaded, GIL off" if not gil_enabled() else "GIL"
    print(f"{args.mode}: {args.workers} workers found {total} primes below {args.limit} in {wall:.2f} s "
          f"(CPython {sys.version.split()[0]}, {build})")


if __name__ == "__main__":
    main()
