#!/usr/bin/env bash
# Installs what the test suites need beyond npm packages, once per machine (idempotent): the Debian
# packages of every external program the tests run, a free-threaded CPython 3.13t built from source, and
# a Debian sid chroot with python3.14 and python3.15 (built with debootstrap; see build-sid-chroot.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# program:Debian package — every program the suites (or the code they drive) execute that Debian's
# essential set does not carry. tests/setup/external-programs.test.ts fails, naming the program, when
# the code spawns one that is missing here.
PROGRAMS=(
  pypy3:pypy3                 # the "not CPython" interpreter
  chromium:chromium           # end-to-end tests and PDF reports
  pdftoppm:poppler-utils      # reads PDF reports back as pixels
  pdftotext:poppler-utils     # reads PDF reports back as text (words kept whole)
  pdfinfo:poppler-utils       # counts a PDF report's pages
  cc:build-essential          # builds a legacy C extension that re-enables the GIL on 3.13t
  gdb:gdb                     # backtraces of a crashed test worker's core (scripts/run-vitest.ts)
  git:git                     # bench/ records the commit measured
  chrt:util-linux             # opt-in real-time sampler priority
  nsenter:util-linux          # runs CPython 3.15's own profiler inside the sid chroot's namespaces (agreement test)
  dpkg-query:dpkg             # the setup test asks which package owns each program and whether it is Essential
  dpkg:dpkg                   # …and `dpkg -S` finds that owner
  debootstrap:debootstrap     # the Debian sid chroot that runs CPython 3.14 and 3.15
)

missing=()
for entry in "${PROGRAMS[@]}"; do
  program="${entry%%:*}"
  package="${entry#*:}"
  command -v "$program" >/dev/null || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup-test-machine: please install as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
fi

"$root/scripts/build-free-threaded-python.sh" >/dev/null
"$root/scripts/build-sid-chroot.sh" >/dev/null
