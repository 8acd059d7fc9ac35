#!/usr/bin/env bash
# Runs the `coop` command from this checkout, building it first if needed
# (build outputs in ~/.cache/coop/target, outside the checkout).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
export CARGO_TARGET_DIR=${COOP_CACHE:-$HOME/.cache/coop}/target
cargo build --quiet --manifest-path "$root/Cargo.toml" -p coop-client --bin coop
exec "$CARGO_TARGET_DIR/debug/coop" "$@"
