#!/usr/bin/env bash
# Fetches axe-core (the accessibility rules engine the portal's browser tests inject into each page) from the npm
# registry into a git-ignored folder beside the browser tests. Usage: ops/fetch-axe-core.sh [target]
set -euo pipefail
version="4.14.1"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-$root/tests/Foerderworkflow.BrowserTests/axe-core}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "axe-core@$version" >/dev/null)
tar -xzf "$work/axe-core-$version.tgz" -C "$work"
test -f "$work/package/axe.min.js" || { echo "unexpected package layout" >&2; exit 1; }
rm -rf "$target"
mkdir -p "$target"
# Only what the tests load, with its licence (MPL-2.0) beside it.
cp "$work/package/axe.min.js" "$work/package/LICENSE" "$work/package/package.json" "$target/"
echo "$version" > "$target/.axe-core-version"
echo "axe-core $version -> $target"
