#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD ARGS...
#
# Runs CMD against a throwaway PostgreSQL 15 (see /work/shared/RECIPES.md): a fresh cluster in a
# temp dir, trust auth, user jiceng, fsync off, on a free port of 127.0.0.1, with database
# jiceng_test. CMD sees JICENG_TEST_PG=postgresql://jiceng@127.0.0.1:PORT/jiceng_test (the
# owner: it creates schemas and runs migrations) and
# JICENG_TEST_PG_APP=postgresql://jiceng_app@127.0.0.1:PORT/jiceng_test, a login role that owns
# nothing, as which the tests run the server ([database] owner_url, docs/audit.md).
# PG_FSYNC=on keeps fsync on (benchmarks of durable writes); the default is off (tests).
# The server is stopped and the dir removed on every exit (success, failure, Ctrl-C), and the
# script exits with CMD's status.
#
# PostgreSQL refuses to run as root, so as root (CI) the server runs as the postgres user;
# as a normal user it runs as that user. PG_BIN overrides the server binaries' directory.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD ARGS..." >&2
  exit 2
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x $PG_BIN/initdb ]]; then
  echo "with-postgres: $PG_BIN/initdb not found (apt-get install postgresql-15)" >&2
  exit 2
fi

# Runs a server binary as the user that owns the cluster.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A port nobody listens on: let the OS pick one, else probe upward from 55432.
free_port() {
  if command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' 2>/dev/null; then
    return
  fi
  local port
  for ((port = 55432; port < 56432; port++)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "with-postgres: no free port" >&2
  return 1
}

dir=$(mktemp -d "${TMPDIR:-/tmp}/jiceng-pg.XXXXXX")
started=0

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ $started -eq 1 ]]; then
    echo "with-postgres: stopping PostgreSQL on port $port" >&2
    as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 ||
      as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $(id -u) -eq 0 ]]; then
  chown postgres "$dir"
fi
# C locale with UTF8: byte-order sorting (deterministic tests) and any Chinese text.
as_pg "$PG_BIN/initdb" -D "$dir/data" -A trust -U jiceng -E UTF8 --locale=C --no-sync \
  >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}

# Another process may take the port between probing and binding, so retry with a new one.
for _ in 1 2 3; do
  port=$(free_port)
  if as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -w -l "$dir/log" start \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-off}" >/dev/null; then
    started=1
    break
  fi
done
if [[ $started -ne 1 ]]; then
  echo "with-postgres: PostgreSQL did not start:" >&2
  cat "$dir/log" >&2 || true
  exit 1
fi
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$port (data in $dir)" >&2

"$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U jiceng jiceng_test
"$PG_BIN/psql" -q -h 127.0.0.1 -p "$port" -U jiceng -d jiceng_test \
  -c "CREATE ROLE jiceng_app LOGIN" >/dev/null
export JICENG_TEST_PG="postgresql://jiceng@127.0.0.1:$port/jiceng_test"
export JICENG_TEST_PG_APP="postgresql://jiceng_app@127.0.0.1:$port/jiceng_test"

set +e
"$@"
status=$?
set -e
exit "$status"
