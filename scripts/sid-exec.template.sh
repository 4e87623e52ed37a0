#!/bin/sh
# sid-exec PROGRAM ARGS…: runs PROGRAM, a path inside the chroot @ROOT@, with ARGS and the caller's working
# directory. Written by scripts/build-sid-chroot.sh from scripts/sid-exec.template.sh.
# In a private mount namespace (nothing leaks to the host) it bind-mounts /proc, /dev, /tmp, the repository
# @REPO@, the working directory and each folder of $GILSCOPE_CHROOT_BINDS (colon-separated) at the same
# paths inside the chroot, then chroots. Every step execs, so PROGRAM keeps this script's process id.
set -eu
exec unshare --mount --propagation private -- /bin/sh -eu -c '
  root=$1; repo=$2; wd=$3; shift 3
  binds="/proc:/dev:/tmp:$repo:$wd:${GILSCOPE_CHROOT_BINDS:-}"
  IFS=:
  for dir in $binds; do
    [ -n "$dir" ] && [ -d "$dir" ] || continue
    case "$dir" in /) continue ;; esac
    mkdir -p "$root$dir"
    mount --rbind "$dir" "$root$dir"
  done
  unset IFS
  exec chroot "$root" /bin/sh -c "cd \"\$0\" 2>/dev/null || cd /; exec \"\$@\"" "$wd" "$@"
' sh '@ROOT@' '@REPO@' "$PWD" "$@"
