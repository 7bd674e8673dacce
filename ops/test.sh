#!/usr/bin/env bash
# ops/test.sh [dotnet test arguments...] — runs every test; the one command for newcomers and for CI.
#
#  1. installs (if missing) and starts PostgreSQL 15 and RabbitMQ from Debian packages: ops/test-services.sh,
#     which needs root and apt the first time
#     and Debian's chromium for the browser tests
#  2. fetches Elsa Studio's npm bundle (ops/fetch-elsa-studio.sh) and axe-core for the portal's accessibility checks
#     (ops/fetch-axe-core.sh), each unless the pinned version is already there
#  3. exports the connection settings the tests read (a value already set in the environment wins)
#  4. validates docker-compose.yml
#  5. dotnet test Foerderworkflow.sln -c Release, with this script's arguments appended
#       e.g. ops/test.sh --filter "FullyQualifiedName~Persistence"; then the chaos suite's counts
# Ends with one summary line; exits non-zero if any step fails.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

STEP="setup"
summary() {
  local rc=$?
  if ((rc == 0)); then
    printf '\nops/test.sh: PASSED (services, docker-compose.yml, dotnet test) in %ss\n' "$SECONDS"
  else
    printf '\nops/test.sh: FAILED in step "%s" (exit code %s) after %ss\n' "$STEP" "$rc" "$SECONDS" >&2
  fi
}
trap summary EXIT

step() { STEP=$1; printf '\n==> %s\n' "$1"; }

step "install test services"
bash ops/test-services.sh install

step "fetch Elsa Studio"
studio_dir=src/Foerderworkflow.Server/elsa-studio
studio_version=$(sed -n 's/^version="\(.*\)"$/\1/p' ops/fetch-elsa-studio.sh)
if [ "$(cat "$studio_dir/.elsa-studio-version" 2>/dev/null)" = "$studio_version" ]; then
  echo "Elsa Studio $studio_version already in $studio_dir"
else
  bash ops/fetch-elsa-studio.sh
fi

step "fetch axe-core"
axe_dir=tests/Foerderworkflow.BrowserTests/axe-core
axe_version=$(sed -n 's/^version="\(.*\)"$/\1/p' ops/fetch-axe-core.sh)
if [ "$(cat "$axe_dir/.axe-core-version" 2>/dev/null)" = "$axe_version" ]; then
  echo "axe-core $axe_version already in $axe_dir"
else
  bash ops/fetch-axe-core.sh
fi

step "start test services"
bash ops/test-services.sh start

: "${FOERDERWORKFLOW_TEST_POSTGRES:=Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres}"
: "${FOERDERWORKFLOW_TEST_RABBITMQ:=amqp://guest:guest@127.0.0.1:5672/}"
export FOERDERWORKFLOW_TEST_POSTGRES FOERDERWORKFLOW_TEST_RABBITMQ
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

step "validate docker-compose.yml"
docker-compose -f docker-compose.yml config -q

step "dotnet test"
echo "Browser test screenshots (one per step): tests/Foerderworkflow.BrowserTests/bin/Release/net10.0/TestResults/screenshots/"
# The chaos suite (tests/Foerderworkflow.ChaosTests; needs the rabbitmq-server and python3-aiosmtpd packages installed
# above, and PostgreSQL) appends its counts here; shown after the tests, passed or failed.
chaos_summary=tests/Foerderworkflow.ChaosTests/bin/Release/net10.0/TestResults/chaos-summary.txt
rm -f "$chaos_summary"
rc=0
dotnet test Foerderworkflow.sln -c Release "$@" || rc=$?
if [ -s "$chaos_summary" ]; then
  printf '\nChaos suite (%s):\n' "$chaos_summary"
  cat "$chaos_summary"
fi
exit "$rc"
