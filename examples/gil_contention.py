"""Four threads doing pure-Python arithmetic: on a GIL build they take turns; on a free-threaded
build with PYTHON_GIL=0 they run in parallel. Try:
    gilscope profile examples/gil_contention.py
    gilscope profile --python python3.13t --gil off examples/gil_contention.py
"""
import threading
import time


def count_primes(limit):
    found = 0
    for n in range(2, limit):
        for d in range(2, int(n ** 0.5) + 1):
            if n % d == 0:
                break
        else:
            found += 1
    return found


def worker(results, index):
    results[index] = count_primes(400_000)


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
