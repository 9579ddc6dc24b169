#!/usr/bin/env bash
# Regenerates the benchmark databases when missing or stale (cached in benchmarks/data/, git-ignored)
# and runs every benchmark at city and province scale, appending the figures to benchmarks/RESULTS.md:
# ranking (b), the 公文信息 list (a), the monthly workbook against MiniExcel (c, one child process per run),
# and 50 Blazor circuits in one headless Chromium against the web app started as its own process (d).
#
#   benchmarks/run.sh                          # city + province, cached databases reused when current
#   benchmarks/run.sh --scales city            # only one scale
#   benchmarks/run.sh --regenerate --reps 50   # force new databases, more repetitions
set -euo pipefail
cd "$(dirname "$0")/.."

SCALES="city province"
REGENERATE=0
REPS=30
while [ $# -gt 0 ]; do
  case "$1" in
    --scales) SCALES="$2"; shift 2 ;;
    --regenerate) REGENERATE=1; shift ;;
    --reps) REPS="$2"; shift 2 ;;
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
# The circuits suite starts the web app as a separate process from its Release build output.
dotnet build SmartUnion.Web -c Release -nologo -v q
export SMARTUNION_WEB_DLL="$PWD/SmartUnion.Web/bin/Release/net10.0/SmartUnion.Web.dll"
BENCH=(dotnet SmartUnion.Benchmarks/bin/Release/net10.0/SmartUnion.Benchmarks.dll)

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
    {
      echo "- \`/usr/bin/time -v\`: wall clock $(grep 'Elapsed (wall clock)' "$DATA/generate-$scale.time" | awk '{print $NF}')," \
           "max resident set $(( $(grep 'Maximum resident set size' "$DATA/generate-$scale.time" | awk '{print $NF}') / 1024 )) MiB," \
           "CPU $(grep 'Percent of CPU' "$DATA/generate-$scale.time" | awk '{print $NF}')"
    } >> "$RESULTS"
  else
    echo "== using cached $db (pass --regenerate to rebuild it)"
  fi
  echo "== benchmarks on $db"
  "${BENCH[@]}" bench all --db "$db" --reps "$REPS" --results "$RESULTS"
done
echo "Figures appended to $RESULTS"
