#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, in build-fuzz) and runs them, two at a time
# (these machines have 2 cores). Any crash, sanitizer report, failed check, hang (over 10 s for
# one input) or runaway memory fails the run; the input is kept in build-fuzz/artifacts/ and
# replays with `build-fuzz/<target>_fuzz build-fuzz/artifacts/<file>`.
#
#   fuzz/run.sh smoke   seeds (fuzz/corpus/<target>/) + FUZZ_SMOKE_SECONDS (15) of new inputs
#                       per target, from a fresh corpus each time: what `make test` runs
#   fuzz/run.sh long    FUZZ_SECONDS (180) per target; new inputs are kept in
#                       build-fuzz/corpus/<target>/, so each run starts where the last stopped
# FUZZ_TARGETS="csv xlsx" narrows the run; FUZZ_JOBS sets the parallelism (2).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-smoke}
build=${FUZZ_BUILD:-build-fuzz}
jobs=${FUZZ_JOBS:-2}
case $mode in
  smoke) seconds=${FUZZ_SMOKE_SECONDS:-15} ;;
  long) seconds=${FUZZ_SECONDS:-180} ;;
  *) echo "usage: fuzz/run.sh smoke|long" >&2; exit 2 ;;
esac
targets=(json_body csv xlsx geojson open311_form photo_check id_number phone autonomy_text)
if [[ -n ${FUZZ_TARGETS:-} ]]; then read -ra targets <<<"$FUZZ_TARGETS"; fi

start=$SECONDS
CC=clang CXX=clang++ cmake -S fuzz -B "$build" >/dev/null
if ! cmake --build "$build" -j "$jobs" --target "${targets[@]/%/_fuzz}" >"$build/build.log" 2>&1; then
  grep -E "error" "$build/build.log" >&2 || tail -30 "$build/build.log" >&2
  echo "fuzz: build failed; log $build/build.log" >&2
  exit 1
fi
echo "fuzz: built ${#targets[@]} targets in $((SECONDS - start)) s; $mode run, $seconds s each, $jobs at a time"

mkdir -p "$build/logs" "$build/artifacts"
run_one() {
  local t=$1 corpus
  if [[ $mode == smoke ]]; then
    corpus=$build/smoke-corpus/$t
    rm -rf "$corpus"
  else
    corpus=$build/corpus/$t
  fi
  mkdir -p "$corpus"
  local status=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$build/${t}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build/artifacts/$t-" -print_final_stats=1 "$corpus" "fuzz/corpus/$t" \
    >"$build/logs/$t.log" 2>&1 || status=$?
  echo "$status" >"$build/logs/$t.status"
}

for t in "${targets[@]}"; do
  run_one "$t" &
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
done
wait

failed=0
for t in "${targets[@]}"; do
  status=$(cat "$build/logs/$t.status")
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$build/logs/$t.log" | grep -oE '[0-9]+$' || echo "?")
  if [[ $status == 0 ]]; then
    printf 'fuzz: %-12s ok, %s inputs\n' "$t" "$runs"
  else
    failed=1
    printf 'fuzz: %-12s FAILED (exit %s); log %s\n' "$t" "$status" "$build/logs/$t.log" >&2
    grep -E "ERROR|runtime error|fuzz check failed|Test unit written|SUMMARY" "$build/logs/$t.log" >&2 || tail -20 "$build/logs/$t.log" >&2
  fi
done
echo "fuzz: $mode done in $((SECONDS - start)) s"
exit "$failed"
