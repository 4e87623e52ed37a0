// Python workload scripts for the benchmarks, written once to a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Fixed work: THREADS threads (0 = the main thread alone) each run ITERATIONS loop iterations.
const FIXED_CPU = `import sys, threading
threads, iterations = int(sys.argv[1]), int(sys.argv[2])
def work():
    x = 0
    for i in range(iterations):
        x += i * i % 7
if threads == 0:
    work()
else:
    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool: t.start()
    for t in pool: t.join()
`;

// THREADS threads either blocked on an Event or spinning in Python, for SECONDS, then all end.
const THREADS_FOR = `import sys, threading, time
threads, seconds, mode = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
stop = threading.Event()
def blocked():
    stop.wait()
def busy():
    x = 0
    while not stop.is_set():
        for i in range(10000):
            x += i
pool = [threading.Thread(target=busy if mode == 'busy' else blocked) for _ in range(threads)]
for t in pool: t.start()
print('started', flush=True)
time.sleep(seconds)
stop.set()
for t in pool: t.join()
`;

/** Paths of the workload scripts. */
export interface Workloads {
  dir: string;
  /** Args: threads (0 = main thread only), iterations per thread. */
  fixedCpu: string;
  /** Args: threads, seconds, 'blocked' | 'busy'. */
  threadsFor: string;
  remove(): void;
}

/** Writes the workload scripts to a fresh temp folder (remove() deletes it). */
export function writeWorkloads(): Workloads {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-bench-'));
  const fixedCpu = path.join(dir, 'fixed_cpu.py');
  const threadsFor = path.join(dir, 'threads_for.py');
  fs.writeFileSync(fixedCpu, FIXED_CPU);
  fs.writeFileSync(threadsFor, THREADS_FOR);
  return { dir, fixedCpu, threadsFor, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
