#!/usr/bin/env bash
# The main job: from a fresh machine to a running coop on a local dev chain.
#   1. set-up (skips what is installed)
#   2. build the contracts
#   3. start a persistent local dev chain on ws://127.0.0.1:9944
#   4. deploy the share register with three founders and show it working
# The chain keeps running afterwards; `scripts/chain.sh stop` stops it.
#
# Until the governance contract exists, the register's governance is a plain
# dev account (//Dave); the steps below use cargo-contract directly.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
port=${COOP_RPC_PORT:-9944}
url="ws://127.0.0.1:$port"
artifacts=${COOP_ARTIFACTS:-$root/target/contracts}

say() { printf '\n--- %s\n' "$*"; }

say "Set-up"
"$here/setup.sh"
say "Building the contracts"
"$here/build-contracts.sh"
say "Starting the local chain"
"$here/chain.sh" start --rpc-port "$port"

# Well-known dev accounts of substrate-contracts-node --dev.
ALICE=5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY
BOB=5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty
CHARLIE=5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y
DAVE=5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy
EVE=5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw

bundle=$artifacts/membership.contract
# Dry-runs a message and prints its decoded result: contract_call SURI MESSAGE [ARGS...]
contract_call() {
  local suri=$1 msg=$2; shift 2
  RUST_BACKTRACE=0 cargo contract call "$bundle" --url "$url" --contract "$contract" --suri "$suri" \
    --message "$msg" ${1:+--args "$@"} 2>&1 | grep -E '^ *(Result|Reverted)|ERROR' | sed 's/^ */    /' || true
}
# Submits a message in a transaction and waits for its block: contract_exec SURI MESSAGE [ARGS...]
contract_exec() {
  local suri=$1 msg=$2; shift 2
  if RUST_BACKTRACE=0 cargo contract call "$bundle" --url "$url" --contract "$contract" --suri "$suri" \
    --message "$msg" -x --skip-confirm ${1:+--args "$@"} >/dev/null 2>&1; then
    echo "    submitted: included in a block"
  else
    echo "    refused"; return 1
  fi
}

say "Deploying the share register: founders Alice, Bob, Charlie; governance //Dave"
contract=$(RUST_BACKTRACE=0 cargo contract instantiate --url "$url" --suri //Alice --constructor new \
  --args "$DAVE" "[$ALICE, $BOB, $CHARLIE]" --salt "0x$(od -An -N16 -tx1 /dev/urandom | tr -d " \n")" -x --skip-confirm --output-json "$bundle" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["contract"])')
echo "    register at $contract"

say "Members (PSP34 total_supply)"
contract_call //Alice total_supply
say "Alice's share"
contract_call //Alice share_of "$ALICE"
say "Alice tries to transfer her share to Eve (refused)"
contract_call //Alice transfer "$EVE" "U32(1)" "[]"
say "Alice, a founder, tries to admit Eve (refused: only governance admits)"
contract_call //Alice admit "$EVE"
say "Governance admits Eve"
contract_exec //Dave admit "$EVE"
contract_call //Alice share_of "$EVE"
say "Charlie resigns"
contract_exec //Charlie resign
contract_call //Alice total_supply

cat <<EOF

The chain is still running on $url (log: ~/.local/state/coop/chain-$port/node.log).
The register is at $contract; its metadata: $bundle
Stop the chain:    scripts/chain.sh stop
Start it again:    scripts/chain.sh start   (the chain is kept in ~/.local/share/coop/chain-$port)
EOF
