#!/usr/bin/env bash
# `npm run bench [-- --runs N --only cached,helper,scale,fanout,regions,nx]`: installs what the comparisons need when it is
# missing (as root on Debian: amazon-ecr-credential-helper, awscli when no `aws` is on PATH, and the docker parts
# through scripts/install-system-deps.sh), builds the package privately into bench/.work/pkg (so a concurrent
# `npm run build` of dist/ cannot race the measurement), then runs bench/run.ts, which writes bench/RESULTS.md.
# Not part of the tests. About 5-10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

have() { command -v "$1" >/dev/null 2>&1; }
need=()
have docker-credential-ecr-login || need+=(amazon-ecr-credential-helper)
have aws || need+=(awscli)
[[ -x /usr/bin/time ]] || need+=(time) # GNU time: peak RSS (section memory)
if [[ ${#need[@]} -gt 0 ]]; then
  if [[ "$(id -u)" -eq 0 ]] && have apt-get; then
    echo "bench: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; } ||
      echo "bench: could not install ${need[*]}: the comparisons that need them are skipped" >&2
  else
    echo "bench: missing ${need[*]} (Debian packages): the comparisons that need them are skipped" >&2
  fi
fi
bash scripts/install-system-deps.sh ||
  echo "bench: docker parts missing: the fan-out measures the manual way's token part only" >&2

pkg=bench/.work/pkg
rm -rf "$pkg"
mkdir -p "$pkg"
echo "bench: building into $pkg" >&2
npx tsc -p tsconfig.build.json --outDir "$pkg/dist"
node scripts/copy-assets.mjs --out "$pkg/dist" >/dev/null
cp package.json "$pkg/"
node scripts/bundle-bins.mjs --out "$pkg/dist"
exec npx tsx bench/run.ts --pkg "$pkg" "$@"
