#!/usr/bin/env bash
# Builds every contract under contracts/ with cargo-contract on the pinned
# toolchain, in release mode, from any working directory, and leaves
# NAME.contract, NAME.wasm and NAME.json in one place:
#   $COOP_ARTIFACTS (default: <checkout>/target/contracts)
# Cargo's build outputs stay in a cache outside the checkout
# ($COOP_CACHE/target-contracts, default ~/.cache/coop), so a fresh clone
# reuses them. Prints each contract's Wasm size.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
case "${1:-}" in
  -h|--help) usage "$0"; exit 0 ;;
esac

artifacts=${COOP_ARTIFACTS:-$root/target/contracts}
export CARGO_TARGET_DIR=$cache/target-contracts
# cargo-contract 5.0.3 builds each contract from a copy in a temp dir and puts
# the workspace's Cargo.lock beside the copy's parent, where cargo does not
# look: dependencies are resolved afresh on every build. Make that resolution
# prefer versions that declare support for our Rust, so a new release of a
# dependency cannot break the contract build.
export CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback
mkdir -p "$artifacts"

command -v cargo-contract >/dev/null || { echo "build: cargo-contract missing; run scripts/setup.sh" >&2; exit 1; }

# A contract is a crate under contracts/ that depends on ink! itself (the
# shared crate only uses it optionally) and has a lib.rs at its root.
contracts=()
for manifest in "$root"/contracts/*/Cargo.toml; do
  dir=$(dirname "$manifest")
  [ -f "$dir/lib.rs" ] && contracts+=("$(basename "$dir")")
done

printf '%-12s %10s  %s\n' contract "wasm size" artifact
for name in "${contracts[@]}"; do
  start=$(date +%s)
  log=$cache/logs/build-$name.log
  if ! cargo +"$CONTRACTS_TOOLCHAIN" contract build --release --quiet \
      --manifest-path "$root/contracts/$name/Cargo.toml" >"$log" 2>&1; then
    echo "build: $name failed; the build said:" >&2
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -v '^\s*[0-9]*: \|^\s*at ' | tail -n 40 >&2
    exit 1
  fi
  # cargo-contract names the artifacts after the crate, with `_` for `-`.
  artifact=${name//-/_}
  out=$CARGO_TARGET_DIR/ink/$artifact
  for ext in contract wasm json; do
    cp "$out/$artifact.$ext" "$artifacts/$artifact.$ext"
  done
  size=$(stat -c %s "$artifacts/$artifact.wasm")
  printf '%-12s %8s B  %s (%ss)\n' "$name" "$size" "$artifacts/$artifact.wasm" "$(( $(date +%s) - start ))"
done
