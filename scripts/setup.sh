#!/usr/bin/env bash
# Installs the Debian 12 packages retort needs (only those missing), then configures and builds.
#   scripts/setup.sh BUILD_DIR [cmake options...]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config
  libboost-dev libtomlplusplus-dev libcli11-dev libsqlite3-dev sqlite3 libgtest-dev
  libpqxx-dev libmysqlcppconn-dev unixodbc-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir=${1:?usage: scripts/setup.sh BUILD_DIR [cmake options...]}
shift
cmake -S . -B "$build_dir" -G Ninja "$@" >/dev/null
cmake --build "$build_dir" -- -j"$(nproc)"
