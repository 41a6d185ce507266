#!/usr/bin/env bash
# clang-format over every C++ file of the tree (server/, bench/): checks by default, rewrites
# with --fix. The tree is kept formatted, so checking all of it checks what a change touched;
# it takes about 2 s, so there is no need to narrow it to the changed files.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -co --exclude-standard 'server/*.cpp' 'server/*.hpp' 'bench/*.cpp' 'bench/*.hpp' \
  'fuzz/*.cpp' 'fuzz/*.hpp')
if [[ ${1:-} == --fix ]]; then
  clang-format -i "${files[@]}"
  exit 0
fi
# One clang-format run over all files; each difference is reported as "file:line:col: ...".
mapfile -t bad < <(clang-format --dry-run "${files[@]}" 2>&1 | grep -oE '^[^:]+:[0-9]+:[0-9]+: (warning|error)' | cut -d: -f1 | sort -u)
if (( ${#bad[@]} )); then
  echo "format: ${#bad[@]} file(s) differ from .clang-format; run 'make format':" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
