// Processes GILscope did not launch, for the attach tests (CLI, app service, e2e): a script started on its own
// that says READY once its threads run, and is killed when the test ends.
import { spawn, type ChildProcess } from 'node:child_process';

/** A main thread and a named thread ("napper") that both sleep in short naps, forever; READY once both run. */
export const NAPPING_THREADS = `
import threading, time
def napper():
    while True:
        time.sleep(0.02)
threading.Thread(target=napper, name="napper", daemon=True).start()
print("READY", flush=True)
while True:
    time.sleep(0.02)
`;

/**
 * Starts `python script args…` as a process of its own and resolves with it once it printed READY (rejects
 * if it exits first). It is added to `started`, which the test kills when it ends.
 */
export async function startReadyProcess(
  python: string,
  script: string,
  args: readonly string[],
  started: ChildProcess[],
): Promise<ChildProcess & { pid: number }> {
  const child = spawn(python, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (text: string) => text.includes('READY') && resolve());
    child.on('exit', (code) => reject(new Error(`target exited with ${code}`)));
  });
  return child as ChildProcess & { pid: number };
}
