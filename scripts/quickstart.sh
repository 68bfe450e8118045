#!/usr/bin/env bash
# The main job: set up, build, and migrate a fresh embedded SQLite database with the sample revisions
# in migrations/ (configs/retort.toml), showing the tree before and the database after.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build -DCMAKE_BUILD_TYPE=Release -DRETORT_BUILD_TESTS=OFF

retort="$PWD/build/bin/retort"
config="$PWD/configs/retort.toml"
demo="$PWD/build/demo"
mkdir -p "$demo"
cd "$demo"
rm -f retort-demo.db

run() {
  echo "\$ retort $*"
  "$retort" -c "$config" "$@"
  echo
}
run plugins
run history
run upgrade heads
run current
echo "\$ sqlite3 build/demo/retort-demo.db .tables"
sqlite3 retort-demo.db .tables
