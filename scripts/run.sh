#!/usr/bin/env bash
# The main job: from a fresh machine to a running coop on a local dev chain,
# walking a coop's life with the `coop` command as its members would.
#
#   scripts/run.sh [--backend revive|contracts]     (default: revive)
#
# revive: the Westend Asset Hub runtime (pallet-revive, ink! 6, PolkaVM) on
# polkadot-omni-node, RPC port 9945: what every public ink! network runs,
# so where a coop is deployed. contracts: substrate-contracts-node
# (pallet-contracts, ink! 5, Wasm), RPC port 9944. COOP_RPC_PORT picks
# another port.
#   set-up of that backend (skips what is installed) -> build its contracts
#   and `coop` -> start a persistent dev chain -> the lifecycle:
#   three founders deploy a coop; a fourth person is offered membership by
#   vote and accepts it with their own key; a
#   treasury deposit and a payment by vote; a resolution passes; a vote fails
#   its quorum; a member resigns; the audit export and its tally check.
# The chain keeps running afterwards; the output says how to go on and stop.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
parse_backend revive "$@"
if [ "$backend" = all ]; then
  echo "run.sh: --backend is revive or contracts: the main job runs one chain" >&2
  exit 2
fi
case "$backend" in
  # The Asset Hub chain declares its token (WND, 12 decimals); the contracts
  # node declares none, so the coop is told its unit.
  revive) port=${COOP_RPC_PORT:-9945}; token=(); unit=WND ;;
  contracts) port=${COOP_RPC_PORT:-9944}; token=(--token UNIT:12); unit=UNIT ;;
esac
url="ws://127.0.0.1:$port"
case "$backend" in
  revive) kept=$data/revive-$port ;;
  contracts) kept=$data/chain-$port ;;
esac
manifest=${COOP_MANIFEST:-$data/coop-$port.json}
records=$data/records
export COOP_MANIFEST=$manifest

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
say() { printf '   %s\n' "$*"; }

step "Set-up ($backend)"
"$here/setup.sh" --backend "$backend"
step "Building the contracts and the coop command"
"$here/build-contracts.sh" --backend "$backend"
build_coop
# `as NAME coop ...` runs coop signed by a dev account, as that member would.
as() { local who=$1; shift; COOP_SURI="//$who" "$coop_bin" "$@"; }
coop() { "$coop_bin" "$@"; }

step "Starting the local chain ($backend)"
"$here/chain.sh" start --backend "$backend" --rpc-port "$port"

# The dev chain's well-known accounts.
ALICE=5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY
BOB=5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty
CHARLIE=5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y
DAVE=5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy
EVE=5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw

# Reads one field of a `--json` answer (jq, which the set-up installs).
field() { jq -er "$1"; }

step "Alice, Bob and Charlie found a coop (Alice deploys; rules: 10-block votes, half the members must vote)"
mkdir -p "$data" "$records"
if [ -f "$manifest" ]; then
  # Keep the previous coop's manifest: the chain still holds that coop.
  old_manifest="$manifest.$(date +%Y%m%d-%H%M%S)"
  mv "$manifest" "$old_manifest"
  say "(the previous coop's manifest is kept as $old_manifest)"
fi
as Alice deploy --url "$url" --founder "$ALICE" --founder "$BOB" --founder "$CHARLIE" \
  "${token[@]}" --voting-period 10 --execution-window 100 \
  --floor-voting-period 5 --floor-quorum 1/4 --floor-execution-window 50
say "(demo floors, so the walk-through takes blocks, not days: a real coop keeps the defaults,"
say " votes and execution windows of at least a day and a quarter of the members taking part)"
coop status

step "Dave asks to join: Alice proposes offering him membership, Alice and Bob vote yes"
id=$(as Alice --json propose admit "$DAVE" --title "Admit Dave" --text "https://coop.example/applications/dave" | field .proposal)
as Alice vote "$id" yes
as Bob vote "$id" yes
say "(two yes of three: the last vote cannot change the outcome, so it closes early)"
as Charlie execute "$id"
say "(the decision is an offer: Dave becomes a member only by accepting it with his own key)"
as Dave accept "$id"
coop member "$DAVE"

step "Charlie deposits 100 $unit into the treasury; Bob proposes paying Eve 25 $unit for the bookkeeping"
as Charlie deposit 100
id=$(as Bob --json propose pay "$EVE" 25 --title "Pay Eve for the annual accounts" --text "invoice 2026-031" | field .proposal)
as Alice vote "$id" yes
as Bob vote "$id" yes
as Dave vote "$id" yes
as Bob execute "$id"
coop status | grep '^treasury'

step "A resolution: adopt the shared health plan"
id=$(as Dave --json propose resolution --title "Adopt the shared health plan" --text "sha256:4f1c0e6a" | field .proposal)
as Alice vote "$id" yes
as Charlie vote "$id" abstain
as Dave vote "$id" yes
as Bob vote "$id" no
as Dave execute "$id"
coop proposal "$id"

step "A proposal most members ignore: it fails its quorum"
id=$(as Charlie --json propose resolution --title "Move the weekly meeting to Friday" | field .proposal)
as Charlie vote "$id" yes
say "(one vote of four; waiting for the deadline)"
deadline=$(coop --json proposal "$id" | field .deadline)
best=$(coop --json status | field .best_block)
if [ "$best" -lt "$deadline" ]; then coop dev advance --url "$url" $(( deadline - best )); fi
as Charlie execute "$id"

step "Charlie resigns"
as Charlie resign
coop members

step "The audit: the full record rebuilt from the chain, and every tally checked against the votes"
coop export --out "$records/record-$port.json" --out "$records/record-$port.csv"
coop proposals

step "The report: the same record as a page anyone can open, offline"
report=$(coop report --out "$records/report-$port.html" --name "The Bakery Cooperative")
say "Open it in a browser: $report"

cat <<EOF

The chain is still running on $url; the coop's manifest is $manifest.
Go on as any member, for example:
  export COOP_MANIFEST=$manifest
  COOP_SURI=//Bob $root/scripts/coop.sh propose resolution --title "Buy a new espresso machine"
  $root/scripts/coop.sh proposals
  $root/scripts/coop.sh --help
The audit record: $records/record-$port.json and .csv
The report: $report
Stop the chain:  scripts/chain.sh stop --backend $backend --rpc-port $port
Start it again:  scripts/chain.sh start --backend $backend --rpc-port $port   (the chain is kept in $kept)
EOF
