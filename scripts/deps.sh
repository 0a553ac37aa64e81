#!/usr/bin/env bash
# Installs what Berth needs from Debian on a fresh Debian 12 machine; idempotent and quiet when all is there.
#   scripts/deps.sh build   # to build (NativeAOT needs clang and zlib)
#   scripts/deps.sh test    # to run the tests (anchor runtimes, busybox-static, ...)
set -euo pipefail
want=(clang zlib1g-dev)
case "${1:-build}" in
  test) want+=(runc crun busybox-static hyperfine jq iproute2 procps python3 time util-linux) ;;
esac
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing from Debian: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "dotnet (the .NET 10 SDK) is required" >&2; exit 1; }
