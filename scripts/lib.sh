# shellcheck shell=bash
# The variables set here are read by the scripts that source this file.
# shellcheck disable=SC2034
# Sourced by every script: where things live, and the few helpers they share.
# Nothing here runs on its own; each script sources it first.
#
#   root    the checkout
#   cache   build outputs, logs and sources, outside the checkout
#           ($COOP_CACHE, default ~/.cache/coop); created here, so a script
#           never writes into a folder that does not exist yet
#   data    chains, manifests, records and the built contracts the `coop`
#           command uses ($COOP_DATA_DIR, else $XDG_DATA_HOME/coop, else
#           ~/.local/share/coop: where `coop` itself looks)
#   state   node logs and pids ($COOP_STATE_DIR, default ~/.local/state/coop)

lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$lib_dir")
# shellcheck source=versions.env
. "$lib_dir/versions.env"

cache=${COOP_CACHE:-$HOME/.cache/coop}
data=${COOP_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/coop}
state=${COOP_STATE_DIR:-$HOME/.local/state/coop}
mkdir -p "$cache/logs"
# The shared build caches serve every checkout (CI clones anew each run).
# Incremental data is kept per checkout path and grew to 21 GB here, filling
# the disk; scripted builds rebuild coop's own crates in full instead.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}

# The pallet-revive backend's tools live in the cache, by version:
# cargo-contract 6 has the same binary name as cargo-contract 5.
tools=$cache/tools
revive_cargo_contract=$tools/cargo-contract-$REVIVE_CARGO_CONTRACT_VERSION/bin/cargo-contract
omni_node=$tools/polkadot-omni-node-$OMNI_NODE_VERSION/bin/polkadot-omni-node
hub_runtime_wasm=$cache/revive/asset_hub_westend_runtime-$HUB_RUNTIME_VERSION.wasm
hub_chain_spec=$cache/revive/asset-hub-westend-dev-$HUB_RUNTIME_VERSION.json
export PATH="$HOME/.cargo/bin:$PATH"

# Prints the comment block at the top of script $1 (its usage), from the line
# after the shebang to the first line that is not a comment.
usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"
}

# Reads a script's arguments when they are only `--backend B` and `--help`:
# sets `backend` (default $1) to contracts, revive or all, or exits 2 with
# one line naming what is wrong. `wants NAME` then says whether NAME is asked.
parse_backend() {
  backend=$1; shift
  local script
  script=$(basename "$0")
  while [ $# -gt 0 ]; do
    case "$1" in
      -h|--help) usage "$0"; exit 0 ;;
      --backend) backend=${2:-}; shift 2 || shift ;;
      --backend=*) backend=${1#--backend=}; shift ;;
      *) echo "$script: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
  done
  case "$backend" in
    contracts|revive|all) ;;
    *) echo "$script: --backend is contracts, revive or all, not '$backend'" >&2; exit 2 ;;
  esac
}
wants() { [ "$backend" = all ] || [ "$backend" = "$1" ]; }

# Builds the `coop` command from this checkout and sets coop_bin to it.
build_coop() {
  CARGO_TARGET_DIR=$cache/target cargo build --quiet --manifest-path "$root/Cargo.toml" \
    -p coop-cli --bin coop
  coop_bin=$cache/target/debug/coop
}

# Stops early, saying where the space went, when the disk holding the build
# cache or the nodes' throwaway chains has less than $1 GB free: a node
# refuses to start below 1 GiB, mid-run and with a less helpful message.
ensure_disk() {
  local need=$1 dir free
  for dir in "$cache" "${TMPDIR:-/tmp}"; do
    mkdir -p "$dir"
    free=$(df -Pk "$dir" | awk 'NR == 2 { print int($4 / 1048576) }')
    if [ "$free" -lt "$need" ]; then
      echo "only $free GB free on the disk holding $dir; this needs $need GB" >&2
      echo "the build cache's largest folders:" >&2
      du -sh "$cache"/* 2>/dev/null | sort -h | tail -n 5 >&2
      echo "test binaries of earlier builds go with: find $cache/target/debug/deps -maxdepth 1 -type f -executable -mtime +2 -delete" >&2
      exit 1
    fi
  done
}
