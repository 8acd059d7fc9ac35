#!/usr/bin/env bash
# Measures what coop costs on each contracts backend and how it grows:
#
#   scripts/bench.sh [--quick] [--backend contracts|revive|all] [--out FILE]
#
# Builds the contracts for both backends (scripts/build-contracts.sh), builds
# the benchmark (bench/), and runs it: for each backend it starts a throwaway
# node (substrate-contracts-node; the Westend Asset Hub dev chain), deploys
# coops and prints the tables; then every operation on both side by side.
# Writes the same as JSON to target/bench/costs.json, one object per backend
# (and as text beside it, costs.txt). --quick stops at 1,000 members and 100
# proposals. Every figure comes from the nodes in the run.
#
# The peers coop's vote is measured against (issue #16) are built here too,
# outside the workspace: the ink-examples v5 multisig (cloned at a pinned
# commit from $INK_EXAMPLES, default GitHub) and OpenZeppelin Governor (npm
# packages; needs node and npm). A peer that cannot be built is named in the
# tables as NOT MEASURED, with the reason; the rest of the run goes on.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
case "${1:-}" in
  -h|--help) usage "$0"; exit 0 ;;
esac

"$here/build-contracts.sh" --backend all
for peer in multisig governor; do
  "$root/bench/peers/$peer/build.sh" || echo "bench: the $peer peer could not be built (see above); it will show as NOT MEASURED" >&2
done
export CARGO_TARGET_DIR=$cache/target
# A debug build: it shares the tests' build cache, and the run's time is the
# node's, not the client's (a release build takes minutes more, runs no faster).
cargo build --quiet --manifest-path "$root/Cargo.toml" -p coop-bench --bin bench
exec "$CARGO_TARGET_DIR/debug/bench" "$@"
