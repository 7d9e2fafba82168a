#!/usr/bin/env bash
# `npm run demo`: sets itself up on a fresh machine, then shows the whole product against the embedded default —
# the local AWS emulator, a real Distribution registry and a private dockerd — with no AWS account.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/setup.sh
npm run build --silent || exit 1
exec node --import tsx scripts/demo.ts "$@"
