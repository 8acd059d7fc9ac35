#!/usr/bin/env bash
# Builds issue #16's peer on pallet-contracts: the multisig of ink-examples v5
# (ink! 5.1), with the same cargo-contract and Rust as coop's ink! 5 contracts,
# so `scripts/bench.sh` measures its `confirm_transaction` on the same node.
#
#   bench/peers/multisig/build.sh [OUT_DIR]   (default ~/.cache/coop/peers/multisig)
#
# The source is not kept in this repository: it is cloned at a pinned commit
# from INK_EXAMPLES (a git URL or a local clone; default the upstream
# repository). Writes OUT_DIR/multisig.wasm and OUT_DIR/multisig.json (the
# metadata, which names the selectors).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
# shellcheck source-path=SCRIPTDIR/../../../scripts source=versions.env
. "$root/scripts/versions.env"

# ink-examples' branch v5.x.x: "Update examples to ink! 5.1 (#72)".
commit=c72b4cb0d6cfd7229a4c441b789d86c07e995451
source=${INK_EXAMPLES:-https://github.com/use-ink/ink-examples.git}
cache=${COOP_CACHE:-$HOME/.cache/coop}
out=${1:-$cache/peers/multisig}
src=$cache/peers/src/ink-examples

if [[ -s $out/multisig.wasm && -s $out/multisig.json && "$(cat "$out/.commit" 2>/dev/null)" == "$commit" ]]; then
  echo "up to date: $out"
  exit 0
fi
command -v cargo-contract >/dev/null || { echo "multisig: cargo-contract missing; run scripts/setup.sh --backend contracts" >&2; exit 1; }

if ! git -C "$src" cat-file -e "$commit^{commit}" 2>/dev/null; then
  echo "multisig: fetching ink-examples from $source"
  rm -rf "$src"
  git clone --quiet --no-checkout "$source" "$src" || {
    echo "multisig: cannot clone $source; set INK_EXAMPLES to a reachable copy of use-ink/ink-examples" >&2
    exit 1
  }
fi
git -C "$src" -c advice.detachedHead=false checkout --quiet --force "$commit"
# cargo-contract 5.0.3 always runs clippy with `-D clippy::cast_possible_truncation`,
# which this example's `len() as u32` casts (written for an earlier cargo-contract)
# trip. Allowing that one lint at the crate root changes no generated code.
sed -i '1i #![allow(clippy::cast_possible_truncation)]' "$src/multisig/lib.rs"

mkdir -p "$out"
# Its own target dir: the multisig is not part of coop's contracts workspace.
CARGO_TARGET_DIR=$cache/target-peers cargo +"$CONTRACTS_TOOLCHAIN" contract build --release \
  --manifest-path "$src/multisig/Cargo.toml" --output-json >"$out/build.json"
bundle=$cache/target-peers/ink
cp "$bundle/multisig.wasm" "$bundle/multisig.json" "$out/"
printf '%s\n' "$commit" >"$out/.commit"
printf 'multisig.wasm: %d bytes\n' "$(stat -c %s "$out/multisig.wasm")"
