#!/usr/bin/env bash
# Fetches Elsa Studio's custom-elements bundle (@elsa-workflows/elsa-studio-wasm) from the npm registry into the
# folder the server serves under /studio/ (git-ignored; never commit it). Usage: ops/fetch-elsa-studio.sh [target]
set -euo pipefail
version="3.8.2"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-$root/src/Foerderworkflow.Server/elsa-studio}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "@elsa-workflows/elsa-studio-wasm@$version" >/dev/null)
tar -xzf "$work"/elsa-workflows-elsa-studio-wasm-"$version".tgz -C "$work"
test -f "$work/package/_framework/blazor.webassembly.js" || { echo "unexpected package layout" >&2; exit 1; }
rm -rf "$target"
mkdir -p "$(dirname "$target")"
mv "$work/package" "$target"
echo "$version" > "$target/.elsa-studio-version"
echo "Elsa Studio $version -> $target"
