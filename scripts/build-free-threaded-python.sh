#!/usr/bin/env bash
# Builds a free-threaded CPython 3.13 ("3.13t") from Debian's source package into a cache outside
# the repo and prints the interpreter's path. Idempotent: an existing build is reused.
# The machine's apt setup is not touched: a private apt state folder is used for the source index.
set -euo pipefail

cache_root="${GILSCOPE_CACHE:-$HOME/.cache/gilscope}"
work="$cache_root/cpython-src"
apt_dir="$work/apt"

fail() { echo "build-free-threaded-python: $*" >&2; exit 1; }

existing=$(ls -d "$cache_root"/python-3.13*t/bin/python3.13t 2>/dev/null | head -n1 || true)
if [ -n "$existing" ] && "$existing" -c 'import sys; sys.exit(0 if not sys._is_gil_enabled() else 1)' 2>/dev/null; then
  echo "$existing"; exit 0
fi

command -v apt-get >/dev/null || fail "apt-get not found: this script needs Debian's package tools"
command -v make >/dev/null && command -v cc >/dev/null || fail "make and a C compiler are needed"

mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || fail "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"

mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$work/download"
echo "deb-src $mirror trixie main" > "$apt_dir/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")

echo "build-free-threaded-python: reading the trixie source index from $mirror" >&2
apt-get "${apt_opts[@]}" -q update >&2 || fail "apt-get update of the trixie source index failed"

tarball=$(ls "$work"/download/python3.13_*.orig.tar.xz 2>/dev/null | head -n1 || true)
if [ -z "$tarball" ]; then
  versions=$(apt-cache "${apt_opts[@]}" showsrc python3.13 2>/dev/null | awk '/^Version:/ {print $2}' | sort -rV | uniq)
  [ -n "$versions" ] || fail "the trixie source index lists no python3.13 source package"
  for v in $versions; do
    echo "build-free-threaded-python: downloading python3.13=$v" >&2
    if (cd "$work/download" && apt-get "${apt_opts[@]}" -q source --download-only "python3.13=$v" >&2); then
      break
    fi
    echo "build-free-threaded-python: python3.13=$v could not be downloaded (listed but missing?), trying the next" >&2
  done
  tarball=$(ls "$work"/download/python3.13_*.orig.tar.xz 2>/dev/null | head -n1 || true)
  [ -n "$tarball" ] || fail "no python3.13 orig tarball could be downloaded"
fi

upstream=$(basename "$tarball" | sed -E 's/^python3\.13_([0-9.]+)\.orig\.tar\.xz$/\1/')
prefix="$cache_root/python-${upstream}t"
src="$work/Python-$upstream"
rm -rf "$src" && mkdir -p "$src"
tar -xJf "$tarball" -C "$src" --strip-components=1 || fail "could not unpack $tarball"

echo "build-free-threaded-python: building CPython $upstream --disable-gil into $prefix (about 3 minutes)" >&2
log="$work/build.log"
(
  cd "$src"
  ./configure --disable-gil --prefix="$prefix" --with-ensurepip=no
  make -j"$(nproc)"
  rm -rf "$prefix"
  make install
) >"$log" 2>&1 || { tail -n 30 "$log" >&2; fail "the build failed; full log: $log"; }

python="$prefix/bin/python3.13t"
"$python" -c 'import sys; sys.exit(0 if not sys._is_gil_enabled() else 1)' \
  || fail "$python was built but is not free-threaded"
rm -rf "$src"
echo "$python"
