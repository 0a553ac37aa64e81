#!/usr/bin/env bash
# Builds every Berth executable with NativeAOT into PREFIX/bin (default /usr/local).
#   scripts/install.sh [PREFIX]
set -euo pipefail
prefix=${1:-/usr/local}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$prefix/bin"
prefix=$(cd "$prefix" && pwd)
"$here/scripts/deps.sh" build
for proj in src/Berth.Runtime.Cli; do
  out=$(mktemp -d)
  dotnet publish "$here/$proj" -c Release -r linux-x64 -o "$out" --nologo -v quiet -p:DebugType=none
  for f in "$out"/*; do
    [ -x "$f" ] && [ -f "$f" ] && install -m 0755 "$f" "$prefix/bin/"
  done
  rm -rf "$out"
done
echo "installed: $(ls "$prefix/bin" | grep -E '^berth' | tr '\n' ' ')into $prefix/bin"
