#!/usr/bin/env bash
# Installs every Debian package athil needs to build, test and run.
# Idempotent: when everything is present it only checks and returns (about a second).
set -euo pipefail

packages=(
  # toolchain
  cmake ninja-build g++ clang clang-format clang-tidy libclang-rt-14-dev pkg-config
  # libraries
  libgtest-dev libgmock-dev libbenchmark-dev libboost1.81-dev libssl-dev
  libmosquitto-dev mosquitto-dev libyaml-cpp-dev libcli11-dev libfmt-dev nlohmann-json3-dev libpugixml-dev
  # the run history: SQLite (the default store) and libpq (a shared PostgreSQL store)
  libsqlite3-dev libpq-dev
  # counterparts and tools the tests start for real
  mosquitto mosquitto-clients openssl libxml2-utils socat procps time
  # the history store tests start their own PostgreSQL server (initdb, postgres)
  postgresql
  # benchmark baseline (pexpect + pyserial)
  python3 python3-pexpect python3-serial
  # report tests: an independent JUnit consumer, and a real browser for the HTML report
  python3-junitparser chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "ci/install-deps.sh: all ${#packages[@]} packages present"
  exit 0
fi

echo "ci/install-deps.sh: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "ci/install-deps.sh: done"
