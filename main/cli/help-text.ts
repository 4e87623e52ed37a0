/** The text of `gilscope help`. */
export const HELP_TEXT = `GILscope — is the GIL what holds your Python threads back?

Usage:
  gilscope interpreters [--json] [--add PATH …]
  gilscope profile [--python PATH] [--gil default|on|off] [--rate HZ] [--duration SEC]
                   [--db FILE] [--cwd DIR] [--no-stacks] [--json] SCRIPT [-- ARGS…]
  gilscope runs [--db FILE] [--json]
  gilscope show RUN [--db FILE] [--json]
  gilscope attach PID [--duration SEC] [--children] [--rate HZ] [--db FILE] [--no-stacks] [--json]
  gilscope dump PID [--json]
  gilscope compare RUN RUN… [--db FILE] [--json]
  gilscope experiment SCRIPT [--python P1,P2] [--gil on,off] [--repeat N]
                   [--vary-arg NAME=v1,v2 | --vary-env NAME=v1,v2] [--rate HZ] [--duration SEC]
                   [--db FILE] [--json] [--baseline KEY] [--fail-if EXPR] [-- ARGS…]
  gilscope export RUN|--compare RUN,RUN…|--experiment ID
                  --format html|pdf|json|csv|speedscope|collapsed|trace [--timeline] [--bins N] [-o FILE] [--db FILE]
  gilscope ui [--port N] [--db FILE] [--open]

Commands:
  interpreters  list the CPython interpreters found on this machine
  profile       run SCRIPT under an interpreter and sample every thread from outside
  runs          list stored runs
  show          summarise one stored run (per-thread CPU, states, GIL)
  attach        sample a running process (and with --children its descendants) until it ends,
                --duration passes or Ctrl-C, then detach and leave it running; stored as an attached run
  dump          print every Python thread's stack in a running process (status, GIL, frames)
  compare       2–4 runs side by side (the first is the baseline): wall, speedup, CPU, parallelism,
                GIL contention, per-thread CPU and states, functions whose share changed most
  experiment    run SCRIPT under every interpreter × GIL mode (× varied value) × repetition, one run
                after another (r1: A B, r2: A B …); prints median/min/max wall, speedup vs the first
                configuration, parallelism, contention. Ctrl-C cancels (finished runs are kept, exit 130)
  export        write a run, comparison or experiment: json (with schemaVersion), csv (run: one row
                per thread, or its binned timeline with --timeline; comparison: metrics; experiment:
                configurations), speedscope, collapsed stacks or trace events for Firefox Profiler
                (runs only), html or pdf reports
  ui            serve the app to a browser on 127.0.0.1 (prints a URL that works once; the
                browser that opens it keeps a session cookie)

Options:
  --python PATH   interpreter to use (default: python3 on PATH)
  --gil MODE      free-threaded builds only: default (as built), on (PYTHON_GIL=1), off (PYTHON_GIL=0)
  --rate HZ       samples per second (default 100; 1 kHz is sustained)
  --duration SEC  stop the script after SEC seconds (SIGINT, then SIGTERM, then SIGKILL)
  --no-stacks     do not read Python stacks (lowest overhead: CPU, states and the GIL only)
  --db FILE       run database (default: $GILSCOPE_DB or ~/.local/share/gilscope/runs.sqlite)
  --json          print exactly one JSON object on stdout (the script's output goes to stderr)
  --vary-arg N=…  experiment: each value replaces {value} in the script's ARGS (appended if none); N names it
  --vary-env N=…  experiment: each value is set as environment variable N
  --fail-if EXPR  experiment: exit 3 when EXPR is TRUE (a CI gate), e.g. "speedup(off vs on) < 1.5"
                  EXPR: speedup(A vs B) | wall(A) | parallelism(A) | contention(A), then < <= > >= NUMBER,
                  joined by "and". A, B: words that must all match one configuration: on|off|default
                  (GIL mode), 3.13 / 3.13t (version), NAME=VALUE (varied value), a key or interpreter name.
                  speedup(A vs B) = median wall of B / median wall of A
`;
