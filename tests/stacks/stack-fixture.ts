// The Python fixture of the unwinder tests: named threads parked (or spinning) at known lines, marked
// with `# @name` comments whose line numbers the tests compute from the source.
import { mainThreadReadingStdin, threadsSleeping } from '../support/spawn-python.ts';
import { threadChurn } from '../support/python-workloads.ts';

/** Writes the non-ASCII module next to the script, starts the threads, prints {tids, file, module}. */
export const STACK_FIXTURE = String.raw`
import asyncio, json, os, sys, threading, time
HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.join(HERE, "módulo_λ.py")
with open(MODULE, "w", encoding="utf-8") as f:
    f.write("import time\ndef función_λ(ready):\n    ready()\n    time.sleep(1000)\n")
sys.path.insert(0, HERE)
import módulo_λ

tids = {}
lock = threading.Lock()
def ready():
    with lock:
        tids[threading.current_thread().name] = threading.get_native_id()

spin = [True]
def c():
    ready()
    n = 0
    while spin[0]: n += 1  # @c
def b():
    c()  # @b
def a():
    b()  # @a

def e():
    ready()
    time.sleep(1000)  # @e
def d():
    e()  # @d

class Worker:
    def method(self):
        ready()
        time.sleep(1000)  # @method
    @classmethod
    def start(cls):
        cls().method()  # @start

class Holder:
    def __init__(self, park):
        if park:
            ready()
            time.sleep(1000)  # @init
def make_holder():
    # Warm the call site up so 3.13 specialises it (CALL_ALLOC_AND_ENTER_INIT: the _Py_InitCleanup shim).
    for i in range(300):
        Holder(i == 299)  # @make_holder

def producer():
    yield 1
    ready()
    time.sleep(1000)  # @producer
    yield 2
def consumer():
    for _ in producer():  # @consumer
        pass

async def inner_coro():
    ready()
    time.sleep(1000)  # @inner_coro
async def outer_coro():
    await inner_coro()  # @outer_coro
def aio_main():
    asyncio.run(outer_coro())  # @aio_main

def recurse(n):
    if n == 0:
        ready()
        time.sleep(1000)  # @deep
    return recurse(n - 1)  # @recurse
def deep():
    recurse(500)  # @deep_root

SRC = "def from_string(ready):\n    ready()\n    time.sleep(1000)\nfrom_string(ready)\n"
def run_exec():
    exec(compile(SRC, "<string>", "exec"), {"time": time, "ready": ready})  # @exec

def run_unicode():
    módulo_λ.función_λ(ready)  # @unicode

TARGETS = {"alpha": a, "beta": d, "method": Worker.start, "init": make_holder, "gen": consumer,
           "aio": aio_main, "deep": deep, "exec": run_exec, "ünï": run_unicode}
for name, target in TARGETS.items():
    threading.Thread(target=target, name=name, daemon=True).start()
while len(tids) < len(TARGETS):
    time.sleep(0.01)
# "alpha" announced itself in c() before its loop: wait until it spins on the loop's line.
LOOP = next(i + 1 for i, line in enumerate(open(__file__, encoding="utf-8")) if line.endswith("# @c\n"))
alpha = next(t for t in threading.enumerate() if t.name == "alpha")
def alpha_spinning():
    frame = sys._current_frames().get(alpha.ident)
    return frame is not None and frame.f_code is c.__code__ and frame.f_lineno == LOOP
while not alpha_spinning():
    time.sleep(0.01)
tids["MainThread"] = threading.get_native_id()
print(json.dumps({"tids": tids, "file": os.path.abspath(__file__), "module": MODULE}), flush=True)
sys.stdin.read()  # @main
`;

/** The fixture's threads that park in time.sleep() (all but the spinning "alpha" and the main thread). */
export const SLEEPING_THREADS = ['beta', 'method', 'init', 'gen', 'aio', 'deep', 'exec', 'ünï'] as const;

/**
 * Resolves once the fixture is where the tests expect it: the main thread blocked reading stdin and every
 * parked thread inside time.sleep() (each announced itself one line before, so a loaded machine can
 * catch it in between). The fixture itself waits until "alpha" spins in its loop before printing.
 */
export async function stackFixtureSettled(pid: number, output: StackFixtureOutput): Promise<void> {
  await mainThreadReadingStdin(pid);
  await threadsSleeping(
    pid,
    SLEEPING_THREADS.map((name) => {
      const tid = output.tids[name];
      if (tid === undefined) throw new Error(`the fixture printed no thread ${name}`);
      return tid;
    }),
  );
}

/** What the fixture prints. */
export interface StackFixtureOutput {
  tids: Record<string, number>;
  file: string;
  module: string;
}

/** Line number (1-based) of the `# @name` marker in the fixture source. */
export function markerLine(name: string): number {
  const lines = STACK_FIXTURE.split('\n');
  const index = lines.findIndex((l) => l.endsWith(`# @${name}`));
  if (index < 0) throw new Error(`no marker @${name}`);
  // String.raw keeps the leading newline, so line 1 of the file is lines[0]: index + 1 is the file line.
  return index + 1;
}

/** A fixture whose threads start, run a short call chain and exit, over and over (for mid-sample exits). */
export const CHURN_FIXTURE = String.raw`
import json, sys, threading, time
def leaf(n):
    return sum(range(n))
def worker(i):
    for _ in range(50):
        leaf(1000 + i)
${threadChurn('worker', 4, 'spawner')}print(json.dumps({"ok": True}), flush=True)
sys.stdin.read()
`;
