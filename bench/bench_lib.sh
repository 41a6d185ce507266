# Sourced by run.sh and open311_wrk.sh from the repository root: the wrk settings, a work folder
# removed at exit (with the server the script started), a demo server of its own, and wrk's
# figures. Run on an otherwise idle machine.
BUILD=${BUILD:-build}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
work=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Seeds the demo county into the database file $1 and serves it on a free port in the
# background; sets server_pid and base_url and returns once /healthz answers.
serve_demo() {
  local db=$1 port
  "$BUILD/jiceng" demo --db "$db" --password 'Bench#2026pass' >/dev/null 2>&1
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  JICENG_SERVER_ACCESS_LOG=false "$BUILD/jiceng" serve --db "$db" --port "$port" >"$work/serve.log" 2>&1 &
  server_pid=$!
  base_url="http://127.0.0.1:$port"
  for _ in $(seq 50); do curl -sf "$base_url/healthz" >/dev/null && break; sleep 0.1; done
}

# wrk's summary of one run with these arguments, as "req/s p99 requests non2xx".
wrk_stats() {
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  printf '%s %s %s %s\n' "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")" \
    "$(awk '/requests in/ {print $1}' <<<"$out")" "$(awk '/Non-2xx/ {print $5}' <<<"$out")"
}

# One line of the summary: name, req/s, p99.
print_rate() { printf '%-28s %12s req/s   p99 %s\n' "$1" "$2" "$3"; }
