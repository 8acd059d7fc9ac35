#!/usr/bin/env bash
# Deploys a coop to any chain with pallet-revive (ink! 6, PolkaVM) or
# pallet-contracts (ink! 5, Wasm):
#
#   scripts/deploy.sh NETWORK --founder ADDRESS [--founder ADDRESS ...] [coop deploy options]
#
# NETWORK is a profile in networks/ (local-revive and local, the chains
# scripts/chain.sh starts; polkadot-hub-testnet, westend-asset-hub,
# kusama-asset-hub and polkadot-asset-hub on pallet-revive; aleph-zero-testnet,
# pop-paseo and shibuya on pallet-contracts) or the path of a profile file:
# NETWORK_URL, NETWORK_TOKEN for chains that declare no token
# (SYMBOL:DECIMALS), and NETWORK_BACKEND (revive or contracts, the default).
# The deployer's key comes from COOP_SURI, or from a file given as
# --suri-file FILE (a mnemonic with its derivation path on a public
# network); it is never printed.
#
# Steps: build the contracts for the profile's backend and `coop`; check the
# chain answers and runs that backend (`coop check`); deploy (`coop deploy`); write the manifest
# to $COOP_MANIFEST, else ~/.local/share/coop/NETWORK.json. Any option after
# NETWORK goes to `coop deploy` (rules, --funds, --force; see `coop deploy --help`).
# COOP_SKIP_BUILD=1 uses the contracts and `coop` already built (COOP_BIN
# names the binary), for tests.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

case "${1:-}" in
  "") usage "$0" >&2; exit 2 ;;
  -h|--help) usage "$0"; exit 0 ;;
esac
network=$1; shift
if [ -f "$network" ]; then
  profile=$network
  name=$(basename "$network" .env)
elif [ -f "$root/networks/$network.env" ]; then
  profile=$root/networks/$network.env
  name=$network
else
  known=()
  for f in "$root"/networks/*.env; do known+=("$(basename "$f" .env)"); done
  echo "deploy: no network profile '$network' (have: ${known[*]})" >&2
  exit 2
fi
NETWORK_URL=""; NETWORK_TOKEN=""; NETWORK_NAME=$name; NETWORK_STATUS=""; NETWORK_BACKEND=contracts
# shellcheck source=/dev/null
. "$profile"
[ -n "$NETWORK_URL" ] || { echo "deploy: $profile sets no NETWORK_URL" >&2; exit 2; }
case "$NETWORK_BACKEND" in
  contracts|revive) ;;
  *) echo "deploy: $profile: NETWORK_BACKEND is contracts or revive, not '$NETWORK_BACKEND'" >&2; exit 2 ;;
esac
manifest=${COOP_MANIFEST:-$data/$name.json}
mkdir -p "$(dirname "$manifest")"

echo "== $NETWORK_NAME ($NETWORK_URL)${NETWORK_STATUS:+: $NETWORK_STATUS}"
if [ "${COOP_SKIP_BUILD:-0}" != 1 ]; then
  echo "== Building the contracts and coop"
  "$here/build-contracts.sh" --backend "$NETWORK_BACKEND"
  build_coop
fi
coop=${COOP_BIN:-$cache/target/debug/coop}

echo "== Checking the chain"
"$coop" check --url "$NETWORK_URL"
# The chain must run the backend the profile names: a coop goes where its
# members were told it would.
# (Read whole first: grep -q on a pipe may close it while coop still writes.)
report=$("$coop" --json check --url "$NETWORK_URL")
if ! grep -q "\"backend\": *\"$NETWORK_BACKEND\"" <<<"$report"; then
  echo "deploy: $NETWORK_NAME does not run pallet-$NETWORK_BACKEND, which its profile names" >&2
  exit 1
fi

echo "== Deploying"
token=()
[ -n "$NETWORK_TOKEN" ] && token=(--token "$NETWORK_TOKEN")
"$coop" deploy --url "$NETWORK_URL" --manifest "$manifest" "${token[@]}" "$@"
echo "== The manifest is $manifest: export COOP_MANIFEST=$manifest, then use coop as a member."
