#!/usr/bin/env bash
# Runs every test on SQLite and on PostgreSQL and ends with "N passed, N failed".
# On a bare Debian machine (as root) it installs what the tests need first: PostgreSQL, Chromium, Noto fonts.
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Calendar]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"

# ---- what the tests need from the machine
need=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(npm)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need+=(fonts-noto-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "Missing ${need[*]}: run this script as root once, or install them with apt." >&2
  fi
fi

# ---- a throwaway PostgreSQL cluster
pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n1)" 2>/dev/null || true)
[ -x "$pgbin/initdb" ] || pgbin=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
if [ ! -x "$pgbin/initdb" ]; then
  echo "PostgreSQL's initdb was not found: run this script as root once (it installs postgresql), or apt-get install postgresql." >&2
  exit 1
fi
pgdir=$(mktemp -d /tmp/motcua-pg.XXXXXX)
pgport=$(( 55000 + RANDOM % 5000 ))
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$pgdir"
stop_pg() { as_pg "'$pgbin/pg_ctl' -D '$pgdir/data' -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap stop_pg EXIT
as_pg "'$pgbin/initdb' -D '$pgdir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
as_pg "'$pgbin/pg_ctl' -D '$pgdir/data' -l '$pgdir/log' -o \"-p $pgport -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off\" -w start" >/dev/null
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on port $pgport"

# ---- axe-core for the browser tests' accessibility checks (pinned in package-lock.json)
npm ci --prefix tests/MotCua.Tests/Browser --no-audit --no-fund

# ---- build once, test twice
dotnet build MotCua.slnx -c Release -v quiet -nologo

# Browser journeys drive the same pages on either database: they run in the SQLite pass only (docs/adr/0033f;
# tests/MotCua.Tests/Architecture/BrowserTestsRunOnceTests keeps this filter and the classes in step).
browser_tests='FullyQualifiedName!~.Browser.&FullyQualifiedName!~JourneyTests.&FullyQualifiedName!~BrowserTests.'
status=0
for provider in Sqlite Postgres; do
  echo "== Tests on $provider"
  only=()
  if [ "$provider" = Postgres ] && [[ " $* " != *" --filter "* ]]; then only=(--filter "$browser_tests"); fi
  MOTCUA_TEST_PROVIDER=$provider \
  MOTCUA_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Maximum Pool Size=50" \
    dotnet test tests/MotCua.Tests/MotCua.Tests.csproj -c Release --no-build -nologo \
      --logger "trx;LogFileName=$provider.trx" --results-directory "$results" "${only[@]}" "$@" || status=1
done

# ---- one line for CI, summed over both providers from the TRX counters
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("{*}ResultSummary/{*}Counters")
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)
[ "$passed" -gt 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
