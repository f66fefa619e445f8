#!/usr/bin/env bash
# Speed under load over real HTTP, beside a bare baseline in the same run (docs/benchmarks.md, "Under load"; ADR 0035a).
# Builds this checkout and a BEFORE commit (default: main before issue 14's work) as separate app folders, makes the
# data sets once with `seed-demo` (SQLite file; a database on a throwaway PostgreSQL cluster, fsync on: writes are
# measured), then runs `MotCua.Bench load` with both builds and prints the table (also written to artifacts/bench/load.md).
#
# Usage: bench/load.sh
# Environment:
#   BEFORE      commit to compare with (default 8c9022d); BEFORE=none measures this checkout alone
#   SQLITE_N    dossiers in the SQLite set (default 100000; ~15 min to make on 2 cores); 0 skips SQLite
#   PG_N        dossiers in the PostgreSQL set (default 10000); 0 skips PostgreSQL
#   WORK        where builds and data sets go (default /tmp/motcua-load); kept for the next run
#   PGPORT      port of the throwaway cluster (default 55434)
#   ARGS        more options for `load` (e.g. "--rounds 5 --duration 20 --lookup 50,200 --writers 1,8")
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
BEFORE=${BEFORE:-8c9022d}
SQLITE_N=${SQLITE_N:-100000}
PG_N=${PG_N:-10000}
WORK=${WORK:-/tmp/motcua-load}
PGPORT=${PGPORT:-55434}
mkdir -p "$WORK" "$root/artifacts/bench"

dotnet build src/MotCua.Web -c Release -nologo -v quiet
dotnet build bench/MotCua.Bench -c Release -nologo -v quiet
now="$WORK/app-now"
rm -rf "$now" && cp -r src/MotCua.Web/bin/Release/net10.0 "$now"
apps=(--app "now=$now")
if [ "$BEFORE" != none ]; then
  before="$WORK/app-$BEFORE"
  if [ ! -f "$before/MotCua.Web.dll" ]; then
    git worktree add -f --detach "$WORK/src-$BEFORE" "$BEFORE" >/dev/null
    dotnet build "$WORK/src-$BEFORE/src/MotCua.Web" -c Release -nologo -v quiet
    cp -r "$WORK/src-$BEFORE/src/MotCua.Web/bin/Release/net10.0" "$before"
    git worktree remove --force "$WORK/src-$BEFORE"
  fi
  apps=(--app "main-$BEFORE=$before" "${apps[@]}")
fi
seed() { (cd "$now" && dotnet MotCua.Web.dll seed-demo "$@" | sed -n 1p); }

sets=()
if [ "$SQLITE_N" != 0 ]; then
  [ -f "$WORK/sqlite-$SQLITE_N/motcua.db" ] || seed --dossiers "$SQLITE_N" --Storage:DataDirectory="$WORK/sqlite-$SQLITE_N"
  sets+=(--sqlite "$WORK/sqlite-$SQLITE_N")
fi
if [ "$PG_N" != 0 ]; then
  pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")
  pgdir="$WORK/pg"
  as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  if [ ! -d "$pgdir/data" ]; then
    mkdir -p "$pgdir"; [ "$(id -u)" = 0 ] && chown postgres "$pgdir"
    as_pg "'$pgbin/initdb' -D '$pgdir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  fi
  as_pg "'$pgbin/pg_ctl' -D '$pgdir/data' -l '$pgdir/log' -o \"-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=400\" -w start" >/dev/null
  trap "as_pg \"'$pgbin/pg_ctl' -D '$pgdir/data' -m fast stop\" >/dev/null 2>&1 || true" EXIT
  cs="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=motcua_load_$PG_N;Maximum Pool Size=200"
  if ! psql -h 127.0.0.1 -p "$PGPORT" -U postgres -Atc "select 1 from pg_database where datname='motcua_load_$PG_N'" | grep -q 1; then
    seed --dossiers "$PG_N" --Database:Provider=Postgres "--ConnectionStrings:Postgres=$cs" --Storage:DataDirectory="$WORK/pg-files"
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "motcua_load_$PG_N" -qc "VACUUM ANALYZE"
  fi
  sets+=(--postgres "$cs")
fi

cd bench/MotCua.Bench/bin/Release/net10.0
# shellcheck disable=SC2086
dotnet MotCua.Bench.dll load "${apps[@]}" "${sets[@]}" --out "$root/artifacts/bench/load.md" ${ARGS:-}
