// The Python scripts the e2e profiles, written into the run's temp folder by the global setup.
import fs from 'node:fs';
import path from 'node:path';

/** Three named CPU-bound threads for about 15 s, printing as they go (long enough for every live check on a busy machine, where the view switches to the detail as soon as the run ends). */
const THREE_THREADS = `import threading, time

def crunch(name, seconds):
    end = time.monotonic() + seconds
    total = 0
    while time.monotonic() < end:
        total += sum(i * i for i in range(2000))
    print(f"{name} finished", flush=True)

def main():
    print("e2e: starting 3 workers", flush=True)
    workers = [threading.Thread(target=crunch, name=f"cruncher-{n}", args=(f"cruncher-{n}", 15)) for n in range(3)]
    for w in workers:
        w.start()
    for tick in range(6):
        time.sleep(0.5)
        print(f"e2e: tick {tick}", flush=True)
    for w in workers:
        w.join()
    print("e2e: all workers done", flush=True)

main()
`;

/** Three CPU-bound threads running `burn_cpu` for argv[1] seconds (default 2); for Compare and Experiments. */
const CPU_THREADS = `import sys, threading, time

def burn_cpu(seconds):
    end = time.monotonic() + seconds
    total = 0
    while time.monotonic() < end:
        total += sum(i * i for i in range(2000))

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
workers = [threading.Thread(target=burn_cpu, name=f"burner-{n}", args=(seconds,)) for n in range(3)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print("e2e: cpu threads done", flush=True)
`;

/** Never ends: a sleeping worker thread and a main loop that prints. */
const FOREVER = `import threading, time

def idle_worker():
    while True:
        time.sleep(0.2)

threading.Thread(target=idle_worker, name="idler", daemon=True).start()
n = 0
while True:
    print(f"e2e: still running {n}", flush=True)
    n += 1
    time.sleep(0.3)
`;

/** Absolute paths of the fixtures (and of a script that does not exist). */
export interface FixtureScripts {
  threeThreads: string;
  forever: string;
  /** 3 threads in `burn_cpu` for argv[1] s (default 2). */
  cpuThreads: string;
  missing: string;
}

/** Writes the fixtures into `dir` and returns their paths. */
export function writeFixtureScripts(dir: string): FixtureScripts {
  const scripts = {
    threeThreads: path.join(dir, 'three_threads.py'),
    forever: path.join(dir, 'forever.py'),
    cpuThreads: path.join(dir, 'cpu_threads.py'),
    missing: path.join(dir, 'no_such_script.py'),
  };
  fs.writeFileSync(scripts.threeThreads, THREE_THREADS);
  fs.writeFileSync(scripts.forever, FOREVER);
  fs.writeFileSync(scripts.cpuThreads, CPU_THREADS);
  return scripts;
}
