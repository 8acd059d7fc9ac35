#!/usr/bin/env bash
# Installs what coop needs on a fresh Debian machine with rustup, skipping
# whatever is already there (a second run takes seconds):
#   - Debian packages the builds need (clang, libclang-dev, protobuf-compiler, ...)
#   - Rust $CONTRACTS_TOOLCHAIN with wasm32-unknown-unknown, rust-src, clippy (contracts only)
#   - cargo-contract $CARGO_CONTRACT_VERSION
#   - substrate-contracts-node (package contracts-node $CONTRACTS_NODE_VERSION):
#     about an hour on 2 cores the first time, then reused
# Versions: scripts/versions.env. Says what it does and how long each step took.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"

cache=${COOP_CACHE:-$HOME/.cache/coop}
export PATH="$HOME/.cargo/bin:$PATH"

step_start=0
step() { step_start=$(date +%s); printf '==> %s\n' "$*"; }
done_step() { printf '    %s (%ss)\n' "$1" "$(( $(date +%s) - step_start ))"; }

need_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# 1. Debian packages.
step "Debian packages"
packages=(clang libclang-dev protobuf-compiler pkg-config libssl-dev make curl zstd git)
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

echo "setup: done"
