#!/usr/bin/env bash
# One command: install everything, then run the main job.
#   bash scripts/setup.sh                          → calculator on the first model that can serve (config, LM Studio,
#                                                    Ollama, a downloaded local model); with none, the offline demo
#                                                    (SCRIPTED replay, no model needed)
#   bash scripts/setup.sh calculator --model lmstudio/qwen2.5-coder-7b-instruct
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
if [ "$#" -eq 0 ]; then
  # The same choice `ndli run calculator` makes without --model; it prints the model and why.
  if compgen -G 'ndli.config.*' >/dev/null; then
    set -- calculator
  elif chosen=$(pnpm --silent ndli models --json 2>/dev/null | node -e '
    let text = ""; process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
      try { const { local, servers } = JSON.parse(text);
        const server = servers.find((entry) => (entry.models ?? []).length > 0);
        if (server || local.models.length > 0) process.stdout.write("yes");
      } catch {}
    });') && [ "$chosen" = yes ]; then
    set -- calculator
  else
    echo "→ No model found (no LM Studio or Ollama answering, no downloaded local model): running the SCRIPTED demo."
    echo "  For a real run: \`ndli models pull qwen2.5-coder-1.5b\` (no server needed), or start LM Studio/Ollama with a model,"
    echo "  then \`bash scripts/setup.sh\` again (or \`ndli run calculator\`)."
    set -- calculator --model replay/demo
  fi
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
