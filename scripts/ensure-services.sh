#!/usr/bin/env bash
# Makes sure the real parts the test suites need are there: PostgreSQL and
# Redis running on their standard local ports, and Debian's Chromium for the
# browser tests. Installs them from Debian's archive when missing and we are
# root (CI machines, fresh containers); anywhere else it says what to do and fails.
set -euo pipefail

pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }
wait_for() { for _ in $(seq 1 30); do "$1" && return 0; sleep 1; done; return 1; }

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! pg_up; then
  if ! command -v pg_ctlcluster >/dev/null; then
    can_install || { echo "PostgreSQL is not running on 127.0.0.1:5432 and cannot be installed here (need root + apt). Install PostgreSQL or set TEST_DATABASE_URL." >&2; exit 1; }
    echo "installing PostgreSQL from Debian's archive..."
    apt_install postgresql
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  # Tests connect as postgres over TCP without a password, as on the project's machines.
  hba=/etc/postgresql/$version/main/pg_hba.conf
  if ! grep -q "latch-test-trust" "$hba" 2>/dev/null; then
    sed -i '1i host all all 127.0.0.1/32 trust # latch-test-trust\nhost all all ::1/128 trust # latch-test-trust' "$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for pg_up || { echo "PostgreSQL did not start" >&2; exit 1; }
fi

if ! redis_up; then
  if ! command -v redis-server >/dev/null; then
    can_install || { echo "Redis is not running on 127.0.0.1:6379 and cannot be installed here (need root + apt). Install Redis or set TEST_REDIS_URL." >&2; exit 1; }
    echo "installing Redis from Debian's archive..."
    apt_install redis-server
  fi
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  wait_for redis_up || { echo "Redis did not start" >&2; exit 1; }
fi
if ! command -v chromium >/dev/null; then
  can_install || { echo "Chromium is not installed and cannot be installed here (need root + apt). Install Debian's chromium package." >&2; exit 1; }
  echo "installing Chromium from Debian's archive..."
  apt_install chromium
fi
echo "services: PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 are up; $(chromium --version 2>/dev/null)"
