#!/usr/bin/env bash
# The one command that runs every test on a fresh Debian 12 machine, as root:
#   scripts/test.sh
# Installs the Debian prerequisites, restores and builds the solution, publishes berth-runtime (NativeAOT) into
# artifacts/bin, builds the busybox rootfs, then runs `dotnet test` for every test project under tests/ (all of
# them, even after a failure) and ends with exactly one line: "N passed, N failed, N skipped".
# Exits non-zero when a test failed, a project could not run, or no test ran at all.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
results="$repo/artifacts/test-results"
problems=()

step() { echo "==> [${SECONDS}s] $*" >&2; }

step "Debian prerequisites"
scripts/deps.sh test

step "restore and build"
if ! dotnet restore Berth.slnx --nologo -v quiet || ! dotnet build Berth.slnx --no-restore --nologo -v quiet -clp:ErrorsOnly; then
  problems+=("build failed")
fi

step "berth-runtime (NativeAOT) into artifacts/bin"
if ! scripts/install.sh "$repo/artifacts"; then
  problems+=("scripts/install.sh failed: the berth-runtime conformance cases will fail")
fi

step "busybox rootfs"
scripts/make-busybox-rootfs.sh "$repo/artifacts/rootfs/busybox"

rm -rf "$results"
mkdir -p "$results"
passed=0 failed=0 skipped=0
mapfile -t projects < <(find tests -mindepth 2 -maxdepth 2 -name '*.csproj' ! -path 'tests/Berth.Testing/*' | sort)
for proj in "${projects[@]}"; do
  name=$(basename "$proj" .csproj)
  step "dotnet test $name"
  rc=0
  timeout 1800 dotnet test "$proj" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || rc=$?
  trx="$results/$name.trx"
  if [ ! -f "$trx" ]; then
    problems+=("$name: no results (dotnet test exited $rc)")
    continue
  fi
  # <Counters total="120" executed="119" passed="84" failed="35" error="0" timeout="0" aborted="0" ... />:
  # a skipped test is counted in total but not in executed.
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  attr() { local v; v=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"); echo "${v:-0}"; }
  p=$(attr passed) f=$(( $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) ))
  s=$(( $(attr total) - $(attr executed) ))
  echo "    $name: $p passed, $f failed, $s skipped" >&2
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    problems+=("$name: dotnet test exited $rc with no failed test")
  fi
done

for p in "${problems[@]}"; do echo "problem: $p" >&2; done
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -ne 0 ] || [ $((passed + failed)) -eq 0 ] || [ ${#problems[@]} -ne 0 ]; then
  exit 1
fi
