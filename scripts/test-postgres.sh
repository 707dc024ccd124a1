#!/usr/bin/env bash
# Runs the integration and browser suites against PostgreSQL. Without TEST_DATABASE_URL it starts this
# machine's PostgreSQL 15 cluster and creates a "trustmark" role that may create the per-test databases.
set -euo pipefail

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    pg_ctlcluster --skip-systemctl-redirect 15 main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c "
    do \$\$ begin
      if not exists (select from pg_roles where rolname = 'trustmark') then
        create role trustmark login createdb password 'trustmark';
      end if;
    end \$\$;"
  export TEST_DATABASE_URL="postgres://trustmark:trustmark@127.0.0.1:5432/postgres"
fi

echo "Running the integration and browser suites on PostgreSQL (${TEST_DATABASE_URL%%@*}@...)"
npm run build
npx vitest run --project integration --project browser
