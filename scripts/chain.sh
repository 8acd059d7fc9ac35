#!/usr/bin/env bash
# A local development chain on loopback only, for either contracts backend:
#   --backend contracts  substrate-contracts-node --dev (pallet-contracts, ink! 5), RPC port 9944
#   --backend revive     polkadot-omni-node with the Westend Asset Hub runtime
#                        (pallet-revive, ink! 6), RPC port 9945
#
#   scripts/chain.sh start   [--backend B] [--rpc-port P] [--tmp | --base-path DIR]   start in the background, wait until it answers
#   scripts/chain.sh stop    [--backend B] [--rpc-port P]    stop the node started on that port
#   scripts/chain.sh status  [--backend B] [--rpc-port P]    is it running? (exit 0 if so)
#   scripts/chain.sh run     [--backend B] [--rpc-port P] [--tmp | --base-path DIR]   run in the foreground (tests use this)
#   scripts/chain.sh advance N [--backend B] [--rpc-port P]  make N blocks (both dev chains seal only on a transaction)
#   scripts/chain.sh check   [--backend B]                  is the backend's node installed? (exit 0 if so)
#
# Default backend: $COOP_BACKEND, else contracts. Persistent mode keeps the
# chain in --base-path (default ~/.local/share/coop/chain-PORT for
# contracts, revive-PORT for revive); --tmp throws it away on exit.
# Each node's log and pid live in ~/.local/state/coop/chain-PORT/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

cmd=${1:-}
[ -n "$cmd" ] && shift
backend=${COOP_BACKEND:-contracts}
rpc_port=""
tmp=0
base_path=""
blocks=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rpc-port) rpc_port=$2; shift 2 ;;
    --backend) backend=$2; shift 2 ;;
    --tmp) tmp=1; shift ;;
    --base-path) base_path=$2; shift 2 ;;
    [0-9]*) blocks=$1; shift ;;
    -h|--help) usage "$0"; exit 0 ;;
    *) echo "chain.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

case "$backend" in
  contracts) rpc_port=${rpc_port:-9944}; node=substrate-contracts-node; kept=$data/chain-$rpc_port ;;
  revive) rpc_port=${rpc_port:-9945}; node=$omni_node; kept=$data/revive-$rpc_port ;;
  *) echo "chain.sh: --backend is contracts or revive, not '$backend'" >&2; exit 2 ;;
esac
state_dir=$state/chain-$rpc_port
pid_file=$state_dir/node.pid
log_file=$state_dir/node.log
url="ws://127.0.0.1:$rpc_port"
http="http://127.0.0.1:$rpc_port"

node_args() {
  local args=(--rpc-port "$rpc_port")
  if [ "$backend" = revive ]; then
    # The runtime of the public Westend Asset Hub, sealing a block as soon as
    # a transaction arrives (no relay chain), as the contracts node's --dev does.
    args+=(--chain "$hub_chain_spec" --instant-seal)
  else
    args+=(--dev)
  fi
  args+=(
    # p2p on loopback and on a port the OS picks, so several nodes can run side by side.
    --listen-addr /ip4/127.0.0.1/tcp/0 --no-prometheus --no-telemetry
    # Events live in block state; the default pruning keeps only 256 blocks,
    # which would lose the record an audit export rebuilds.
    --state-pruning archive --blocks-pruning archive)
  if [ "$tmp" = 1 ]; then
    args+=(--tmp)
  else
    args+=(--base-path "${base_path:-$kept}")
  fi
  printf '%s\n' "${args[@]}"
}

# Answers 0 when the node's RPC replies to system_health.
answers() {
  curl -s --max-time 2 -H 'Content-Type: application/json' \
    -d '{"id":1,"jsonrpc":"2.0","method":"system_health","params":[]}' "$http" 2>/dev/null | grep -q '"result"'
}

# Fails with what to run when the backend's node or chain spec is missing.
require_node() {
  if ! command -v "$node" >/dev/null; then
    echo "chain: $node not found; run scripts/setup.sh --backend $backend" >&2; exit 1
  fi
  if [ "$backend" = revive ] && [ ! -s "$hub_chain_spec" ]; then
    echo "chain: no chain spec at $hub_chain_spec; run scripts/setup.sh --backend revive" >&2; exit 1
  fi
}

running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid=$(cat "$pid_file")
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

case "$cmd" in
  run)
    require_node
    mapfile -t args < <(node_args)
    exec "$node" "${args[@]}"
    ;;
  start)
    if pid=$(running_pid); then
      echo "chain: already running on $url (pid $pid, log $log_file)"
      exit 0
    fi
    if answers; then
      echo "chain: port $rpc_port is taken by another node; choose --rpc-port" >&2
      exit 1
    fi
    require_node
    mkdir -p "$state_dir"
    mapfile -t args < <(node_args)
    nohup "$node" "${args[@]}" >"$log_file" 2>&1 &
    echo $! >"$pid_file"
    printf 'chain: starting %s on %s ' "$(basename "$node")" "$url"
    for _ in $(seq 1 120); do
      if answers; then echo " ready (log $log_file)"; exit 0; fi
      if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        echo; echo "chain: the node exited; last lines of $log_file:" >&2; tail -n 20 "$log_file" >&2; exit 1
      fi
      printf '.'; sleep 0.5
    done
    echo; echo "chain: no answer after 60 s; see $log_file" >&2
    exit 1
    ;;
  stop)
    if pid=$(running_pid); then
      kill "$pid"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$pid_file"
      echo "chain: stopped the node on $url"
    else
      echo "chain: no node of ours is running on $url"
    fi
    ;;
  status)
    if pid=$(running_pid) && answers; then
      echo "chain: running on $url (pid $pid, log $log_file)"
    else
      echo "chain: not running on $url"; exit 1
    fi
    ;;
  advance)
    [ -n "$blocks" ] || { echo "chain.sh advance N: how many blocks?" >&2; exit 2; }
    exec "$here/coop.sh" dev advance "$blocks" --url "$url"
    ;;
  check)
    require_node
    echo "chain: $backend backend ready ($(basename "$node"))"
    ;;
  -h|--help|help)
    usage "$0"
    ;;
  *)
    usage "$0" >&2
    exit 2
    ;;
esac
