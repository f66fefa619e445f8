#!/usr/bin/env bash
# Adds a migration with the same name to both migration sets (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh AddSomething
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: $0 MigrationName" >&2; exit 2; }
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$1" --project "src/MotCua.Migrations.$provider" --startup-project "src/MotCua.Migrations.$provider" -o Migrations
done
rm -f src/MotCua.Migrations.Sqlite/design-time.db*
