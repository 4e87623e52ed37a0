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
