#!/usr/bin/env bash
# Builds a minimal Debian unstable ("sid") chroot holding Debian's python3.14 and python3.15 (they need a
# newer glibc than the host's) into ${GILSCOPE_CACHE:-~/.cache/gilscope}/NAME (default NAME: sid), and
# writes launchers NAME-bin/python3.14 and NAME-bin/python3.15 next to it. Prints the launcher folder.
# Idempotent: a chroot whose interpreters run is reused; the launchers are rewritten every time.
# Needs root (debootstrap, chroot, mount) and the debootstrap package.
#
# A launcher runs the interpreter in a private mount namespace (unshare -m, private propagation, so no
# mount leaks to the host) in which /proc, /dev, /tmp, the repository, the caller's working directory
# and every folder in $GILSCOPE_CHROOT_BINDS (colon-separated) are bind-mounted at the same paths inside
# the chroot; then it chroots and execs /usr/bin/python3.X with the caller's arguments and working directory.
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
launcher_body() {
  cat <<EOF
#!/bin/sh
# Runs Debian's python$1 from the chroot $root (written by scripts/build-sid-chroot.sh; see there).
set -eu
root='$root'
repo='$repo'
exec unshare --mount --propagation private -- /bin/sh -eu -c '
  root=\$1; repo=\$2; wd=\$3; shift 3
  binds="/proc:/dev:/tmp:\$repo:\$wd:\${GILSCOPE_CHROOT_BINDS:-}"
  IFS=:
  for dir in \$binds; do
    [ -n "\$dir" ] && [ -d "\$dir" ] || continue
    case "\$dir" in /) continue ;; esac
    mkdir -p "\$root\$dir"
    mount --rbind "\$dir" "\$root\$dir"
  done
  unset IFS
  exec chroot "\$root" /bin/sh -c "cd \"\\\$0\" 2>/dev/null || cd /; exec \"\\\$@\"" "\$wd" "\$@"
' sh "\$root" "\$repo" "\$PWD" /usr/bin/python$1 "\$@"
EOF
}
for v in "${versions[@]}"; do
  launcher_body "$v" > "$bin/python$v.tmp"
  chmod 755 "$bin/python$v.tmp"
  mv "$bin/python$v.tmp" "$bin/python$v"
done
echo "$bin"
