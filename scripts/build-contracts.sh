#!/usr/bin/env bash
# Builds the contracts in release mode, from any working directory:
#
#   scripts/build-contracts.sh [--backend contracts|revive|all]   (default: contracts)
#
# contracts: every contract under contracts/ with cargo-contract
#   $CARGO_CONTRACT_VERSION on Rust $CONTRACTS_TOOLCHAIN (ink! 5, Wasm for
#   pallet-contracts); leaves NAME.contract, NAME.wasm and NAME.json in
#   $COOP_ARTIFACTS (default: <checkout>/target/contracts).
# revive: every contract under contracts/revive/ (the same sources with ink! 6)
#   with cargo-contract $REVIVE_CARGO_CONTRACT_VERSION on Rust
#   $REVIVE_TOOLCHAIN (PolkaVM for pallet-revive); leaves NAME.contract,
#   NAME.polkavm and NAME.json in $COOP_ARTIFACTS/revive.
# Then copies them to the data directory's contracts folder, where the
# `coop` command finds them ($COOP_DATA_DIR, default ~/.local/share/coop).
# Cargo's build outputs stay in a cache outside the checkout
# ($COOP_CACHE/target-contracts and target-contracts-revive, default
# ~/.cache/coop), so a fresh clone reuses them. Prints each contract's size.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
parse_backend contracts "$@"
artifacts=${COOP_ARTIFACTS:-$root/target/contracts}

# Builds the contract crates found in folder $1 with the command in the array
# `tool` (then `build ...` and the array `extra`) into folder $out_dir,
# keeping the files whose extensions $exts lists; $code_ext is the code's own.
build_all() {
  local dir=$1
  mkdir -p "$out_dir"
  # A contract is a crate that depends on ink! itself (the shared crate only
  # optionally); a revive crate's lib.rs is the ink! 5 one's, one folder up.
  local names=() manifest
  for manifest in "$dir"/*/Cargo.toml; do
    if grep -q '^ink = ' "$manifest" && ! grep -q '^ink = .*optional = true' "$manifest"; then
      names+=("$(basename "$(dirname "$manifest")")")
    fi
  done
  printf '%-12s %10s  %s\n' contract "$code_ext size" artifact
  local name start log artifact out ext size
  for name in "${names[@]}"; do
    start=$(date +%s)
    log=$cache/logs/build-$backend_now-$name.log
    if ! "${tool[@]}" build --release --quiet "${extra[@]}" --manifest-path "$dir/$name/Cargo.toml" >"$log" 2>&1; then
      echo "build: $name ($backend_now) failed; the build said:" >&2
      sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -v '^\s*[0-9]*: \|^\s*at ' | tail -n 40 >&2
      exit 1
    fi
    # cargo-contract names the artifacts after the crate, with `_` for `-`.
    artifact=${name//-/_}
    out=$CARGO_TARGET_DIR/ink/$artifact
    for ext in $exts; do
      cp "$out/$artifact.$ext" "$out_dir/$artifact.$ext"
    done
    size=$(stat -c %s "$out_dir/$artifact.$code_ext")
    printf '%-12s %8s B  %s (%ss)\n' "$name" "$size" "$out_dir/$artifact.$code_ext" "$(( $(date +%s) - start ))"
  done
}

if wants contracts; then
  command -v cargo-contract >/dev/null || { echo "build: cargo-contract missing; run scripts/setup.sh --backend contracts" >&2; exit 1; }
  # cargo-contract 5.0.3 builds each contract from a copy in a temp dir and puts
  # the workspace's Cargo.lock beside the copy's parent, where cargo does not
  # look: dependencies are resolved afresh on every build. Make that resolution
  # prefer versions that declare support for our Rust, so a new release of a
  # dependency cannot break the contract build.
  export CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback
  export CARGO_TARGET_DIR=$cache/target-contracts
  backend_now=contracts out_dir=$artifacts exts="contract wasm json" code_ext=wasm
  tool=(cargo +"$CONTRACTS_TOOLCHAIN" contract) extra=()
  build_all "$root/contracts"
  unset CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS
fi

if wants revive; then
  [ -x "$revive_cargo_contract" ] || { echo "build: $revive_cargo_contract missing; run scripts/setup.sh --backend revive" >&2; exit 1; }
  # RUSTUP_TOOLCHAIN, not rust-toolchain.toml: cargo-contract builds from a
  # copy of the crate in a temp dir, outside the folder that file governs.
  [ "$backend" = all ] && echo
  export CARGO_TARGET_DIR=$cache/target-contracts-revive RUSTUP_TOOLCHAIN=$REVIVE_TOOLCHAIN
  backend_now=revive out_dir=$artifacts/revive exts="contract polkavm json" code_ext=polkavm
  tool=("$revive_cargo_contract" contract) extra=(--features revive)
  build_all "$root/contracts/revive"
fi

# Install them where the `coop` command looks when --artifacts is not given
# (the data directory's contracts folder): a built or installed `coop` never
# reads the source tree.
installed=$data/contracts
if [ "$artifacts" != "$installed" ]; then
  mkdir -p "$installed"
  cp -R "$artifacts"/. "$installed"/
  echo "installed for coop in $installed"
fi
