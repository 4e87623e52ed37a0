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
