#!/usr/bin/env bash
# Installs the named Debian packages that are not installed yet (apt-get, no recommends); a rerun with
# everything present does nothing, not even `apt-get update`.
#   scripts/install_packages.sh PACKAGE...
set -euo pipefail
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# Package scripts may try to start services; there is no init system to start them with.
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
