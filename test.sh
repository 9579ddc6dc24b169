#!/usr/bin/env bash
# Runs every test of SmartUnion, on both databases. Installs what the tests need when it is missing:
# Debian's chromium (browser tests drive /usr/bin/chromium; nothing is downloaded at run time),
# fonts-noto-cjk (Chinese text in screenshots), libreoffice-writer-nogui (soffice reads the generated Word documents as
# an office suite does) and postgresql (a throwaway cluster is started here, see below).
#
# 1. The whole suite (SQLite, the embedded default; the PostgreSQL-only tests use the throwaway server).
# 2. The data tests again on PostgreSQL (SMARTUNION_TEST_PROVIDER=PostgreSQL): every TestDatabase is then a fresh
#    database on the throwaway server, and every SmartUnionAppFactory (HTTP tests) an app over one. Tests marked
#    [Trait("Database", "SqliteOnly")] (SQLite's backup, pragmas, crash recovery; HTTP tests that touch no data) are left out.
# Arguments are passed to the first run (e.g. --filter); SMARTUNION_TEST_POSTGRES_RUN=0 leaves out the second.
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} ..."
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A throwaway PostgreSQL cluster (temporary folder, 127.0.0.1 and a private socket only), stopped and removed at the end.
# shellcheck source=scripts/pg-throwaway.sh
source scripts/pg-throwaway.sh
results="$(mktemp -d)"
cleanup() { pg_throwaway_stop; rm -rf "$results"; }
trap cleanup EXIT
PG_THROWAWAY_FSYNC=off pg_throwaway_start
export SMARTUNION_TEST_POSTGRES="$PG_THROWAWAY_CS"
echo "PostgreSQL test server: $SMARTUNION_TEST_POSTGRES"

# The data tests that run on both providers (domain, services, reports, authorization matrix, HTTP, reliability, summaries).
postgres_filter='(FullyQualifiedName~SmartUnion.Tests.Services.|FullyQualifiedName~SmartUnion.Tests.Domain.|FullyQualifiedName~SmartUnion.Tests.Reports.|FullyQualifiedName~SmartUnion.Tests.Security.AuthorizationMatrixTests|FullyQualifiedName~SmartUnion.Tests.Reliability.|FullyQualifiedName~SmartUnion.Tests.Http.|FullyQualifiedName~SmartUnion.Tests.Performance.UnitDayScoreTests)&Database!=SqliteOnly'

status=0
dotnet test SmartUnion.Blazor.sln -c Release \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx" \
  --results-directory "$results/sqlite" "$@" || status=$?

if [ "${SMARTUNION_TEST_POSTGRES_RUN:-1}" != "0" ]; then
  echo "Running the data tests again on PostgreSQL ..."
  SMARTUNION_TEST_PROVIDER=PostgreSQL dotnet test SmartUnion.Tests -c Release --no-build \
    --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx" \
    --results-directory "$results/postgresql" --filter "$postgres_filter" || status=$?
fi

# Counts per provider, then one plain closing line over both: "Tests: N passed, N failed, N skipped".
python3 - "$results" <<'PY' || true
import sys, glob, os, xml.etree.ElementTree as ET
total = [0, 0, 0]
for name, folder in (("SQLite", "sqlite"), ("PostgreSQL", "postgresql")):
    counts = [0, 0, 0]
    files = glob.glob(os.path.join(sys.argv[1], folder, "**", "*.trx"), recursive=True)
    for f in files:
        c = ET.parse(f).getroot().find(".//{*}Counters")
        if c is None: continue
        counts[0] += int(c.get("passed", 0)); counts[1] += int(c.get("failed", 0)) + int(c.get("error", 0))
        counts[2] += int(c.get("notExecuted", 0))
    if files:
        print(f"{name}: {counts[0]} passed, {counts[1]} failed, {counts[2]} skipped")
    total = [a + b for a, b in zip(total, counts)]
print(f"Tests: {total[0]} passed, {total[1]} failed, {total[2]} skipped")
PY
exit $status
