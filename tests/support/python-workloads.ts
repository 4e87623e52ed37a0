// Python workloads written inline by the tests of the service and the UI, where the script's shape in
// time (which thread burns CPU, and when) is what the test checks.

/** Python defining `name(seconds)`: a loop that keeps its thread on a CPU for that many seconds (needs `time`). */
export function busyLoopFunction(name: string): string {
  return `def ${name}(seconds):
    deadline = time.monotonic() + seconds
    x = 0
    while time.monotonic() < deadline:
        x += 1
`;
}

/** Sleeps `seconds` on the main thread, prints "phase two", then a thread "late-burner" burns CPU in `burn_late` for as long. */
export function lateBurnerScript(seconds: number): string {
  return `import threading, time
${busyLoopFunction('burn_late')}time.sleep(${seconds})
print("phase two", flush=True)
t = threading.Thread(target=burn_late, args=(${seconds},), name="late-burner")
t.start()
t.join()
`;
}

/**
 * Python starting a daemon thread named `spawnerName` that forever starts `batch` threads named churn-N, each
 * running `target(N)`, and joins them: threads that come and go while they are sampled (needs `threading`).
 */
export function threadChurn(target: string, batch: number, spawnerName: string): string {
  return `def spawner():
    i = 0
    while True:
        ts = [threading.Thread(target=${target}, args=(i + k,), name=f"churn-{i + k}") for k in range(${batch})]
        for t in ts: t.start()
        for t in ts: t.join()
        i += ${batch}
threading.Thread(target=spawner, daemon=True, name="${spawnerName}").start()
`;
}

/**
 * After 0.3 s of sleep, a thread "worker" spends argv[1] CPU seconds in parse() and then argv[2] in render(),
 * both through spin(): two runs with different arguments differ only in how the time is split.
 */
export const PARSE_RENDER_SCRIPT = `import sys, threading, time
time.sleep(0.3)
def spin(seconds):
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass
def parse(seconds):
    spin(seconds)
def render(seconds):
    spin(seconds)
def work():
    parse(float(sys.argv[1]))
    render(float(sys.argv[2]))
t = threading.Thread(target=work, name="worker")
t.start()
t.join()
`;
