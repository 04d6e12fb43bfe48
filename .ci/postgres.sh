#!/usr/bin/env bash
# Make sure a PostgreSQL server answers at 127.0.0.1:5432 with trust auth and a database `test`,
# as the store's contract tests expect under CI. Installs Debian's postgresql with apt if it is
# missing, starts the cluster if it is stopped; does nothing when the server is already up.
set -euo pipefail
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
command -v pg_isready >/dev/null && ready && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v pg_ctlcluster >/dev/null; then
    echo "PostgreSQL is not installed: installing Debian's postgresql" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -1)
hba=/etc/postgresql/$version/main/pg_hba.conf
if ! $SUDO grep -q "^host all all 127.0.0.1/32 trust" "$hba"; then
    # Tests connect as postgres over TCP without a password, as on the development machines.
    $SUDO sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$hba"
fi
$SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
    || $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload
for _ in $(seq 30); do ready && break; sleep 1; done
ready || { echo "PostgreSQL did not start" >&2; exit 1; }
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE test"
echo "PostgreSQL is up at 127.0.0.1:5432" >&2
