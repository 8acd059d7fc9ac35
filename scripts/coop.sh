#!/usr/bin/env bash
# Runs the `coop` command from this checkout, building it first if needed
# (build outputs in ~/.cache/coop/target, outside the checkout).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
build_coop
exec "$coop_bin" "$@"
