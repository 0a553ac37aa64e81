#!/usr/bin/env bash
# Benchmarks one container lifecycle (create + start + wait + delete, i.e. `RUNTIME run` of a busybox `true`
# bundle, stdio to /dev/null) for berth-runtime, runc and crun in ONE hyperfine run, plus each runtime's peak RSS
# during `run`, and writes the tables into docs/benchmarks.md (replacing the previous ones).
#   bench/runtime.sh            # needs root, hyperfine, runc, crun, GNU time; berth-runtime from artifacts/bin
# Env: BERTH_RUNTIME (default artifacts/bin/berth-runtime), RUNS (30), WARMUP (3).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
runs=${RUNS:-30}
warmup=${WARMUP:-3}
berth=${BERTH_RUNTIME:-$repo/artifacts/bin/berth-runtime}
rootfs="$repo/artifacts/rootfs/busybox"
doc="$repo/docs/benchmarks.md"

[ "$(id -u)" = 0 ] || { echo "bench/runtime.sh needs root" >&2; exit 1; }
for tool in hyperfine runc crun /usr/bin/time jq; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/deps.sh test" >&2; exit 1; }
done
[ -x "$rootfs/bin/busybox" ] || scripts/make-busybox-rootfs.sh "$rootfs" >/dev/null

work=$(mktemp -d /tmp/berth-bench-XXXXXX)
declare -A cmd
cleanup() {
  for rt in "${!cmd[@]}"; do
    # Whatever a failed run left behind, in this benchmark's own state directories only.
    for id in $(${cmd[$rt]} --root "$work/state-$rt" list -q 2>/dev/null); do
      ${cmd[$rt]} --root "$work/state-$rt" delete --force "$id" >/dev/null 2>&1 || true
    done
  done
  rm -rf "$work"
}
trap cleanup EXIT

# crun 1.8 refuses the hybrid cgroup layout: it goes through scripts/crun-hybrid (a private mount namespace
# without /sys/fs/cgroup/unified), whose own cost is measured as "unshare wrapper alone".
hybrid=false
if grep -q ' /sys/fs/cgroup/unified [^ ]* [^-]*- cgroup2 ' /proc/self/mountinfo &&
   ! grep -q ' /sys/fs/cgroup [^ ]* [^-]*- cgroup2 ' /proc/self/mountinfo; then
  hybrid=true
fi
cmd[runc]=runc
if $hybrid; then cmd[crun]="$repo/scripts/crun-hybrid"; else cmd[crun]=crun; fi
cmd[berth-runtime]=$berth

for rt in berth-runtime runc crun; do
  b="$work/bundle-$rt"
  mkdir -p "$b" "$work/state-$rt"
  runc spec --bundle "$b"
  jq --arg rootfs "$rootfs" --arg cg "berth-bench-$rt-$$" \
    '.process.terminal = false | .process.args = ["true"] | .root = {path: $rootfs, readonly: true}
     | .linux.cgroupsPath = $cg' "$b/config.json" > "$b/config.json.new"
  mv "$b/config.json.new" "$b/config.json"
done

# A runtime that cannot run the bundle yet is left out (and said so) rather than failing the whole benchmark.
names=() commands=() notes=()
for rt in berth-runtime runc crun; do
  if [ "$rt" = berth-runtime ] && [ ! -x "$berth" ]; then
    notes+=("berth-runtime left out: $berth is missing (scripts/install.sh artifacts)"); continue
  fi
  line="${cmd[$rt]} --root $work/state-$rt run --bundle $work/bundle-$rt bench-\$\$ >/dev/null 2>&1 </dev/null"
  if ! out=$(bash -c "${line/>\/dev\/null 2>&1/}" 2>&1); then
    notes+=("$rt left out: \`run\` failed: $(head -c 300 <<<"$out" | tr '\n' ' ')"); continue
  fi
  names+=("$rt") commands+=("$line")
done
wrapper="unshare -m --propagation private sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; exec true'"
if $hybrid; then names+=("unshare wrapper alone"); commands+=("$wrapper"); fi

args=(--shell bash --warmup "$warmup" --runs "$runs" --export-markdown "$work/hyperfine.md" --export-json "$work/hyperfine.json")
for i in "${!names[@]}"; do args+=(--command-name "${names[$i]}" "${commands[$i]}"); done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
hyperfine "${args[@]}"

# Peak RSS of `run` (GNU time: Maximum resident set size of the runtime and the children it waited for), median of 5.
rss_table="| runtime | peak RSS during \`run\` (median of 5) |\n|:---|---:|\n"
for rt in "${names[@]}"; do
  [ "$rt" = "unshare wrapper alone" ] && continue
  vals=()
  for i in 1 2 3 4 5; do
    /usr/bin/time -v -o "$work/time.txt" ${cmd[$rt]} --root "$work/state-$rt" run --bundle "$work/bundle-$rt" "rss-$i-$$" \
      </dev/null >/dev/null 2>&1 || true
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$work/time.txt")
    vals+=("${kb:-0}")
  done
  med=$(printf '%s\n' "${vals[@]}" | sort -n | sed -n 3p)
  rss_table+="| $rt | $((med / 1024)).$(( (med % 1024) * 10 / 1024 )) MiB ($med KiB) |\n"
done

versions="runc $(runc --version | sed -n 's/^runc version //p'), crun $(crun --version | sed -n 's/^crun version //p'), hyperfine $(hyperfine --version | awk '{print $2}')"
command_line="hyperfine --shell bash --warmup $warmup --runs $runs --export-markdown \$WORK/hyperfine.md"
command_list=""
for i in "${!names[@]}"; do
  command_list+="- \`${names[$i]}\`: \`$(sed -e "s|$work|\$WORK|g" -e "s|$repo/||g" <<<"${commands[$i]}")\`"$'\n'
done
section=$(cat <<MD
<!-- bench/runtime.sh: begin -->
## OCI runtime: one container lifecycle

$(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs (load average $load_before when it started), $(uname -r), cgroups $($hybrid && echo "hybrid (v1 + unified)" || echo "as mounted"); $versions.
Each command is \`RUNTIME --root STATE run --bundle B ID\` of a busybox bundle whose process is \`true\`
(create + start + wait + delete; read-only rootfs, \`runc spec\` defaults, stdio to /dev/null).
$($hybrid && echo "crun goes through scripts/crun-hybrid (unshare -m, umount /sys/fs/cgroup/unified); \"unshare wrapper alone\" is that wrapper's own cost.")

Run by \`RUNS=$runs WARMUP=$warmup bench/runtime.sh\`: \`$command_line --command-name NAME COMMAND ...\` with
(\$WORK is a temp dir holding a bundle and a --root state dir per runtime):

$command_list
$(cat "$work/hyperfine.md" | sed "s|$work|\$WORK|g")

$(printf "$rss_table")
$(for n in "${notes[@]}"; do echo; echo "Note: $n"; done)
<!-- bench/runtime.sh: end -->
MD
)
if [ ! -f "$doc" ]; then
  printf '# Benchmarks\n\nWritten by the scripts under bench/; rerun them to refresh a section.\n\n' > "$doc"
fi
if grep -q '<!-- bench/runtime.sh: begin -->' "$doc"; then
  python3 - "$doc" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r"<!-- bench/runtime.sh: begin -->.*?<!-- bench/runtime.sh: end -->", lambda _: section, text, flags=re.S)
open(path, "w").write(text)
PY
else
  printf '%s\n' "$section" >> "$doc"
fi
echo "wrote $doc" >&2
