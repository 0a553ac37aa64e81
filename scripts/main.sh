#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine, as root: build berth-runtime (NativeAOT), make a busybox root
# filesystem from Debian's busybox-static, and run real containers with it through runc's command line.
#   scripts/main.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
rt="$repo/artifacts/bin/berth-runtime"
root=$(mktemp -d /tmp/berth-main.XXXXXX)
bundle="$root/bundle"
state="$root/state"
trap 'for id in $("$rt" --root "$state" list -q 2>/dev/null); do "$rt" --root "$state" delete --force "$id"; done; rm -rf "$root"' EXIT

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

say "build and install berth-runtime into artifacts/bin"
scripts/install.sh "$repo/artifacts"
"$rt" --version

say "busybox root filesystem"
scripts/make-busybox-rootfs.sh "$repo/artifacts/rootfs/busybox" >/dev/null
mkdir -p "$bundle"
cp -a "$repo/artifacts/rootfs/busybox" "$bundle/rootfs"

say "berth-runtime spec: a default config.json, then a non-interactive process"
(cd "$bundle" && "$rt" spec)
python3 - "$bundle/config.json" <<'PY'
import json, sys
p = sys.argv[1]
c = json.load(open(p))
c["process"]["terminal"] = False
c["process"]["args"] = ["sh", "-c", "echo \"pid $$ on $(hostname)\"; grep -E 'Cap(Eff|Bnd)' /proc/self/status; mount | grep -E ' on / | on /proc '; exit 3"]
c["linux"]["resources"] = {"memory": {"limit": 67108864}, "pids": {"limit": 64}}
json.dump(c, open(p, "w"), indent=2)
PY

say "berth-runtime run (the exit code 3 is passed through)"
code=0
"$rt" --root "$state" run --bundle "$bundle" demo-run || code=$?
echo "exit code: $code"

say "create / start / exec / state / kill / delete"
python3 - "$bundle/config.json" <<'PY'
import json, sys
p = sys.argv[1]
c = json.load(open(p))
c["process"]["args"] = ["sh", "-c", "trap 'echo got TERM; exit 0' TERM; while true; do sleep 0.1; done"]
json.dump(c, open(p, "w"), indent=2)
PY
"$rt" --root "$state" create --bundle "$bundle" demo
"$rt" --root "$state" state demo | grep -E '"(status|pid)"'
"$rt" --root "$state" start demo
"$rt" --root "$state" exec demo sh -c 'echo "exec sees: $(ps | wc -l) lines of ps, hostname $(hostname)"'
"$rt" --root "$state" ps demo
"$rt" --root "$state" events --stats demo | head -c 300; echo
"$rt" --root "$state" pause demo && "$rt" --root "$state" state demo | grep '"status"'
"$rt" --root "$state" resume demo
"$rt" --root "$state" kill demo TERM
sleep 0.5
"$rt" --root "$state" state demo | grep '"status"'
"$rt" --root "$state" delete demo
"$rt" --root "$state" list

say "done: berth-runtime ran real containers from $repo/artifacts/rootfs/busybox"
