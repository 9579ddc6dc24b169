# Sourced by test.sh and scripts/postgres-dev.sh: a throwaway PostgreSQL cluster in a temporary folder.
#   pg_throwaway_install           installs Debian's postgresql when missing
#   pg_throwaway_start [PORT]      initdb + start (loopback and a Unix socket in the folder only); sets PG_THROWAWAY_DIR,
#                                  PG_THROWAWAY_PORT and PG_THROWAWAY_CS (an Npgsql connection string, user postgres)
#   pg_throwaway_stop              stops the server and removes the folder
# The server runs as the postgres user (initdb refuses root); trust authentication is safe because it listens on
# 127.0.0.1 and a socket in a private folder only.

pg_throwaway_bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$d" ] && echo "$d"
}

pg_throwaway_install() {
  if [ -z "$(pg_throwaway_bindir)" ]; then
    echo "Installing postgresql ..."
    local SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  fi
}

# Runs a command as the postgres user (as root: runuser; otherwise sudo).
pg_throwaway_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

pg_throwaway_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pg_throwaway_start() {
  local bin; bin="$(pg_throwaway_bindir)"
  [ -n "$bin" ] || { echo "PostgreSQL is not installed" >&2; return 1; }
  PG_THROWAWAY_PORT="${1:-$(pg_throwaway_free_port)}"
  PG_THROWAWAY_DIR="$(mktemp -d /tmp/smartunion-pg.XXXXXX)"
  chmod 755 "$PG_THROWAWAY_DIR"
  local SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO chown postgres "$PG_THROWAWAY_DIR"
  pg_throwaway_as_postgres "$bin/initdb" -D "$PG_THROWAWAY_DIR/data" -A trust -E UTF8 --locale=C.UTF-8 >"$PG_THROWAWAY_DIR.initdb.log" 2>&1 \
    || { cat "$PG_THROWAWAY_DIR.initdb.log" >&2; return 1; }
  pg_throwaway_as_postgres "$bin/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -l "$PG_THROWAWAY_DIR/server.log" \
    -o "-p $PG_THROWAWAY_PORT -k $PG_THROWAWAY_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=${PG_THROWAWAY_FSYNC:-on}" \
    -w start >/dev/null || { cat "$PG_THROWAWAY_DIR/server.log" >&2; return 1; }
  rm -f "$PG_THROWAWAY_DIR.initdb.log"
  PG_THROWAWAY_CS="Host=127.0.0.1;Port=$PG_THROWAWAY_PORT;Username=postgres;Database=postgres"
  export PG_THROWAWAY_DIR PG_THROWAWAY_PORT PG_THROWAWAY_CS
}

pg_throwaway_stop() {
  [ -n "${PG_THROWAWAY_DIR:-}" ] && [ -d "$PG_THROWAWAY_DIR" ] || return 0
  local bin; bin="$(pg_throwaway_bindir)"
  pg_throwaway_as_postgres "$bin/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_THROWAWAY_DIR"
  PG_THROWAWAY_DIR=""
}
