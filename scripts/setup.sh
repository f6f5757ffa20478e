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
exec pnpm --silent ndli run "$@"
