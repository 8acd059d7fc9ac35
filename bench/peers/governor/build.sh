#!/usr/bin/env bash
# Builds the OpenZeppelin Governor peer for issue #16 both ways pallet-revive
# accepts Solidity: EVM bytecode (solc-js) and PolkaVM blobs (resolc).
# Usage: bench/peers/governor/build.sh [OUT_DIR]   (default ~/.cache/coop/peers/governor)
# Bench-only: nothing in the workspace build or CI calls this.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-${COOP_CACHE:-$HOME/.cache/coop}/peers/governor}"
contracts=(MemberShare CoopGovernor)

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "build.sh: '$tool' not found; on Debian: apt-get install -y nodejs npm" >&2
    exit 1
  fi
done

cd "$here"

# Pinned toolchain from package-lock.json, installed once.
if [[ ! -d node_modules/solc || ! -d node_modules/@parity/resolc || ! -d node_modules/@openzeppelin/contracts ]]; then
  echo "installing pinned packages (npm ci)..."
  npm ci --no-audit --no-fund
fi

mkdir -p "$out"

# Rebuild only when an input changed or an artifact is missing.
stamp="$(cat package-lock.json compile.js contracts/*.sol | sha256sum | cut -d' ' -f1)"
fresh=1
[[ -f "$out/.stamp" && "$(cat "$out/.stamp")" == "$stamp" ]] || fresh=0
for c in "${contracts[@]}"; do
  for f in "$c.evm.hex" "$c.polkavm" "$c.abi.json"; do
    [[ -s "$out/$f" ]] || fresh=0
  done
done
[[ -s "$out/build-info.json" && -s "$out/selectors.json" ]] || fresh=0

if [[ "$fresh" == 1 ]]; then
  echo "up to date: $out"
else
  echo "compiling (solc-js, then resolc; resolc takes about a minute)..."
  rm -f "$out/.stamp"
  node compile.js "$out"
  printf '%s\n' "$stamp" >"$out/.stamp"
fi

# Sizes (bytes) from build-info.json, then of each file as written.
node compile.js --sizes "$out"
for c in "${contracts[@]}"; do
  for f in "$c.evm.hex" "$c.polkavm" "$c.abi.json"; do
    printf '  %-26s %8d bytes\n' "$f" "$(stat -c %s "$out/$f")"
  done
done
