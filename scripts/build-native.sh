#!/usr/bin/env bash
# Builds the optional native memory reader (main/engine/proc/native/read-regions.c) into
# build/native/read-regions.node, against the headers of the Node that runs it. Run by `npm ci`
# (package.json "postinstall"). The addon uses only Node-API, so one build serves any Node or Electron
# that has Node-API 8. Without a C compiler or Node's headers it says why and exits 0: GILscope then reads
# memory with one pread per region (main/engine/proc/process-memory.ts), which the tests cover too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_file="$root/main/engine/proc/native/read-regions.c"
out_dir="$root/build/native"
headers="$(node -p 'require("node:path").join(require("node:path").dirname(process.execPath), "..", "include", "node")')"
compiler="${CC:-cc}"

if [ "$(uname -s)" != Linux ]; then
  echo "build-native: not Linux; the native reader is Linux-only, skipped"
  exit 0
fi
if ! command -v "$compiler" >/dev/null; then
  echo "build-native: no C compiler ($compiler); memory is read with pread instead" >&2
  exit 0
fi
if [ ! -f "$headers/node_api.h" ]; then
  echo "build-native: no node_api.h in $headers; memory is read with pread instead" >&2
  exit 0
fi
mkdir -p "$out_dir"
# Node-API symbols are resolved from the running node at load time, hence no -l flags.
"$compiler" -O2 -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE -fPIC -shared \
  -I"$headers" -o "$out_dir/read-regions.node.tmp" "$source_file"
mv "$out_dir/read-regions.node.tmp" "$out_dir/read-regions.node"
echo "build-native: built $out_dir/read-regions.node"
