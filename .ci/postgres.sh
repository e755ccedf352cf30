#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the store tests and prints the line that points them at it:
#   eval "$(.ci/postgres.sh)"   # sets DESCENT_TEST_POSTGRES_URL
# Debian's `postgresql` package (installed if missing), initdb into a temp dir as user postgres,
# listening on 127.0.0.1 only, on a free port. Run again with the same DESCENT_PG_DIR and it reuses
# the running server. Stop it with: runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DESCENT_PG_DIR/data" stop
# Only the export line goes to stdout; progress goes to stderr.
set -euo pipefail

dir="${DESCENT_PG_DIR:-/tmp/descent-pg}"
log() { echo "postgres.sh: $*" >&2; }

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }
if [ -z "$(pgbin)" ] || [ ! -x "$(pgbin)/initdb" ]; then
  log "installing Debian package postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
PGBIN="$(pgbin)"

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

free_port() {
  python3 - <<'PY' 2>/dev/null && return
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
  for p in $(seq 54320 54400); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  log "no free port in 54320-54400"; exit 1
}

if [ -f "$dir/port" ] && as_postgres "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  log "reusing the server in $dir"
else
  rm -rf "$dir"
  mkdir -p "$dir"
  chown postgres:postgres "$dir" 2>/dev/null || true
  chmod 700 "$dir"
  port="$(free_port)"
  password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
  log "initdb in $dir/data with $PGBIN"
  as_postgres "$PGBIN/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  log "starting on 127.0.0.1:$port"
  as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_postgres "$PGBIN/psql" -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres >&2 <<SQL
CREATE ROLE descent LOGIN PASSWORD '$password';
CREATE DATABASE descent OWNER descent;
SQL
  echo "$port" >"$dir/port"
  echo "$password" >"$dir/password"
  chmod 600 "$dir/password"
fi

echo "export DESCENT_TEST_POSTGRES_URL='postgresql://127.0.0.1:$(cat "$dir/port")/descent?user=descent&password=$(cat "$dir/password")'"
