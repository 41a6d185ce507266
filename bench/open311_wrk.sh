#!/usr/bin/env bash
# Durable Open311 intake under wrk (goal, issue 4: POST /open311/v2/requests.json >= 0.30x the
# /healthz rate of the same server in the same run). Each POST locates its point to a grid, sets
# the filing deadline, writes the case, its timeline event and its audit row, and answers after
# the commit. Prints req/s and p99 for /healthz (baseline) and the POST, the ratio, and checks
# that every completed POST left a case.
#
#   bash bench/open311_wrk.sh                        # alone: demo database and server of its own
#   BASE_URL=http://127.0.0.1:PORT DB=path.db bash bench/open311_wrk.sh   # a running server (run.sh)
# DURATION, CONNECTIONS, THREADS tune wrk as in run.sh; BUILD is the build directory (NO_BUILD=1:
# use it as it is).
set -euo pipefail
cd "$(dirname "$0")/.."
BASE_URL=${BASE_URL:-}
DB=${DB:-}
source bench/bench_lib.sh

if [[ -z $BASE_URL ]]; then
  [[ -n ${NO_BUILD:-} ]] || cmake --build "$BUILD" --target jiceng -j "$(nproc)" >/dev/null
  DB="$work/demo.db"
  serve_demo "$DB"
  BASE_URL=$base_url
fi
[[ -n $DB ]] || { echo "open311_wrk.sh: DB (the server's database file) is required with BASE_URL" >&2; exit 2; }

# An API key for this run (printed alone on the last line).
key=$("$BUILD/jiceng" apikey add "bench-$(date +%s)-$$" --db "$DB" 2>/dev/null | tail -n 1)
# Points inside demo grids: the mean of each (convex, Voronoi) cell's vertices, as run.sh does
# for its locate figure, for 500 grids spread over the county.
python3 - "$DB" >"$work/points.txt" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = db.execute("SELECT geometry FROM org_grids ORDER BY code").fetchall()
for (g,) in rows[:: max(1, len(rows) // 500)]:
    ring = json.loads(g)["coordinates"][0][:-1]
    print(f"{sum(p[1] for p in ring) / len(ring):.7f} {sum(p[0] for p in ring) / len(ring):.7f}")
PY
# One request by hand first: the answer shows the route works with this key and these points.
read -r lat lng <"$work/points.txt"
answer=$(curl -s -w ' HTTP %{http_code}' -X POST "$BASE_URL/open311/v2/requests.json" \
  --data-urlencode "api_key=$key" --data "service_code=E0102&lat=$lat&long=$lng" \
  --data-urlencode "description=压测：路边有垃圾堆放")
if [[ $answer != *"HTTP 200" ]]; then echo "open311 POST failed: $answer" >&2; exit 1; fi

count_open311() { python3 -c "import sqlite3,sys; print(sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True).execute(\"SELECT COUNT(*) FROM cases_cases WHERE channel = 'open311'\").fetchone()[0])" "$DB"; }

# Group commit: write requests and transactions so far (Prometheus gauges of /metrics).
writes() { curl -sf "$BASE_URL/metrics" | awk '/^jiceng_db_write_requests_total/ {r=$2} /^jiceng_db_write_batches_total/ {b=$2} END {print r, b}'; }

read -r h_rps h_p99 _ h_bad < <(wrk_stats "$BASE_URL/healthz")
before=$(count_open311)
read -r w_req0 w_tx0 < <(writes)
read -r p_rps p_p99 p_done p_bad < <(wrk_stats -s bench/open311_post.lua "$BASE_URL/open311/v2/requests.json" -- \
  "$key" "$work/points.txt")
sleep 0.5  # requests still in flight when wrk stopped
after=$(count_open311)
read -r w_req1 w_tx1 < <(writes)
print_rate "GET /healthz (baseline)" "$h_rps" "$h_p99"
print_rate "POST /open311/v2/requests" "$p_rps" "$p_p99"
python3 -c "import sys; r=float(sys.argv[1])/float(sys.argv[2]); print(f'open311 POST / healthz: {r:.2f}x (goal >= 0.30x)')" \
  "$p_rps" "$h_rps"
echo "cases written during the POST run: $((after - before)) (wrk completed $p_done requests)"
python3 -c "import sys; r,t=(float(sys.argv[i+1])-float(sys.argv[i]) for i in (1,3)); print(f'group commit: {r:.0f} write requests in {t:.0f} transactions ({r/max(t,1):.1f} per transaction)')" \
  "$w_req0" "$w_req1" "$w_tx0" "$w_tx1"
[[ -z $h_bad && -z $p_bad ]] || echo "  (!) non-2xx answers: healthz ${h_bad:-0}, open311 ${p_bad:-0}"
