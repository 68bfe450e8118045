#!/usr/bin/env bash
# Installs the Debian 12 packages retort needs (only those missing), then configures and builds.
#   scripts/setup.sh BUILD_DIR [cmake options...]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config
  libboost-dev libtomlplusplus-dev libcli11-dev libsqlite3-dev sqlite3 libgtest-dev
  libpqxx-dev libmysqlcppconn-dev unixodbc-dev libssl-dev
)
scripts/install_packages.sh "${packages[@]}"

build_dir=${1:?usage: scripts/setup.sh BUILD_DIR [cmake options...]}
shift
cmake -S . -B "$build_dir" -G Ninja "$@" >/dev/null
cmake --build "$build_dir" -- -j"$(nproc)"
