#!/usr/bin/env bash
# Creates control.db next to this script: a `tenant` table listing 200 active tenants (acme, globex, ...,
# then t006 to t200) and 10 inactive ones, and the empty data/tenants/ folder their databases go in.
# Needs the sqlite3 program. Run it again to start over (the tenants' databases are removed too).
set -euo pipefail
cd "$(dirname "$0")"
rm -rf control.db data
mkdir -p data/tenants
{
  echo "CREATE TABLE tenant (slug TEXT PRIMARY KEY, active INTEGER NOT NULL, plan TEXT NOT NULL);"
  echo "BEGIN;"
  for slug in acme globex initech umbrella hooli; do
    echo "INSERT INTO tenant VALUES ('$slug', 1, 'pro');"
  done
  for i in $(seq 6 200); do
    printf "INSERT INTO tenant VALUES ('t%03d', 1, 'free');\n" "$i"
  done
  for i in $(seq 1 10); do
    printf "INSERT INTO tenant VALUES ('closed%02d', 0, 'free');\n" "$i"
  done
  echo "COMMIT;"
} | sqlite3 control.db
echo "control.db: $(sqlite3 control.db 'SELECT count(*) FROM tenant WHERE active = 1') active tenants"
