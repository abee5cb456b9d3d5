#!/bin/sh
# One-shot schema job (temporalio/admin-tools): creates the Temporal databases on PostgreSQL and
# brings both schemas to the version this admin-tools image ships. Safe to run again: creating an
# existing database is reported and skipped, and update-schema only applies missing versions.
set -eu
: "${POSTGRES_SEEDS:=postgresql}" "${DB_PORT:=5432}" "${POSTGRES_USER:=temporal}" "${POSTGRES_PWD:=temporal}"
export SQL_PASSWORD="$POSTGRES_PWD"
SCHEMA_DIR=/etc/temporal/schema/postgresql/v12


for db in temporal temporal_visibility; do
  echo "schema-setup: database $db"
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" --db "$db" create \
    || echo "schema-setup: $db exists"
done

temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" --db temporal \
  setup-schema -v 0.0
temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" --db temporal \
  update-schema -d "$SCHEMA_DIR/temporal/versioned"
temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" --db temporal_visibility \
  setup-schema -v 0.0
temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" --db temporal_visibility \
  update-schema -d "$SCHEMA_DIR/visibility/versioned"
echo "schema-setup: done"
