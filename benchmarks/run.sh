#!/usr/bin/env bash
# Regenerates the benchmark databases when missing or stale (cached in benchmarks/data/, git-ignored)
# and runs every benchmark at city and province scale, appending the figures to benchmarks/RESULTS.md:
# ranking (b), the 公文信息 list (a), the monthly workbook against MiniExcel (c, one child process per run),
# and 50 Blazor circuits in one headless Chromium against the web app started as its own process (d).
#
#   benchmarks/run.sh                          # city + province, cached databases reused when current
#   benchmarks/run.sh --scales city            # only one scale
#   benchmarks/run.sh --regenerate --reps 50   # force new databases, more repetitions
#
# On PostgreSQL: the province scale generated INTO PostgreSQL with binary COPY (timed), then (b) the ranking and (a)
# the list against hand-written SQL on the same server in the same run. Without --connection a throwaway cluster is
# started (scripts/pg-throwaway.sh, Debian's postgresql installed when missing) and removed at the end; with it, the
# database the connection string names is DROPPED and generated anew (one scale only).
#   benchmarks/run.sh --provider postgresql
#   benchmarks/run.sh --provider postgresql --connection "Host=127.0.0.1;Port=5432;Database=su_bench;Username=postgres"
set -euo pipefail
cd "$(dirname "$0")/.."

SCALES=""
REGENERATE=0
REPS=30
PROVIDER=sqlite
CONNECTION=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scales) SCALES="$2"; shift 2 ;;
    --regenerate) REGENERATE=1; shift ;;
    --reps) REPS="$2"; shift 2 ;;
    --provider) PROVIDER="$(echo "$2" | tr '[:upper:]' '[:lower:]')"; shift 2 ;;
    --connection) CONNECTION="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

RESULTS=benchmarks/RESULTS.md
DATA=benchmarks/data
mkdir -p "$DATA"
BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD -- . 2>/dev/null || BENCH_COMMIT="$BENCH_COMMIT (+ uncommitted changes)"
export BENCH_COMMIT

dotnet build SmartUnion.Benchmarks -c Release -nologo -v q
BENCH=(dotnet SmartUnion.Benchmarks/bin/Release/net10.0/SmartUnion.Benchmarks.dll)

# Appends the wall clock, peak memory and CPU of a generation run (measured by /usr/bin/time -v) to RESULTS.md.
time_line() {
  echo "- \`/usr/bin/time -v\`: wall clock $(grep 'Elapsed (wall clock)' "$1" | awk '{print $NF}')," \
       "max resident set $(( $(grep 'Maximum resident set size' "$1" | awk '{print $NF}') / 1024 )) MiB," \
       "CPU $(grep 'Percent of CPU' "$1" | awk '{print $NF}')" >> "$RESULTS"
}

if [ "$PROVIDER" = postgresql ] || [ "$PROVIDER" = postgres ]; then
  SCALES="${SCALES:-province}"
  if [ -n "$CONNECTION" ] && [ "$(echo "$SCALES" | wc -w)" -ne 1 ]; then
    echo "--connection names one database: give one scale (--scales province)" >&2; exit 2
  fi
  if [ -z "$CONNECTION" ]; then
    # shellcheck source=scripts/pg-throwaway.sh
    source scripts/pg-throwaway.sh
    pg_throwaway_install
    trap pg_throwaway_stop EXIT
    pg_throwaway_start
    echo "== throwaway PostgreSQL on 127.0.0.1:$PG_THROWAWAY_PORT (removed at the end)"
  fi
  for scale in $SCALES; do
    cs="${CONNECTION:-Host=127.0.0.1;Port=${PG_THROWAWAY_PORT:-};Username=postgres;Database=smartunion_bench_$scale}"
    echo "== generate $scale into PostgreSQL (binary COPY)"
    /usr/bin/time -v -o "$DATA/generate-pg-$scale.time" "${BENCH[@]}" generate --scale "$scale" --postgres "$cs" --results "$RESULTS"
    time_line "$DATA/generate-pg-$scale.time"
    echo "== benchmarks on PostgreSQL ($scale)"
    "${BENCH[@]}" bench all --postgres "$cs" --reps "$REPS" --results "$RESULTS"
    # The live update on one instance and across two (two PostgresChangeNotifiers on this server).
    "${BENCH[@]}" live --postgres "$cs" --reps 200 --results "$RESULTS"
  done
  echo "Figures appended to $RESULTS"
  exit 0
fi
[ "$PROVIDER" = sqlite ] || { echo "unknown provider $PROVIDER (sqlite|postgresql)" >&2; exit 2; }
SCALES="${SCALES:-city province}"

# The circuits suite starts the web app as a separate process from its Release build output.
dotnet build SmartUnion.Web -c Release -nologo -v q
export SMARTUNION_WEB_DLL="$PWD/SmartUnion.Web/bin/Release/net10.0/SmartUnion.Web.dll"

for scale in $SCALES; do
  db="$DATA/$scale.db"
  # A database older than the migrations or the generator is stale: the schema or the data shape changed.
  stale=""
  if [ -f "$db" ]; then
    stale="$(find SmartUnion.Domain/Data/Migrations SmartUnion.Benchmarks/Generation -newer "$db" -name '*.cs' | head -1)"
  fi
  if [ "$REGENERATE" = 1 ] || [ ! -f "$db" ] || [ -n "$stale" ]; then
    echo "== generate $scale -> $db"
    /usr/bin/time -v -o "$DATA/generate-$scale.time" "${BENCH[@]}" generate --scale "$scale" --out "$db" --results "$RESULTS"
    time_line "$DATA/generate-$scale.time"
  else
    echo "== using cached $db (pass --regenerate to rebuild it)"
  fi
  echo "== benchmarks on $db"
  "${BENCH[@]}" bench all --db "$db" --reps "$REPS" --results "$RESULTS"
done
echo "Figures appended to $RESULTS"
