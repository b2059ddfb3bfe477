#!/usr/bin/env bash
# Builds the release preset (the program and the plugin), packages them as a .deb, installs the package,
# and runs the installed athil from an empty folder with the source and build trees hidden (a
# private mount namespace mounts an empty tmpfs over them), so the run can only use what the
# package installed. Exit 0 when the run conforms and wrote its three reports. Budget: the
# release build of athil and the plugin (nothing when build/release is up to date) plus about a
# minute. Needs root or sudo (apt-get, unshare).
#   ci/deb.sh [PRESET]                  build PRESET (default release)
#   ATHIL_DEB_BUILD_DIR=DIR ci/deb.sh   package a tree already built in DIR instead
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
preset=${1:-release}

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi

if [[ -n ${ATHIL_DEB_BUILD_DIR:-} ]]; then
  build=$(cd "$ATHIL_DEB_BUILD_DIR" && pwd)
else
  # The release preset builds only what the package holds (athil and the broker plugin), with
  # warnings as errors like every other preset; cpack does not build the whole tree itself
  # (CMAKE_SKIP_INSTALL_ALL_DEPENDENCY in cmake/Packaging.cmake). Configuring again refreshes
  # the package version from git.
  build=$src/$(bash ci/build.sh "$preset")
fi
(cd "$build" && rm -f athil_*.deb && cpack -G DEB >&2)
deb=$(ls "$build"/athil_*.deb)
echo "ci/deb.sh: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"
dpkg-deb --field "$deb" Package Version Depends
# The run history links SQLite and libpq: dpkg-shlibdeps must have found both.
depends=$(dpkg-deb --field "$deb" Depends)
for lib in libsqlite3-0 libpq5; do
  if [[ $depends != *"$lib"* ]]; then
    echo "ci/deb.sh: the package does not depend on $lib (Depends: $depends)" >&2
    exit 1
  fi
done
# The package's version is the one the program prints and stamps into its reports.
package_version=$(dpkg-deb --field "$deb" Version)
program_version=$("$build/harness/runner/athil" --version)
if [[ $package_version != "$program_version" ]]; then
  echo "ci/deb.sh: package version $package_version, athil --version $program_version" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get install -y -qq --reinstall "$deb" >/dev/null
installed=$(command -v athil)
echo "ci/deb.sh: installed $installed"
if [[ $installed == "$src"/* ]]; then
  echo "ci/deb.sh: athil resolves into the source tree" >&2
  exit 1
fi

work=$(mktemp -d /tmp/athil-deb.XXXXXX)
trap 'rm -rf "$work"' EXIT
# Inside the namespace: the source tree (and the build tree in it) is an empty tmpfs, the
# working directory an empty folder, ATHIL_SUITES_DIR unset. A lookup that still pointed at the
# build tree would find nothing and the run would stop with exit 2. Section 1 and clause 2.3 as
# asked of every install, 3.2 because it loads the installed broker plugin.
set +e
"${sudo_cmd[@]}" env -u ATHIL_SUITES_DIR unshare --mount --propagation private sh -c '
  mount -t tmpfs -o size=1m,mode=0555 athil-hidden "$1" || exit 3
  [ -z "$(ls -A "$1")" ] || exit 3
  cd "$2" && exec athil run --filter 1,2.3,3.2 --report-dir "$2/reports"
' sh "$src" "$work" > "$work/run.log" 2>&1
rc=$?
set -e
tail -5 "$work/run.log"
if [[ $rc -ne 0 ]]; then
  cat "$work/run.log" >&2
  echo "ci/deb.sh: the installed athil exited $rc" >&2
  exit 1
fi
for f in junit.xml results.json report.html; do
  [[ -s $work/reports/$f ]] || { echo "ci/deb.sh: reports/$f missing" >&2; exit 1; }
done
if grep -q "$src" "$work/run.log" "$work"/reports/*; then
  echo "ci/deb.sh: the installed run refers to the source tree $src" >&2
  exit 1
fi
echo "ci/deb.sh: the installed athil ran from $work with the source tree hidden: reports ok"
