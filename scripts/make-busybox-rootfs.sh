#!/usr/bin/env bash
# Builds a minimal busybox root filesystem from Debian's busybox-static package (no downloads besides apt).
#   scripts/make-busybox-rootfs.sh [DIR]     # default: artifacts/rootfs/busybox
# Idempotent: rebuilding over an existing DIR refreshes busybox, the applet links and /etc files.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$here/artifacts/rootfs/busybox}

if ! dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q "ok installed"; then
  echo "installing from Debian: busybox-static" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends busybox-static >/dev/null
fi
# The statically linked busybox of the package (the rootfs has no libc).
bb=$(dpkg -L busybox-static | grep -E '/bin/busybox$' | head -n1)

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
for d in bin sbin usr/bin usr/sbin etc proc sys dev tmp root var/tmp home/user; do
  mkdir -p "$dir/$d"
done
chmod 1777 "$dir/tmp" "$dir/var/tmp"
chmod 0700 "$dir/root"
chmod 0755 "$dir/proc" "$dir/sys" "$dir/dev"

install -m 0755 "$bb" "$dir/bin/busybox.new"
mv -f "$dir/bin/busybox.new" "$dir/bin/busybox"

# Applet links (/bin/sh, /usr/bin/seq, ... -> /bin/busybox): busybox installs them itself, chrooted so that
# the links land in the rootfs, in one process; links that are already there are kept.
chroot "$dir" /bin/busybox --install -s

cat > "$dir/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
user:x:1000:1000:user:/home/user:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
P
cat > "$dir/etc/group" <<'G'
root:x:0:
user:x:1000:
nogroup:x:65534:
nobody:x:65534:
G
chown 1000:1000 "$dir/home/user"
printf 'berth\n' > "$dir/etc/hostname"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost\n' > "$dir/etc/hosts"
: > "$dir/etc/resolv.conf"
echo "busybox rootfs ready: $dir ($("$dir/bin/busybox" --list | wc -l) applets)"
