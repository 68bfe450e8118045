#!/usr/bin/env bash
# Test servers for retort's integration tests: PostgreSQL 15 and MariaDB 10.11 on 127.0.0.1, each in a
# temporary data folder, started without systemd, with a password-protected user allowed to create
# databases (every test makes its own).
#
#   tests/test_servers.sh start DIR   installs what is missing, starts both, writes DIR/env.sh
#   tests/test_servers.sh stop DIR    stops both and removes DIR
#
# DIR/env.sh exports what the tests read:
#   RETORT_TEST_POSTGRESQL   postgresql://USER:PASS@127.0.0.1:PORT   (append /DATABASE)
#   RETORT_TEST_MYSQL        mysql://USER:PASS@127.0.0.1:PORT
#   ODBCSYSINI               a copy of /etc/odbcinst.ini without psqlODBC's per-process log files
set -euo pipefail

readonly SCRIPTS_DIR="$(cd "$(dirname "$0")/../scripts" && pwd)"
readonly PG_BIN=/usr/lib/postgresql/15/bin
readonly USER_NAME=retort_test
readonly USER_PASSWORD='t3st-p@ss'   # has characters that must be escaped in URLs
readonly USER_PASSWORD_URL='t3st-p%40ss'

log() { echo "test-servers: $*" >&2; }

install_missing() {
  "$SCRIPTS_DIR/install_packages.sh" postgresql mariadb-server unixodbc odbc-postgresql odbc-mariadb \
    libsqliteodbc
}

# The first free TCP port from $1 upwards.
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

start_postgresql() {
  local dir=$1 port=$2
  mkdir -p "$dir/pg" && chown postgres:postgres "$dir/pg"
  printf '%s\n' "$USER_PASSWORD" >"$dir/pg/pwfile" && chown postgres "$dir/pg/pwfile"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$dir/pg/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 --pwfile="$dir/pg/pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/pg/initdb.log" 2>&1 ||
    { cat "$dir/pg/initdb.log" >&2; return 1; }
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$dir/pg/server.log" >&2; return 1; }
  runuser -u postgres -- "$PG_BIN/psql" -q -h "$dir/pg" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE $USER_NAME LOGIN CREATEDB PASSWORD '$USER_PASSWORD'" >/dev/null
}

start_mariadb() {
  local dir=$1 port=$2
  mkdir -p "$dir/my" && chown mysql:mysql "$dir/my"
  mariadb-install-db --no-defaults --user=mysql --datadir="$dir/my/data" --auth-root-authentication-method=socket \
    >"$dir/my/install.log" 2>&1 || { cat "$dir/my/install.log" >&2; return 1; }
  mariadbd --no-defaults --user=mysql --datadir="$dir/my/data" --bind-address=127.0.0.1 --port="$port" \
    --socket="$dir/my/mysqld.sock" --pid-file="$dir/my/mysqld.pid" --log-error="$dir/my/server.log" \
    --innodb-flush-log-at-trx-commit=0 --skip-log-bin --max-connections=200 </dev/null >/dev/null 2>&1 &
  for _ in $(seq 1 120); do
    mariadb-admin --no-defaults --socket="$dir/my/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
    sleep 0.25
  done
  mariadb-admin --no-defaults --socket="$dir/my/mysqld.sock" -uroot ping >/dev/null 2>&1 ||
    { cat "$dir/my/server.log" >&2; return 1; }
  mariadb --no-defaults --socket="$dir/my/mysqld.sock" -uroot -e "
    CREATE USER '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$USER_PASSWORD';
    CREATE USER '$USER_NAME'@'localhost' IDENTIFIED BY '$USER_PASSWORD';
    GRANT ALL PRIVILEGES ON *.* TO '$USER_NAME'@'127.0.0.1';
    GRANT ALL PRIVILEGES ON *.* TO '$USER_NAME'@'localhost';"
}

stop_servers() {
  local dir=$1
  if [ -f "$dir/pg/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ -f "$dir/my/mysqld.pid" ]; then
    local pid
    pid=$(cat "$dir/my/mysqld.pid")
    mariadb-admin --no-defaults --socket="$dir/my/mysqld.sock" -uroot shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -rf "$dir"
}

start_servers() {
  local dir=$1
  install_missing
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  # Both servers run as their own users and must reach their folders through every parent.
  chmod o+x "$dir"
  local p=$dir
  while [ "$p" != / ]; do p=$(dirname "$p"); chmod o+x "$p" 2>/dev/null || true; done

  local pg_port my_port
  pg_port=$(free_port 55432)
  my_port=$(free_port 33306)
  [ "$my_port" = "$pg_port" ] && my_port=$(free_port $((pg_port + 1)))
  start_postgresql "$dir" "$pg_port" || { stop_servers "$dir"; log "PostgreSQL did not start"; return 1; }
  start_mariadb "$dir" "$my_port" || { stop_servers "$dir"; log "MariaDB did not start"; return 1; }

  mkdir -p "$dir/odbc"
  sed 's/^CommLog=1/CommLog=0/' /etc/odbcinst.ini >"$dir/odbc/odbcinst.ini"
  cat >"$dir/env.sh" <<EOF
export RETORT_TEST_POSTGRESQL='postgresql://$USER_NAME:$USER_PASSWORD_URL@127.0.0.1:$pg_port'
export RETORT_TEST_MYSQL='mysql://$USER_NAME:$USER_PASSWORD_URL@127.0.0.1:$my_port'
export ODBCSYSINI='$dir/odbc'
EOF
  log "PostgreSQL on 127.0.0.1:$pg_port, MariaDB on 127.0.0.1:$my_port"
}

case "${1:-}" in
  start) start_servers "${2:?usage: $0 start DIR}" ;;
  stop) stop_servers "${2:?usage: $0 stop DIR}" ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
