"""Four threads doing pure-Python arithmetic: on a GIL build they take turns; on a free-threaded
build with PYTHON_GIL=0 they run in parallel. Try:
    gilscope profile examples/gil_contention.py
    gilscope profile --python python3.13t --gil off examples/gil_contention.py
"""
import threading
import time

from primes import count_primes


def worker(results, index):
    results[index] = count_primes(0, 400_000)


def main():
    results = [0] * 4
    threads = [threading.Thread(target=worker, args=(results, i), name=f"primes-{i}") for i in range(4)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"{sum(results)} primes counted in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
