#!/usr/bin/env bash
# Starts a local throwaway PostgreSQL server for trying SmartUnion on PostgreSQL (Debian's postgresql, installed when
# missing; data in a temporary folder, listening on 127.0.0.1 only), prints the command that runs the app on it,
# and removes everything when you press Ctrl+C.
# Usage: scripts/postgres-dev.sh [PORT]   (default 5433)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/pg-throwaway.sh
source scripts/pg-throwaway.sh
pg_throwaway_install
trap 'pg_throwaway_stop; echo "PostgreSQL stopped and removed."' EXIT
pg_throwaway_start "${1:-5433}"
cs="Host=127.0.0.1;Port=$PG_THROWAWAY_PORT;Database=smartunion;Username=postgres"
cat <<MSG
PostgreSQL is running on 127.0.0.1:$PG_THROWAWAY_PORT (data in $PG_THROWAWAY_DIR, trust authentication, loopback only).
Run the app on it from another terminal (the app creates the database "smartunion" and its tables on first start):

  SmartUnion__Database__Provider=PostgreSQL ConnectionStrings__SmartUnion='$cs' dotnet run --project SmartUnion.Web

psql: $(pg_throwaway_bindir)/psql -h 127.0.0.1 -p $PG_THROWAWAY_PORT -U postgres smartunion
Press Ctrl+C to stop the server and delete its data.
MSG
while true; do sleep 3600; done
