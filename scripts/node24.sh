# Puts Node 24 LTS first on PATH when the Node found is older than the project needs (22.12).
# Source it, do not run it:   source scripts/node24.sh
# .ci/run sources it; a newcomer on an older Node can too. Node comes from the npm registry
# (package node-linux-<arch>: the binary and its headers, about 50 MB), is kept in
# ${XDG_CACHE_HOME:-~/.cache}/hamgaja/node-<version>-<arch>, and native modules (sqlite3) build
# against its headers through npm_config_nodedir. The npm already installed is used as it is.
# shellcheck shell=bash

HAMGAJA_NODE_VERSION=24.22.3

hamgaja_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)'
}

hamgaja_node24() {
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *)
      echo "node24: no Node package for $(uname -m); install Node >= 22.12 yourself" >&2
      return 1
      ;;
  esac
  if [ "$(uname -s)" != Linux ]; then
    echo "node24: only Linux is provisioned this way; install Node 24 LTS from https://nodejs.org" >&2
    return 1
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "node24: npm is needed to fetch Node from the npm registry" >&2
    return 1
  fi
  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/hamgaja/node-$HAMGAJA_NODE_VERSION-$arch"
  if [ ! -x "$dir/bin/node" ]; then
    echo "node24: fetching node-linux-$arch@$HAMGAJA_NODE_VERSION from the npm registry (about 50 MB)"
    local tmp
    tmp="$(mktemp -d)"
    if ! (cd "$tmp" && npm pack --silent "node-linux-$arch@$HAMGAJA_NODE_VERSION" >/dev/null); then
      rm -rf "$tmp"
      echo "node24: npm pack node-linux-$arch@$HAMGAJA_NODE_VERSION failed" >&2
      return 1
    fi
    rm -rf "$dir.partial"
    mkdir -p "$dir.partial"
    tar xzf "$tmp"/node-linux-*.tgz -C "$dir.partial" --strip-components=1
    rm -rf "$tmp" "$dir"
    mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
  hash -r
  echo "node24: using $(command -v node) ($(node --version))"
}

if hamgaja_node_ok; then
  echo "node24: $(node --version) already meets >= 22.12; nothing to do"
else
  echo "node24: $(node --version 2>/dev/null || echo 'no node') is older than 22.12"
  hamgaja_node24
fi
