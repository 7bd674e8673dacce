#!/usr/bin/env bash
# ops/test-services.sh install|start|stop|status
#
# The services the test suite talks to, from Debian 12 packages, without systemd or Docker:
#   PostgreSQL 15  127.0.0.1:5432   user postgres, password postgres
#   RabbitMQ       127.0.0.1:5672   guest/guest (management UI on 127.0.0.1:15672)
# `install` also adds chromium (Debian's browser for the Playwright tests of Elsa Studio; never a Playwright browser
# download), python3-aiosmtpd (SMTP catcher the tests start themselves) and docker-compose (only to
# validate docker-compose.yml). Everything listens on loopback only. Every action is idempotent: packages that
# are installed are not touched, a running service is left running. Needs root (re-runs itself with sudo if
# that is available) only when there is something to install, configure or start.
set -euo pipefail

SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
ACTION=${1:-status}

PACKAGES=(postgresql-15 rabbitmq-server chromium python3-aiosmtpd docker-compose)

PG_VERSION=15
PG_CLUSTER=main
PG_HOST=127.0.0.1
PG_PORT=5432
PG_PASSWORD=postgres

RMQ_NODE=rabbit@localhost
RMQ_HOST=127.0.0.1
RMQ_PORT=5672
RMQ_MGMT_PORT=15672
RMQ_LOG=/var/log/rabbitmq/${RMQ_NODE}.log

log() { printf 'test-services: %s\n' "$*"; }
die() { printf 'test-services: error: %s\n' "$*" >&2; exit 1; }

# Run the whole action again as root when we are not root. Called only before the first change, so nothing
# has happened yet that the re-run would repeat.
need_root() {
  [ "$(id -u)" -eq 0 ] && return 0
  if command -v sudo >/dev/null 2>&1; then
    log "root needed to $1; re-running with sudo"
    exec sudo -- bash "$SELF" "$ACTION"
  fi
  die "root needed to $1 (run as root, or provide the services yourself and set the FOERDERWORKFLOW_TEST_* variables)"
}

is_installed() { dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null | grep -qx installed; }

# wait_for SECONDS WHAT COMMAND...: poll COMMAND every 0.2 s until it succeeds; fail after SECONDS.
wait_for() {
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { printf 'test-services: timeout after %ss waiting for %s\n' "$seconds" "$what" >&2; return 1; }
    sleep 0.2
  done
}

tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# A process that has exited but is not yet reaped (a zombie: this machine's pid 1 reaps late) counts as gone.
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $st != Z* ]]; }

# ---------------------------------------------------------------------------------------------------- install

install_packages() {
  local p missing=()
  for p in "${PACKAGES[@]}"; do is_installed "$p" || missing+=("$p"); done
  if ((${#missing[@]} == 0)); then
    log "packages already installed: ${PACKAGES[*]}"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; this script targets Debian 12"
  need_root "install ${missing[*]}"
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Packages must not start their services on install (they would listen on every interface, under their own
  # settings); start() does that. Debian's convention for this is a policy-rc.d that exits 101; add one only if
  # the machine has none, and take it away again afterwards.
  local policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    trap 'rm -f "'"$policy"'"' EXIT
  fi
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# write_file PATH OWNER CONTENT: write only when the content differs; returns 0 if it wrote.
write_file() {
  if [ -f "$1" ] && [ "$(cat "$1")" = "$3" ]; then return 1; fi
  need_root "write $1"
  printf '%s\n' "$3" >"$1"
  chown "$2" "$1"
}

configure_rabbitmq() {
  local changed=0
  # Node, epmd (4369) and Erlang distribution (25672) on loopback; read by the server and by rabbitmqctl.
  write_file /etc/rabbitmq/rabbitmq-env.conf rabbitmq:rabbitmq "NODENAME=${RMQ_NODE}
NODE_IP_ADDRESS=${RMQ_HOST}
NODE_PORT=${RMQ_PORT}
export ERL_EPMD_ADDRESS=127.0.0.1
SERVER_ADDITIONAL_ERL_ARGS=\"-kernel inet_dist_use_interface {127,0,0,1}\"" && changed=1
  write_file /etc/rabbitmq/rabbitmq.conf rabbitmq:rabbitmq "listeners.tcp.default = ${RMQ_HOST}:${RMQ_PORT}
management.tcp.ip = 127.0.0.1
management.tcp.port = ${RMQ_MGMT_PORT}" && changed=1
  write_file /etc/rabbitmq/enabled_plugins rabbitmq:rabbitmq '[rabbitmq_management].' && changed=1
  if ((changed)) && rabbitmq_running; then
    log "RabbitMQ configuration changed while it runs: run '$0 stop' and '$0 start' to apply it"
  fi
}

ensure_pg_cluster() {
  # Debian creates cluster 15/main when postgresql-15 is installed; create it only if it has gone.
  pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "${PG_VERSION} ${PG_CLUSTER}" && return 0
  need_root "create PostgreSQL cluster ${PG_VERSION}/${PG_CLUSTER}"
  log "creating PostgreSQL cluster ${PG_VERSION}/${PG_CLUSTER}"
  pg_createcluster --port "$PG_PORT" "$PG_VERSION" "$PG_CLUSTER" >/dev/null
}

install() {
  install_packages
  configure_rabbitmq
  ensure_pg_cluster
  log "install: done"
}

# ------------------------------------------------------------------------------------------------------ start

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }
pg_login_ok() {
  PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=5 psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -XAtqc 'select 1' \
    >/dev/null 2>&1
}

start_postgres() {
  if pg_ready; then
    log "PostgreSQL already running"
  else
    need_root "start PostgreSQL"
    log "starting PostgreSQL ${PG_VERSION}/${PG_CLUSTER} on ${PG_HOST}:${PG_PORT}"
    # pg_ctlcluster waits until the server accepts connections (pg_ctl -w).
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start -- -o "-c listen_addresses=${PG_HOST}"
  fi
  wait_for 60 "PostgreSQL on ${PG_HOST}:${PG_PORT}" pg_ready
  # The tests log in with a password over TCP (scram-sha-256 in Debian's pg_hba.conf); set it once.
  if ! pg_login_ok; then
    need_root "set the password of PostgreSQL user postgres"
    runuser -u postgres -- psql -p "$PG_PORT" -Xq -c "ALTER USER postgres PASSWORD '${PG_PASSWORD}'" >/dev/null
    pg_login_ok || die "cannot log in to PostgreSQL as postgres/${PG_PASSWORD} on ${PG_HOST}:${PG_PORT}"
  fi
}

# the broker is the Erlang VM (beam.smp) of user rabbitmq; a pid file could be stale and its pid reused
rabbitmq_pids() {
  local p
  for p in $(pgrep -u rabbitmq -x beam.smp || true); do alive "$p" && echo "$p"; done
  return 0
}
rabbitmq_running() { [ -n "$(rabbitmq_pids)" ]; }

rabbitmq_booting() {
  # ready when the AMQP listener accepts (it opens last during boot); fail fast if the broker has died
  tcp_open "$RMQ_HOST" "$RMQ_PORT" && return 0
  rabbitmq_running || { printf 'test-services: RabbitMQ exited during start; last log lines:\n' >&2; tail -n 30 "$RMQ_LOG" >&2 || true; exit 1; }
  return 1
}

start_rabbitmq() {
  if rabbitmq_running; then
    log "RabbitMQ already running"
  else
    need_root "start RabbitMQ"
    log "starting RabbitMQ on ${RMQ_HOST}:${RMQ_PORT}"
    # the /usr/sbin wrapper switches to the rabbitmq user; -detached returns at once
    rabbitmq-server -detached
  fi
  local deadline=$((SECONDS + 120))
  until rabbitmq_booting; do
    ((SECONDS < deadline)) || die "timeout after 120s waiting for RabbitMQ on ${RMQ_HOST}:${RMQ_PORT} (see ${RMQ_LOG})"
    sleep 0.2
  done
  # rabbitmqctl needs the Erlang cookie, which only root and rabbitmq can read
  if [ "$(id -u)" -eq 0 ]; then
    rabbitmqctl -q -n "$RMQ_NODE" await_startup --timeout 60 >/dev/null
  fi
  wait_for 60 "RabbitMQ management on 127.0.0.1:${RMQ_MGMT_PORT}" tcp_open 127.0.0.1 "$RMQ_MGMT_PORT"
}

start() {
  start_postgres
  start_rabbitmq
  log "start: PostgreSQL ${PG_HOST}:${PG_PORT} and RabbitMQ ${RMQ_HOST}:${RMQ_PORT} are ready"
}

# ------------------------------------------------------------------------------------------------------- stop

wait_gone() { # PID SECONDS
  local deadline=$((SECONDS + $2))
  while alive "$1"; do
    ((SECONDS < deadline)) || { printf 'test-services: pid %s still running after %ss\n' "$1" "$2" >&2; return 1; }
    sleep 0.2
  done
}

stop() {
  local p
  if rabbitmq_running; then
    need_root "stop RabbitMQ"
    log "stopping RabbitMQ"
    for p in $(rabbitmq_pids); do
      kill -TERM "$p" 2>/dev/null || true # graceful shutdown; takes a few seconds
      wait_gone "$p" 60
    done
  fi
  # epmd is started with the broker and outlives it
  for p in $(pgrep -u rabbitmq -x epmd || true); do
    alive "$p" || continue
    need_root "stop epmd"
    kill "$p" 2>/dev/null || true
  done
  if pg_lsclusters -h 2>/dev/null | awk '{print $1, $2, $4}' | grep -qx "${PG_VERSION} ${PG_CLUSTER} online"; then
    need_root "stop PostgreSQL"
    log "stopping PostgreSQL"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop -m fast
  fi
  log "stop: done"
}

# ----------------------------------------------------------------------------------------------------- status

status() {
  local rc=0
  if pg_ready; then
    if pg_login_ok; then log "postgresql: up on ${PG_HOST}:${PG_PORT}, login postgres/${PG_PASSWORD} ok"
    else log "postgresql: up on ${PG_HOST}:${PG_PORT}, but login postgres/${PG_PASSWORD} FAILS"; rc=1; fi
  else
    log "postgresql: down"; rc=1
  fi
  if ! rabbitmq_running; then
    log "rabbitmq: down"; rc=1
  elif ! tcp_open "$RMQ_HOST" "$RMQ_PORT"; then
    log "rabbitmq: process running, AMQP ${RMQ_HOST}:${RMQ_PORT} not accepting"; rc=1
  elif [ "$(id -u)" -eq 0 ] && ! rabbitmqctl -q -n "$RMQ_NODE" status >/dev/null 2>&1; then
    log "rabbitmq: AMQP port open, but rabbitmqctl status fails"; rc=1
  else
    log "rabbitmq: up on ${RMQ_HOST}:${RMQ_PORT}, management $(tcp_open 127.0.0.1 "$RMQ_MGMT_PORT" && echo "up" || echo "DOWN") on 127.0.0.1:${RMQ_MGMT_PORT}"
  fi
  if command -v ss >/dev/null 2>&1; then
    log "listening sockets of these services:"
    ss -Hltn '( sport = :5432 or sport = :5672 or sport = :15672 or sport = :4369 or sport = :25672 )' |
      awk '{print "  " $4}' | sort
  fi
  return "$rc"
}

case "$ACTION" in
  install | start | stop | status) "$ACTION" ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
