#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test Jiceng: Debian packages
# (only those missing, so a rerun is quick) and the npm packages of package-lock.json files.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config git curl python3 sqlite3 ccache lld clang-format
  clang libclang-rt-14-dev
  libboost1.74-dev nlohmann-json3-dev libsqlite3-dev libpq-dev libgeos-dev libsodium-dev libssl-dev
  libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev libicu-dev libopencc-dev opencc zlib1g-dev
  libminizip-dev libexpat1-dev libxlsxwriter-dev liboath-dev libqrencode-dev
  libcairo2-dev libpango1.0-dev poppler-utils
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 chromium fonts-noto-cjk wrk
)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if (( ${#missing[@]} )); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci only when the lock file changed since the last install.
npm_install() {
  local dir=$1
  local stamp="$dir/node_modules/.jiceng-lock"
  if [[ ! -f $stamp ]] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  fi
}
npm_install .
npm_install web
