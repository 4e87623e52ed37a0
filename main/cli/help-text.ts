/** The text of `gilscope help`. */
export const HELP_TEXT = `GILscope — is the GIL what holds your Python threads back?

Usage:
  gilscope interpreters [--json] [--add PATH …]
  gilscope profile [--python PATH] [--gil default|on|off] [--rate HZ] [--duration SEC]
                   [--db FILE] [--cwd DIR] [--no-stacks] [--json] SCRIPT [-- ARGS…]
  gilscope runs [--db FILE] [--json]
  gilscope show RUN [--db FILE] [--json]
  gilscope dump PID [--json]
  gilscope export RUN --format collapsed|speedscope [-o FILE] [--db FILE]
  gilscope ui [--port N] [--db FILE] [--open]

Commands:
  interpreters  list the CPython interpreters found on this machine
  profile       run SCRIPT under an interpreter and sample every thread from outside
  runs          list stored runs
  show          summarise one stored run (per-thread CPU, states, GIL)
  dump          print every Python thread's stack in a running process (status, GIL, frames)
  export        write a run's stacks as collapsed lines (flamegraph.pl) or a speedscope profile
  ui            serve the app to a browser on 127.0.0.1 (prints a URL with a per-launch token)

Options:
  --python PATH   interpreter to use (default: python3 on PATH)
  --gil MODE      free-threaded builds only: default (as built), on (PYTHON_GIL=1), off (PYTHON_GIL=0)
  --rate HZ       samples per second (default 100; 1 kHz is sustained)
  --duration SEC  stop the script after SEC seconds (SIGINT, then SIGTERM, then SIGKILL)
  --no-stacks     do not read Python stacks (lowest overhead: CPU, states and the GIL only)
  --db FILE       run database (default: $GILSCOPE_DB or ~/.local/share/gilscope/runs.sqlite)
  --json          print exactly one JSON object on stdout (the script's output goes to stderr)
`;
