// Ground-truth workloads (Python source, appended to TRUTH_PRELUDE). Each worker thread calls
// report() at its end, and the main thread prints the truth after joining them.

/** N pure-Python CPU threads, each busy for `seconds` of wall time. */
export function cpuThreads(count: number, seconds: number): string {
  return `
def spin():
    deadline = time.monotonic() + ${seconds}
    x = 0
    while time.monotonic() < deadline:
        x += 1
    report()
threads = [threading.Thread(target=spin, name=f"cpu-{i}") for i in range(${count})]
for t in threads: t.start()
for t in threads: t.join()
print_truth()
`;
}

/** N threads hashing 32 MiB buffers with hashlib (which releases the GIL for large inputs). */
export function hashingThreads(count: number, rounds: number): string {
  return `
import hashlib
buffer = bytes(32 * 1024 * 1024)
def hash_rounds():
    for _ in range(${rounds}):
        hashlib.sha256(buffer).hexdigest()
    report()
threads = [threading.Thread(target=hash_rounds, name=f"hash-{i}") for i in range(${count})]
for t in threads: t.start()
for t in threads: t.join()
print_truth()
`;
}

/**
 * N threads queueing on one Lock whose holder sleeps while holding it. CPython's Lock is not fair (the
 * releaser may take it straight back), so each thread pauses 1 ms after releasing to let the queue move.
 */
export function lockQueueThreads(count: number, rounds: number, holdSeconds: number): string {
  return `
shared = threading.Lock()
def queue_on_lock():
    for _ in range(${rounds}):
        with shared:
            time.sleep(${holdSeconds})
        time.sleep(0.001)
    report()
threads = [threading.Thread(target=queue_on_lock, name=f"locker-{i}") for i in range(${count})]
for t in threads: t.start()
for t in threads: t.join()
print_truth()
`;
}

/** N threads that only sleep. */
export function sleepingThreads(count: number, seconds: number): string {
  return `
def nap():
    time.sleep(${seconds})
    report()
threads = [threading.Thread(target=nap, name=f"sleeper-{i}") for i in range(${count})]
for t in threads: t.start()
for t in threads: t.join()
print_truth()
`;
}
