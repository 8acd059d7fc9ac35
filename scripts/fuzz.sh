#!/usr/bin/env bash
# A long run of random coop histories against the real contracts,
# in-process (pallet-contracts in ink! 5.1.1's sandbox), each checked step
# by step against the reference model in tests/model.
#
#   scripts/fuzz.sh [N] [LENGTH]     N histories (default 10000) of LENGTH
#                                    operations (default 40)
#
# COOP_FIRST_SEED picks where the seeds start (default 1), COOP_THREADS how
# many histories run at once (default: one per core). A failure prints
# the history shrunk to the operations that matter, as a test to paste into
# tests/sandbox/tests/regressions.rs, which the test command runs every time.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
case "${1:-}" in
  -h|--help) usage "$0"; exit 0 ;;
esac
histories=${1:-10000}
length=${2:-40}
"$here/build-contracts.sh" --backend contracts
cd "$root/tests/sandbox"
export CARGO_TARGET_DIR=$cache/target-sandbox
COOP_HISTORIES=$histories COOP_HISTORY_LENGTH=$length \
  cargo test --quiet -- --nocapture
