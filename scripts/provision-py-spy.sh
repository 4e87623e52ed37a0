#!/usr/bin/env bash
# Prints the path of py-spy 0.4.2, the reference profiler `npm run bench` measures GILscope against,
# installing it first (from the machine's pip index, into a venv in the cache outside the repo) if needed.
# Usage: scripts/provision-py-spy.sh   (exits 1, saying why on stderr, when it cannot be installed)
set -euo pipefail
version=0.4.2
cache_root="${GILSCOPE_CACHE:-$HOME/.cache/gilscope}"
venv="$cache_root/py-spy-$version"
if [ -x "$venv/bin/py-spy" ] && "$venv/bin/py-spy" --version 2>/dev/null | grep -qx "py-spy $version"; then
  echo "$venv/bin/py-spy"; exit 0
fi
# Any CPython 3.8+ can host the venv; py-spy itself is a static binary in the wheel.
python="${GILSCOPE_PY_SPY_HOST_PYTHON:-$(command -v python3)}"
echo "provision-py-spy: installing py-spy $version into $venv" >&2
rm -rf "$venv"
if ! "$python" -m venv "$venv" >&2 || ! "$venv/bin/pip" install --quiet --retries 1 "py-spy==$version" >&2; then
  echo "provision-py-spy: could not install py-spy $version with $python and the machine's pip index" >&2
  exit 1
fi
echo "$venv/bin/py-spy"
