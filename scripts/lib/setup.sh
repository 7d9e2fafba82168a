# Sourced by scripts/test.sh and scripts/demo.sh: brings what the project needs on a fresh machine.
# Node.js >= 20.19 must exist; system packages are installed on Debian/Ubuntu as root (else the exact list is printed);
# npm dependencies are installed when missing or older than the lock file.
node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number);console.log(a>20||(a===20&&b>=19)?1:0)' 2>/dev/null || echo 0)
if [ "$node_ok" != 1 ]; then
  echo "ecr-auth needs Node.js >= 20.19 (found $(node --version 2>/dev/null || echo none)): install it from https://nodejs.org or your package manager" >&2
  exit 1
fi
bash scripts/install-system-deps.sh || exit 1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm ci`, the way users and CI install: exactly the committed lock, which holds every platform's optional
  # packages (deno's and nx's native binaries); it never rewrites the lock, so a fresh clone stays clean.
  echo "› installing npm dependencies (npm ci, as pinned by package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error || exit 1
fi
