#!/usr/bin/env bash
# Installs what coop needs on a fresh Debian machine with rustup, skipping
# whatever is already there (a second run takes seconds):
#
#   scripts/setup.sh [--backend contracts|revive|all]     (default: all)
#
# Always: the Debian packages the builds and scripts need (clang,
# libclang-dev, protobuf-compiler, jq, shellcheck, ...).
# --backend contracts (pallet-contracts, ink! 5, Wasm):
#   - Rust $CONTRACTS_TOOLCHAIN with wasm32-unknown-unknown, rust-src, clippy
#   - cargo-contract $CARGO_CONTRACT_VERSION
#   - substrate-contracts-node (package contracts-node $CONTRACTS_NODE_VERSION):
#     about an hour and a half on 2 cores the first time, then reused
# --backend revive (pallet-revive, ink! 6, PolkaVM):
#   - Rust $REVIVE_TOOLCHAIN with rust-src, and stable Rust's Wasm targets
#   - cargo-contract $REVIVE_CARGO_CONTRACT_VERSION in $COOP_CACHE/tools (about 20 minutes)
#   - polkadot-omni-node $OMNI_NODE_VERSION in $COOP_CACHE/tools (about two hours)
#   - the Westend Asset Hub runtime $HUB_RUNTIME_VERSION built to Wasm (about
#     15 minutes), and a development chain spec made from it (about 2 minutes)
# Versions: scripts/versions.env. Says what it does and how long each step took.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
parse_backend all "$@"

step_start=0
step() { step_start=$(date +%s); printf '==> %s\n' "$*"; }
done_step() { printf '    %s (%ss)\n' "$1" "$(( $(date +%s) - step_start ))"; }

need_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# 1. Debian packages.
step "Debian packages"
# chromium and a font: the report's tests open it in a real, headless browser.
packages=(clang libclang-dev protobuf-compiler pkg-config libssl-dev make curl zstd git jq shellcheck chromium fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "    installing: ${missing[*]}"
  need_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive need_root apt-get install -y -qq "${missing[@]}" >/dev/null
  done_step "installed ${missing[*]}"
else
  done_step "all present"
fi

# 2. Rust for the contracts. RUSTUP_AUTO_INSTALL=0 here, so rust-toolchain.toml
# alone would not install it.
command -v rustup >/dev/null || { echo "rustup is required (https://rustup.rs)" >&2; exit 1; }
ensure_toolchain() {
  local tc=$1
  if rustup toolchain list | grep -q "^$tc-" \
    && rustup +"$tc" target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$' \
    && rustup +"$tc" component list --installed 2>/dev/null | grep -q '^rust-src' \
    && { [ "${2:-}" != clippy ] || rustup +"$tc" component list --installed 2>/dev/null | grep -q '^clippy'; }; then
    return 1
  fi
  local comps=rust-src
  [ "${2:-}" = clippy ] && comps=rust-src,clippy,rustfmt
  rustup toolchain install "$tc" --profile minimal --target wasm32-unknown-unknown --component "$comps"
}
if wants contracts; then
step "Rust $CONTRACTS_TOOLCHAIN (contracts) with wasm32-unknown-unknown, rust-src, clippy"
if ensure_toolchain "$CONTRACTS_TOOLCHAIN" clippy; then done_step "installed"; else done_step "present"; fi

# 3. cargo-contract.
step "cargo-contract $CARGO_CONTRACT_VERSION"
if cargo contract --version 2>/dev/null | grep -q "contract $CARGO_CONTRACT_VERSION"; then
  done_step "present"
else
  cargo install --locked --force cargo-contract --version "$CARGO_CONTRACT_VERSION"
  done_step "installed"
fi

# 4. The local chain. Three traps, each seen on this kind of machine:
#  - without --locked a semver break fails the build;
#  - the runtimes' Wasm builds (substrate-wasm-builder) cannot find the
#    package's Cargo.lock and resolve afresh, which breaks rococo-runtime:
#    WASM_BUILD_WORKSPACE_HINT must point at a directory holding that lock file,
#    so we unpack the package into a folder of our own and build from there;
#  - sp-io 38 does not compile to Wasm on current Rust: the runtimes use
#    Rust $NODE_WASM_TOOLCHAIN (WASM_BUILD_TOOLCHAIN), the native part stable Rust.
# COOP_NODE_REBUILD=1 builds the node even where it is installed, and
# COOP_NODE_ROOT=DIR installs it under DIR/bin instead of ~/.cargo/bin: to
# check the from-source recipe without touching the node in use.
step "substrate-contracts-node $CONTRACTS_NODE_VERSION"
if [ "${COOP_NODE_REBUILD:-0}" != 1 ] \
  && substrate-contracts-node --version 2>/dev/null | grep -q "node $CONTRACTS_NODE_VERSION"; then
  done_step "present"
else
  echo "    building from source: about an hour on 2 cores, once"
  ensure_toolchain "$NODE_WASM_TOOLCHAIN" || true
  src=$cache/src/contracts-node-$CONTRACTS_NODE_VERSION
  if [ ! -f "$src/Cargo.lock" ]; then
    # `cargo info` downloads the package into cargo's registry cache (a
    # plain `cargo fetch` cannot: resolving afresh hits a yanked crate).
    # Unpack that pristine .crate, which carries the package's Cargo.lock.
    cargo info --quiet "contracts-node@$CONTRACTS_NODE_VERSION" >/dev/null
    crate=$(find "${CARGO_HOME:-$HOME/.cargo}/registry/cache" -maxdepth 2 -type f \
      -name "contracts-node-$CONTRACTS_NODE_VERSION.crate" | head -n 1)
    [ -n "$crate" ] || { echo "setup: cargo did not download contracts-node $CONTRACTS_NODE_VERSION" >&2; exit 1; }
    rm -rf "$src"
    mkdir -p "$(dirname "$src")"
    tar -xzf "$crate" -C "$(dirname "$src")"
    [ -f "$src/Cargo.lock" ] || { echo "setup: $crate has no Cargo.lock" >&2; exit 1; }
  fi
  root_args=()
  [ -n "${COOP_NODE_ROOT:-}" ] && root_args=(--root "$COOP_NODE_ROOT")
  WASM_BUILD_TOOLCHAIN=$NODE_WASM_TOOLCHAIN WASM_BUILD_WORKSPACE_HINT=$src \
    CARGO_TARGET_DIR=$cache/target-node \
    cargo install --locked --force "${root_args[@]}" --path "$src"
  "${COOP_NODE_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin/substrate-contracts-node" --version
  done_step "built and installed"
fi

fi

if wants revive; then
  # shellcheck source=setup-revive.sh
  . "$here/setup-revive.sh"
fi

echo "setup: done ($backend)"
