#!/usr/bin/env bash
# Runs every test of the project: set-up (skips what is installed), the
# contract build, format and lint checks, the contracts' unit tests, and the
# client and end-to-end tests against real throwaway nodes.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
case "${1:-}" in
  -h|--help) usage "$0"; exit 0 ;;
esac

phase() { printf '\n=== %s\n' "$*"; phase_start=$(date +%s); }
took() { printf '=== took %ss\n' "$(( $(date +%s) - phase_start ))"; }

phase "set-up";  "$here/setup.sh" --backend all; took
phase "free disk"; ensure_disk 5; took
phase "contract build"; "$here/build-contracts.sh" --backend all; took

phase "scripts: shellcheck"
shellcheck -x -P "$here" "$here"/*.sh "$root"/bench/peers/*/build.sh "$root/.ci/run"
took

phase "client layers: each uses only the one below"
# The command-line tool reaches the chain through the coop layer alone, and
# the coop layer never sees subxt: a newcomer reads one layer at a time.
if grep -rnE 'coop_client::(chain|contracts|Chain|Contracts)\b' "$root/client/cli/src"; then
  echo "test: the CLI above imports the chain or contract layer; go through coop_client::coop" >&2
  exit 1
fi
if grep -rn 'subxt' "$root/client/src/coop"; then
  echo "test: the coop layer above uses subxt; that belongs in the chain layer" >&2
  exit 1
fi
took

phase "contracts: fmt, clippy, unit tests (Rust $CONTRACTS_TOOLCHAIN)"
(
  cd "$root/contracts"
  # shellcheck disable=SC2030 # each phase's subshell has its own target dir
  export CARGO_TARGET_DIR=$cache/target-contracts
  cargo +"$CONTRACTS_TOOLCHAIN" fmt --all --check
  # One package at a time: governance depends on the register with its
  # `ink-as-dependency` feature, which must not leak into the register's own
  # build (cargo unifies features across the packages of one invocation).
  cargo +"$CONTRACTS_TOOLCHAIN" clippy --quiet -p coop-shared --all-targets --features ink -- -D warnings
  cargo +"$CONTRACTS_TOOLCHAIN" test --quiet -p coop-shared --features ink
  for contract in membership governance peer-vote floor-vote rules-vote; do
    cargo +"$CONTRACTS_TOOLCHAIN" clippy --quiet -p "$contract" --all-targets -- -D warnings
    cargo +"$CONTRACTS_TOOLCHAIN" test --quiet -p "$contract"
  done
)
took

phase "contracts for pallet-revive: fmt, clippy, unit tests (ink! $REVIVE_INK_VERSION, Rust $REVIVE_TOOLCHAIN)"
(
  cd "$root/contracts/revive"
  # shellcheck disable=SC2030,SC2031
  export CARGO_TARGET_DIR=$cache/target-contracts-revive-test
  cargo +"$REVIVE_TOOLCHAIN" fmt --all --check
  cargo +"$REVIVE_TOOLCHAIN" clippy --quiet --workspace --all-targets -- -D warnings
  cargo +"$REVIVE_TOOLCHAIN" test --quiet --workspace
)
took

phase "random histories in-process: the real contracts against the reference model (stable Rust)"
(
  cd "$root/tests/sandbox"
  # shellcheck disable=SC2030,SC2031
  export CARGO_TARGET_DIR=$cache/target-sandbox
  cargo fmt --check
  cargo clippy --quiet --all-targets -- -D warnings
  cargo test --quiet -- --nocapture
)
took

phase "client and end-to-end: fmt, clippy, tests (stable Rust, real nodes)"
(
  cd "$root"
  # shellcheck disable=SC2031
  export CARGO_TARGET_DIR=$cache/target
  cargo fmt --all --check
  cargo clippy --quiet --workspace --all-targets -- -D warnings
  cargo test --workspace
)
took
