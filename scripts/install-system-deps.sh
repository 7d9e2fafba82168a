#!/usr/bin/env bash
# Installs the real parts the tests under test/real run against: the Distribution registry
# (Debian: docker-registry), skopeo, and a Docker daemon (Debian: docker.io; provides dockerd,
# containerd, runc and a docker client). Idempotent and quiet when everything is present.
# As root on Debian/Ubuntu it installs what is missing with apt-get; elsewhere it prints what to
# install and exits 1. It never starts a system service.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

# Debian installs the registry as /usr/bin/docker-registry; upstream builds call it `registry`.
registry_bin() { have docker-registry || have registry; }

missing_debian=()
missing_upstream=()
add_missing() {
  local deb="$1" upstream="$2" existing
  for existing in "${missing_debian[@]:-}"; do
    [[ "$existing" == "$deb" ]] && return 0
  done
  missing_debian+=("$deb")
  missing_upstream+=("$upstream")
}

check() {
  missing_debian=()
  missing_upstream=()
  registry_bin || add_missing docker-registry "registry (github.com/distribution/distribution v2.8, binary 'registry')"
  have skopeo || add_missing skopeo "skopeo (github.com/containers/skopeo)"
  have dockerd || have /usr/sbin/dockerd || add_missing docker.io "Docker Engine (dockerd, containerd, runc: docs.docker.com/engine/install)"
  have docker || add_missing docker.io "Docker Engine (docker client)"
  # the aws/saml browser sign-in tests drive the system Chromium through playwright-core
  have chromium || have chromium-browser || add_missing chromium "Chromium or Google Chrome (the aws/saml browser sign-in)"
  have kubectl || add_missing kubernetes-client "kubectl (kubernetes.io/docs/tasks/tools)"
  have openssl || add_missing openssl "openssl"
  # the CodeArtifact pip test installs a wheel with a real pip
  { have python3 && python3 -c 'import pip' >/dev/null 2>&1; } || add_missing python3-pip "Python 3 with pip (pip.pypa.io)"
}

check
if [[ ${#missing_debian[@]} -eq 0 ]]; then
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]] && have apt-get; then
  echo "install-system-deps: installing ${missing_debian[*]}" >&2
  # Keep package scripts from starting services (dockerd, containerd, the registry) on this machine.
  created_policy=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    created_policy=1
  fi
  cleanup() { if [[ -n "$created_policy" ]]; then rm -f /usr/sbin/policy-rc.d; fi; }
  trap cleanup EXIT
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing_debian[@]}" >/dev/null
  check
  if [[ ${#missing_debian[@]} -eq 0 ]]; then
    # A docker client earlier on PATH (e.g. /usr/local/bin/docker) is kept; it negotiates the API
    # version with Debian's older dockerd, so both work together.
    exit 0
  fi
  echo "install-system-deps: still missing after apt-get install: ${missing_debian[*]}" >&2
  exit 1
fi

{
  echo "install-system-deps: missing real parts needed by test/real:"
  echo "  Debian/Ubuntu (as root):"
  echo "    apt-get update && apt-get install -y --no-install-recommends ${missing_debian[*]}"
  echo "  Elsewhere, install:"
  for name in "${missing_upstream[@]}"; do
    echo "    - $name"
  done
} >&2
exit 1
