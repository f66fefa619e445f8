#!/usr/bin/env bash
# The citizen portal's reads at scale (docs/benchmarks.md, "The citizen portal's reads"): builds the app and the bench
# (Release), makes data sets with `seed-demo --dossiers N` (SQLite files, and databases on a throwaway PostgreSQL
# cluster), prepares each once (`--prepare true`: fills the demo citizen's data store, starts a draft, adds a verified citizen with one dossier; PortalCases.cs),
# with CANDIDATES=1 copies each one and gives the copy the candidate indexes (bench/sql/portal-candidate-indexes.sql)
# and ANALYZE (since commit 53c8b24 the schema has them, migration PortalReadIndexes: the copies are then the same
# schema as the sets, so by default they are not made), then times the portal's reads of the demo citizen `congdan` on all sets in one interleaved run per provider, with
# the plans of every statement.
#
# Usage: bench/portal.sh                     SIZES="10000 100000" PROVIDERS="sqlite postgres"
# Environment:
#   SIZES       data set sizes (default "10000 100000"); the first is the baseline of the ratios. 100,000 dossiers
#               take ~1.5 min and ~1 GB on SQLite; 1,000,000 take 13–68 min and ~10 GB (see docs/benchmarks.md).
#   PROVIDERS   "sqlite", "postgres" or both (default both)
#   WORK        where data sets go (default /tmp/motcua-bench-portal); existing data sets are reused
#   ROUNDS      timed rounds (default 30); KEEP=1 keeps the data sets (default: deleted at the end)
#   CANDIDATES  1: also measure "-idx" copies with sql/portal-candidate-indexes.sql (default 0; already in the schema)
#   PGPORT      port of the throwaway cluster (default 55433)
# Results: artifacts/bench/portal-<provider>*.{md,csv} and *-plans.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
SIZES=${SIZES:-"10000 100000"}
PROVIDERS=${PROVIDERS:-"sqlite postgres"}
WORK=${WORK:-/tmp/motcua-bench-portal}
ROUNDS=${ROUNDS:-30}
PGPORT=${PGPORT:-55433}
CANDIDATES=${CANDIDATES:-0}
out="$root/artifacts/bench"
mkdir -p "$WORK" "$out"

dotnet build src/MotCua.Web -c Release -nologo -v quiet
dotnet build bench/MotCua.Bench -c Release -nologo -v quiet
app="$root/src/MotCua.Web/bin/Release/net10.0"
bench() { (cd "$root/bench/MotCua.Bench/bin/Release/net10.0" && dotnet MotCua.Bench.dll "$@"); }
seed() { (cd "$app" && /usr/bin/time -f "seed-demo: %e s, max RSS %M KB" dotnet MotCua.Web.dll seed-demo "$@" | sed -n 1p); }

sets=()
if [[ " $PROVIDERS " == *" sqlite "* ]]; then
  for n in $SIZES; do
    dir="$WORK/sqlite-$n"
    [ -f "$dir/motcua.db" ] || seed --dossiers "$n" --Storage:DataDirectory="$dir"
    sets+=(--set "$n" --Storage:DataDirectory="$dir")
    [ "$CANDIDATES" = 1 ] || continue
    if [ ! -f "$dir-idx/motcua.db" ]; then
      mkdir -p "$dir-idx"
      bench exec --Storage:DataDirectory="$dir" "PRAGMA wal_checkpoint(TRUNCATE);"
      cp "$dir/motcua.db" "$dir-idx/motcua.db"
      bench exec --Storage:DataDirectory="$dir-idx" "$root/bench/sql/portal-candidate-indexes.sql" "ANALYZE;"
    fi
    sets+=(--set "$n-idx" --Storage:DataDirectory="$dir-idx")
  done
  du -sh "$WORK"/sqlite-* || true
  bench portal --label portal-sqlite --rounds "$ROUNDS" --plans true --prepare true --out "$out" "${sets[@]}"
  sets=()
fi

if [[ " $PROVIDERS " == *" postgres "* ]]; then
  pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")
  pgdir="$WORK/pg"
  as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  if [ ! -d "$pgdir/data" ]; then
    mkdir -p "$pgdir"; [ "$(id -u)" = 0 ] && chown postgres "$pgdir"
    as_pg "'$pgbin/initdb' -D '$pgdir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  fi
  stop_pg() { :; }
  if ! as_pg "'$pgbin/pg_ctl' -D '$pgdir/data' status" >/dev/null 2>&1; then
    # fsync off: a throwaway cluster that only has to load fast; the reads measured do not depend on it.
    as_pg "'$pgbin/pg_ctl' -D '$pgdir/data' -l '$pgdir/log' -o \"-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c shared_buffers=2GB -c max_wal_size=8GB\" -w start" >/dev/null
    stop_pg() { as_pg "'$pgbin/pg_ctl' -D '$pgdir/data' -m fast stop" >/dev/null 2>&1 || true; }
    trap stop_pg EXIT
  fi
  psql() { command psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
  cs() { echo "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=$1"; }
  for n in $SIZES; do
    db="motcua_$n"
    if ! psql -Atc "select 1 from pg_database where datname='$db'" | grep -q 1; then
      psql -c "CREATE DATABASE $db"
      seed --dossiers "$n" --Database:Provider=Postgres --ConnectionStrings:Postgres="$(cs "$db")" --Storage:DataDirectory="$WORK/pg-files-$n"
      psql -d "$db" -c "VACUUM ANALYZE"   # what autovacuum would have done by the time anyone opens a page
    fi
    sets+=(--set "$n" --ConnectionStrings:Postgres="$(cs "$db")")
    [ "$CANDIDATES" = 1 ] || continue
    if ! psql -Atc "select 1 from pg_database where datname='${db}_idx'" | grep -q 1; then
      psql -c "CREATE DATABASE ${db}_idx TEMPLATE $db"
      psql -d "${db}_idx" -f "$root/bench/sql/portal-candidate-indexes.sql" -c "ANALYZE"
    fi
    sets+=(--set "$n-idx" --ConnectionStrings:Postgres="$(cs "${db}_idx")")
  done
  psql -Atc "select datname, pg_size_pretty(pg_database_size(datname)) from pg_database where datname like 'motcua%'"
  bench portal --label portal-postgres --rounds "$ROUNDS" --plans true --prepare true --out "$out" --Database:Provider=Postgres "${sets[@]}"
  stop_pg
  [ "${KEEP:-0}" = 1 ] || rm -rf "$pgdir" "$WORK"/pg-files-*
fi

[ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"/sqlite-*
echo "Results in $out"
