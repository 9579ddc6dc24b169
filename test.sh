#!/usr/bin/env bash
# Runs every test of SmartUnion. Installs what the tests need when it is missing:
# Debian's chromium (browser tests drive /usr/bin/chromium; nothing is downloaded at run time)
# and fonts-noto-cjk (Chinese text in screenshots).
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} ..."
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

results="$(mktemp -d)"
status=0
dotnet test SmartUnion.Blazor.sln -c Release \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx" \
  --results-directory "$results" "$@" || status=$?

# One plain closing line: "N passed, N failed".
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
