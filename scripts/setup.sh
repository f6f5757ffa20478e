#!/usr/bin/env bash
# One command: install everything, then run the main job.
#   bash scripts/setup.sh                          → the offline demo (SCRIPTED replay, no model needed)
#   bash scripts/setup.sh calculator --model lmstudio/qwen2.5-coder-7b-instruct
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
if [ "$#" -eq 0 ]; then
  set -- calculator --model replay/demo
fi
# `ndli` on PATH: a shim in npm's global bin folder (where pnpm went), so commands and errors print without pnpm's
# wrapper lines. It runs the CLI from this checkout's source.
repo=$(pwd)
bin_dir="$(npm prefix --global)/bin"
[ -w "$bin_dir" ] || { bin_dir="$HOME/.local/bin"; mkdir -p "$bin_dir"; }
printf '#!/bin/sh\nexec node --conditions=@ndli/source --import "%s/node_modules/tsx/dist/esm/index.mjs" "%s/apps/orchestrator/src/bin.ts" "$@"\n' "$repo" "$repo" >"$bin_dir/ndli"
chmod +x "$bin_dir/ndli"
echo "→ ndli: $bin_dir/ndli"
exec "$bin_dir/ndli" run "$@"
