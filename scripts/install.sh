#!/usr/bin/env bash
# Installs everything NDLI needs on a bare machine: pnpm, the workspace's packages, and a Chromium
# for Ralph. Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0
export TURBO_TELEMETRY_DISABLED=1

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "✗ Node $(node --version) is too old: NDLI needs Node 20.19 or newer." >&2
  exit 1
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "→ installing pnpm $PNPM_VERSION"
  # corepack's signature check fails on some machines; npm works everywhere npm does.
  npm install --global "pnpm@$PNPM_VERSION" --no-fund --no-audit >/dev/null
fi

echo "→ installing workspace packages"
if [ -n "${CI:-}" ]; then pnpm install --frozen-lockfile; else pnpm install; fi

# Ralph needs a Chromium: CHROMIUM_PATH, else Playwright's own, else the system's. A headless shell (Playwright's, or
# Debian's chromium-headless-shell) judges about twice as fast as a full Chromium, so it is what gets installed.
playwright_chromium=$(cd packages/ralph && node -e "try{const p=require('playwright-core').chromium.executablePath();process.stdout.write(require('fs').existsSync(p)?p:'')}catch{}" 2>/dev/null || true)
can_apt=$(command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && echo yes || true)
apt_install() {
  # Try the package lists already on the machine first; a fresh machine has none, so update and retry.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
}
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  echo "→ browser: $CHROMIUM_PATH (CHROMIUM_PATH)"
elif [ -n "$playwright_chromium" ]; then
  echo "→ browser: Playwright's Chromium ($playwright_chromium)"
elif [ -x /usr/bin/chromium-headless-shell ]; then
  echo "→ browser: /usr/bin/chromium-headless-shell"
elif [ -n "$can_apt" ] && apt_install chromium-headless-shell fonts-liberation; then
  echo "→ browser: /usr/bin/chromium-headless-shell (installed with apt)"
elif [ -x /usr/bin/chromium ]; then
  echo "→ browser: /usr/bin/chromium"
else
  echo "→ installing Playwright's Chromium"
  (cd packages/ralph && pnpm exec playwright install chromium) || {
    echo "✗ No Chromium found and none could be installed." >&2
    echo "  Install one (e.g. 'sudo apt-get install chromium-headless-shell') or set CHROMIUM_PATH to a Chromium/Chrome executable." >&2
    exit 1
  }
fi
# Distributed benches (`ndli bench --queue`) run on BullMQ over Redis; its tests start a real redis-server.
if command -v redis-server >/dev/null 2>&1; then
  echo "→ redis: $(command -v redis-server)"
elif [ -n "$can_apt" ] && apt_install redis-server; then
  echo "→ redis: /usr/bin/redis-server (installed with apt)"
else
  echo "✗ redis-server is missing: the queue tests need it ('sudo apt-get install redis-server')." >&2
  exit 1
fi
echo "✓ installed"
