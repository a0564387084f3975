# Sourced by .ci/run: makes sure Redis and PostgreSQL answer on this machine (starting them, and
# installing Debian's redis-server / postgresql on a fresh machine), then gives this run a database
# and a Redis key prefix of its own, dropped/deleted when the run ends, so runs never collide.
# Exports DATABASE_URL, REDIS_URL, CLOSECALL_REDIS_PREFIX and CLOSECALL_REQUIRE_PG=1 (the Postgres
# contract suite and the scale-out tests must run, not skip).

ci_sudo=""
[[ $(id -u) -ne 0 ]] && ci_sudo="sudo"

ci_need=()
command -v redis-server >/dev/null 2>&1 || ci_need+=(redis-server)
command -v pg_ctlcluster >/dev/null 2>&1 || ci_need+=(postgresql)
command -v psql >/dev/null 2>&1 || ci_need+=(postgresql-client)
if ((${#ci_need[@]})); then
  echo "==> installing Debian packages: ${ci_need[*]}"
  $ci_sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $ci_sudo apt-get install -y -qq "${ci_need[@]}" >/dev/null
fi

ci_redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
if ! ci_redis_up; then
  echo "==> starting Redis on 127.0.0.1:6379"
  $ci_sudo mkdir -p /var/lib/redis /var/log/redis
  $ci_sudo redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 50); do ci_redis_up && break; sleep 0.2; done
  ci_redis_up || { echo "Redis did not start (see /var/log/redis/ci.log)"; exit 1; }
fi

ci_pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
if ! ci_pg_up; then
  echo "==> starting PostgreSQL on 127.0.0.1:5432"
  $ci_sudo pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  for _ in $(seq 1 50); do ci_pg_up && break; sleep 0.2; done
  ci_pg_up || { echo "PostgreSQL did not start"; exit 1; }
fi

# Who may make a database: the machine's trust-auth `postgres` role, or on a stock Debian install
# (peer auth, passwords over TCP) a role made for CI with a password.
ci_pg_admin="postgres://postgres@127.0.0.1:5432/postgres"
if ! psql "$ci_pg_admin" -Atqc 'SELECT 1' >/dev/null 2>&1; then
  ci_pw="ci_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  $ci_sudo su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'closecall_ci') THEN CREATE ROLE closecall_ci LOGIN CREATEDB; END IF; END \\\$\\\$; ALTER ROLE closecall_ci PASSWORD '$ci_pw';\"" >/dev/null
  ci_pg_admin="postgres://closecall_ci:${ci_pw}@127.0.0.1:5432/postgres"
fi

ci_id="$(date +%s)_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ci_db="closecall_ci_${ci_id}"
psql "$ci_pg_admin" -qc "CREATE DATABASE ${ci_db}" >/dev/null
export DATABASE_URL="${ci_pg_admin%/postgres}/${ci_db}"
export REDIS_URL="redis://127.0.0.1:6379"
export CLOSECALL_REDIS_PREFIX="closecall_ci_${ci_id}"
export CLOSECALL_REQUIRE_PG=1
echo "==> services: PostgreSQL database ${ci_db}, Redis key prefix ${CLOSECALL_REDIS_PREFIX}"

ci_services_cleanup() {
  psql "$ci_pg_admin" -qc "DROP DATABASE IF EXISTS ${ci_db} WITH (FORCE)" >/dev/null 2>&1 || true
  redis-cli -h 127.0.0.1 -p 6379 --scan --pattern "${CLOSECALL_REDIS_PREFIX}*" 2>/dev/null |
    xargs -r redis-cli -h 127.0.0.1 -p 6379 del >/dev/null 2>&1 || true
}
trap ci_services_cleanup EXIT
