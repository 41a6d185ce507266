#!/usr/bin/env bash
# Clean builds of the `jiceng` target (what `make demo` needs) with each accelerator of
# cmake/build_speed.cmake turned on alone over the baseline (none), then all together, then
# the incremental rebuild after touching one module .cpp. Prints wall and CPU seconds; CPU
# (user + sys) is the steadier figure when the machine is shared.
#   bash bench/build_times.sh [target]      (default target: jiceng)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-jiceng}
jobs=$(nproc)
off="-DJICENG_CCACHE=OFF -DJICENG_LLD=OFF -DJICENG_PCH=OFF -DJICENG_LIGHT_DEBUG=OFF -DJICENG_UNITY=OFF"
configs=(
  "baseline|$off"
  "pch|$off -DJICENG_PCH=ON"
  "unity|$off -DJICENG_UNITY=ON"
  "lld|$off -DJICENG_LLD=ON"
  "g1|$off -DJICENG_LIGHT_DEBUG=ON"
  "all (cold ccache)|-DJICENG_CCACHE=ON"
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CCACHE_DIR=$work/ccache   # a cold cache of our own: never the user's warm one

timed() {  # prints "wall cpu" in seconds for the command
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$work/cpu" "$@" >/dev/null 2>&1
  t1=$(date +%s.%N)
  python3 -c "u,s=open('$work/cpu').read().split(); print(f'{$t1-$t0:.0f} {float(u)+float(s):.0f}')"
}

printf '%-20s %8s %8s\n' config wall_s cpu_s
for entry in "${configs[@]}"; do
  name=${entry%%|*}
  flags=${entry#*|}
  dir=$work/build
  rm -rf "$dir"
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo $flags >/dev/null
  read -r wall cpu < <(timed cmake --build "$dir" -j "$jobs" --target "$target")
  printf '%-20s %8s %8s\n' "$name" "$wall" "$cpu"
done

# With everything on: the same clean build again from the warm ccache, then one module .cpp
# touched (its unity batch and the link are redone).
rm -rf "$work/build"
cmake -S . -B "$work/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
read -r wall cpu < <(timed cmake --build "$work/build" -j "$jobs" --target "$target")
printf '%-20s %8s %8s\n' "all (warm ccache)" "$wall" "$cpu"
edited=server/modules/cases/case_routes.cpp
cp "$edited" "$work/edited.bak"
trap 'cp "$work/edited.bak" "$edited"; rm -rf "$work"' EXIT
echo "// edited $(date +%s%N)" >>"$edited"   # new content: a real edit, not a ccache hit
read -r wall cpu < <(timed cmake --build "$work/build" -j "$jobs" --target "$target")
printf '%-20s %8s %8s\n' "edit one .cpp" "$wall" "$cpu"
