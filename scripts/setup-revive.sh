# shellcheck shell=bash
# Its variables (cache, tools, here, the paths) are set by lib.sh and setup.sh.
# shellcheck disable=SC2154
# The pallet-revive backend's part of the set-up; scripts/setup.sh sources it
# (step, done_step and the paths of lib.sh come from there). Each step skips
# what is already there; every build resumes where an interrupted one stopped.

# 1. Rust for ink! 6 contracts and for cargo-contract 6.
step "Rust $REVIVE_TOOLCHAIN (ink! 6 contracts) with rust-src, clippy"
if rustup toolchain list | grep -q "^$REVIVE_TOOLCHAIN-" \
  && rustup +"$REVIVE_TOOLCHAIN" component list --installed 2>/dev/null | grep -q '^rust-src' \
  && rustup +"$REVIVE_TOOLCHAIN" component list --installed 2>/dev/null | grep -q '^clippy'; then
  done_step "present"
else
  rustup toolchain install "$REVIVE_TOOLCHAIN" --profile minimal --component rust-src,clippy,rustfmt
  done_step "installed"
fi

# 2. The node and the runtime build on stable Rust, and each still compiles a
# runtime to Wasm: without these targets and rust-src such a build fails
# after an hour ("the `wasm32-unknown-unknown` target is not installed").
step "stable Rust's wasm32-unknown-unknown, wasm32v1-none and rust-src"
if rustup +stable target list --installed | grep -q '^wasm32-unknown-unknown$' \
  && rustup +stable target list --installed | grep -q '^wasm32v1-none$' \
  && rustup +stable component list --installed | grep -q '^rust-src'; then
  done_step "present"
else
  rustup +stable target add wasm32-unknown-unknown wasm32v1-none
  rustup +stable component add rust-src
  done_step "installed"
fi

# 3. cargo-contract 6, built with the toolchain it will build contracts with.
step "cargo-contract $REVIVE_CARGO_CONTRACT_VERSION (in $tools)"
if "$revive_cargo_contract" contract --version 2>/dev/null | grep -q "contract $REVIVE_CARGO_CONTRACT_VERSION"; then
  done_step "present"
else
  echo "    building from source: about 20 minutes on 2 cores, once"
  CARGO_TARGET_DIR=$cache/target-tools cargo +"$REVIVE_TOOLCHAIN" install --locked --force \
    --root "$(dirname "$(dirname "$revive_cargo_contract")")" \
    cargo-contract --version "$REVIVE_CARGO_CONTRACT_VERSION"
  done_step "built and installed"
fi

# 4. The node. The relay chains' runtimes are never used by a dev chain.
step "polkadot-omni-node $OMNI_NODE_VERSION (in $tools)"
if "$omni_node" --version >/dev/null 2>&1; then
  done_step "present"
else
  echo "    building from source: about two hours on 2 cores, once"
  SKIP_ROCOCO_RUNTIME_WASM_BUILD=1 SKIP_WESTEND_RUNTIME_WASM_BUILD=1 \
    CARGO_TARGET_DIR=$cache/target-omni-node cargo install --locked --force \
    --root "$(dirname "$(dirname "$omni_node")")" \
    polkadot-omni-node --version "$OMNI_NODE_VERSION"
  done_step "built and installed"
fi

# 5. The Westend Asset Hub runtime's Wasm. `cargo check` suffices: the
# runtime's build script compiles the Wasm for real (in release mode), while
# the native side is only type-checked, which saves most of an hour. The wasm
# builder resolves the runtime's dependencies from our pinned Cargo.lock (the
# workspace hint). A check build leaves the Wasm uncompressed (about 19 MB),
# which the node runs as it is.
step "asset-hub-westend-runtime $HUB_RUNTIME_VERSION, built to Wasm"
if [ -s "$hub_runtime_wasm" ]; then
  done_step "present"
else
  echo "    building from source: about 15 minutes on 2 cores, once"
  hub_target=$cache/target-hub-runtime
  WASM_BUILD_WORKSPACE_HINT=$here/hub-runtime CARGO_TARGET_DIR=$hub_target \
    cargo check --locked --quiet --manifest-path "$here/hub-runtime/Cargo.toml"
  built=$hub_target/debug/wbuild/asset-hub-westend-runtime/asset_hub_westend_runtime.wasm
  [ -s "$built" ] || { echo "setup: the runtime build made no $built" >&2; exit 1; }
  mkdir -p "$(dirname "$hub_runtime_wasm")"
  cp "$built" "$hub_runtime_wasm"
  done_step "built $(stat -c %s "$hub_runtime_wasm") bytes"
fi

# 6. A development chain spec from the runtime's own `local_testnet` preset:
# para id 1000 as on the public Westend Asset Hub, and every well-known dev
# account endowed (Alice to Ferdie, as on the contracts node; the
# `development` preset endows only Alice and Bob). The runtime names no token:
# WND with 12 decimals is the public Westend Asset Hub's. Raw storage: a node
# then starts in seconds instead of building the genesis state each time.
step "the revive dev chain's spec"
if [ -s "$hub_chain_spec" ] && [ "$hub_chain_spec" -nt "$hub_runtime_wasm" ]; then
  done_step "present"
else
  "$omni_node" chain-spec-builder --chain-spec-path "$hub_chain_spec" create \
    --chain-name "coop dev (Westend Asset Hub runtime $HUB_RUNTIME_VERSION)" --chain-id coop-hub-dev \
    -t development --relay-chain westend-local --para-id 1000 --raw-storage \
    --properties tokenSymbol=WND,tokenDecimals=12,ss58Format=42 \
    --runtime "$hub_runtime_wasm" named-preset local_testnet >/dev/null
  done_step "written to $hub_chain_spec"
fi
