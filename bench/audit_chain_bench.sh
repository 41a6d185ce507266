#!/usr/bin/env bash
# The audit chain's cost on durable writes (docs/performance.md, "Audit chain"): times the demo
# seed (`jiceng demo`, 50,000 cases) and then runs the Open311 intake under wrk (the same
# request as bench/open311_wrk.sh: a case, its timeline event, its counters and its audit row,
# answered after the commit) on one database driver.
#
#   bash bench/audit_chain_bench.sh                                   # SQLite file
#   PG_FSYNC=on bash scripts/with-postgres.sh bash bench/audit_chain_bench.sh   # PostgreSQL 15
# With JICENG_TEST_PG set (with-postgres.sh) it uses PostgreSQL; ROLES=1 runs the server as the
# role that owns nothing (JICENG_TEST_PG_APP, migrations as the owner: [database] owner_url),
# which builds before that setting existed do not know. BUILD: build directory with `jiceng`.
# DURATION, CONNECTIONS, THREADS tune wrk (bench_lib.sh). Prints the load average before and
# after: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/bench_lib.sh
JICENG="$BUILD/jiceng"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

export JICENG_SECURITY_KEY_FILE="$work/data.key"
if [[ -n ${JICENG_TEST_PG:-} ]]; then
  driver=postgres
  DB=$JICENG_TEST_PG
  if [[ -n ${ROLES:-} ]]; then
    export JICENG_DATABASE_OWNER_URL=$JICENG_TEST_PG
    DB=$JICENG_TEST_PG_APP
  fi
  sql() { psql -At "$JICENG_TEST_PG" -c "$1"; }
else
  driver=sqlite
  DB="$work/demo.db"
  sql() { python3 -c "import sqlite3,sys; [print('|'.join(map(str,r))) for r in sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True).execute(sys.argv[2])]" "$DB" "$1"; }
fi
export PATH="/usr/lib/postgresql/15/bin:$PATH"

start=$(date +%s.%N)
"$JICENG" demo --db "$DB" --password 'Bench#2026pass' >"$work/demo.log" 2>&1 ||
  { cat "$work/demo.log" >&2; exit 1; }
end=$(date +%s.%N)
printf 'driver %s: jiceng demo %.1f s wall; %s audit rows\n' "$driver" "$(echo "$end - $start" | bc)" \
  "$(sql "SELECT COUNT(*) FROM core_audit")"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
JICENG_SERVER_ACCESS_LOG=false "$JICENG" serve --db "$DB" --port "$port" >"$work/serve.log" 2>&1 &
server_pid=$!
base_url="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base_url/healthz" >/dev/null && break; sleep 0.1; done

key=$("$JICENG" apikey add "bench-$(date +%s)-$$" --db "$DB" 2>/dev/null | tail -n 1)
sql "SELECT geometry FROM org_grids ORDER BY code" | python3 -c '
import json, sys
rows = [l for l in sys.stdin.read().splitlines() if l]
for g in rows[:: max(1, len(rows) // 500)]:
    ring = json.loads(g)["coordinates"][0][:-1]
    print(f"{sum(p[1] for p in ring) / len(ring):.7f} {sum(p[0] for p in ring) / len(ring):.7f}")
' >"$work/points.txt"
read -r lat lng <"$work/points.txt"
answer=$(curl -s -w ' HTTP %{http_code}' -X POST "$base_url/open311/v2/requests.json" \
  --data-urlencode "api_key=$key" --data "service_code=E0102&lat=$lat&long=$lng" \
  --data-urlencode "description=压测：路边有垃圾堆放")
[[ $answer == *"HTTP 200" ]] || { echo "open311 POST failed: $answer" >&2; exit 1; }

count() { sql "SELECT COUNT(*) FROM cases_cases WHERE channel = 'open311'"; }
before=$(count)
read -r p_rps p_p99 p_done p_bad < <(wrk_stats -s bench/open311_post.lua "$base_url/open311/v2/requests.json" -- \
  "$key" "$work/points.txt")
sleep 0.5
after=$(count)
print_rate "POST /open311/v2/requests" "$p_rps" "$p_p99"
echo "cases written during the run: $((after - before)) (wrk completed $p_done requests, non-2xx ${p_bad:-0})"
kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
server_pid=""
if "$JICENG" audit verify --help >/dev/null 2>&1 && "$JICENG" audit verify --help | grep -q -- --key-file; then
  "$JICENG" audit verify --db "$DB" || true
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
