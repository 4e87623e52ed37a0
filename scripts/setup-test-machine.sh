#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, once per machine (idempotent):
# Debian's pypy3 (the "not CPython" case), Debian's chromium (the e2e browser, /usr/bin/chromium), a
# free-threaded CPython 3.13t built from source, and a Debian sid chroot with python3.14 and python3.15
# (built with debootstrap; see build-sid-chroot.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
command -v pypy3 >/dev/null || missing+=(pypy3)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v debootstrap >/dev/null || missing+=(debootstrap)
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
