#!/usr/bin/env bash
# Builds a minimal Debian unstable ("sid") chroot holding Debian's python3.14 and python3.15 (they need a
# newer glibc than the host's) into ${GILSCOPE_CACHE:-~/.cache/gilscope}/NAME (default NAME: sid), and
# writes launchers NAME-bin/python3.14, NAME-bin/python3.15 and NAME-bin/sid-exec (any program of the
# chroot) next to it. Prints the launcher folder.
# Idempotent: a chroot whose interpreters run is reused; the launchers are rewritten every time.
# Needs root (debootstrap, chroot, mount) and the debootstrap package.
# The launchers (sid-exec.template.sh) bind-mount what the interpreter must see and chroot.
set -euo pipefail

name="${1:-sid}"
case "$name" in */* | .* | '') echo "build-sid-chroot: bad chroot name '$name'" >&2; exit 2 ;; esac
cache_root="${GILSCOPE_CACHE:-$HOME/.cache/gilscope}"
root="$cache_root/$name"
bin="$cache_root/$name-bin"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
versions=(3.14 3.15)

fail() { echo "build-sid-chroot: $*" >&2; exit 1; }

chroot_works() {
  for v in "${versions[@]}"; do
    [ -x "$root/usr/bin/python$v" ] || return 1
    chroot "$root" "/usr/bin/python$v" -c 'import threading' >/dev/null 2>&1 || return 1
  done
}

[ "$(id -u)" = 0 ] || fail "must run as root (debootstrap and chroot need it)"

if ! chroot_works; then
  command -v debootstrap >/dev/null || fail "debootstrap not found: apt-get install debootstrap"
  mirror="${GILSCOPE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  partial="$root.partial"
  rm -rf "$partial"
  includes=$(printf 'python%s,' "${versions[@]}")
  echo "build-sid-chroot: debootstrap sid into $root (about 1–2 minutes)" >&2
  debootstrap --variant=minbase --include="${includes%,}" sid "$partial" "$mirror" >&2 ||
    fail "debootstrap failed (log: $partial/debootstrap/debootstrap.log)"
  rm -rf "$root"
  mv "$partial" "$root"
  chroot_works || fail "the new chroot's interpreters do not run"
fi

mkdir -p "$bin"
# Paths are written into the launchers; a path with a quote or newline would break them.
case "$root$repo" in *"'"* | *'"'* | *'
'*) fail "paths with quotes or newlines are not supported: $root, $repo" ;; esac
sed -e "s|@ROOT@|$root|g" -e "s|@REPO@|$repo|g" "$repo/scripts/sid-exec.template.sh" > "$bin/sid-exec.tmp"
chmod 755 "$bin/sid-exec.tmp"
mv "$bin/sid-exec.tmp" "$bin/sid-exec"
for v in "${versions[@]}"; do
  printf '#!/bin/sh\n# Debian python%s from the chroot %s (scripts/build-sid-chroot.sh).\nexec "%s/sid-exec" /usr/bin/python%s "$@"\n' \
    "$v" "$root" "$bin" "$v" > "$bin/python$v.tmp"
  chmod 755 "$bin/python$v.tmp"
  mv "$bin/python$v.tmp" "$bin/python$v"
done
echo "$bin"
