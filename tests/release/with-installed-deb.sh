#!/usr/bin/env bash
# Install a .deb, run a command against the installed package, then remove the package again,
# also when the command fails or is interrupted.
#
#   tests/release/with-installed-deb.sh PATH/TO/APP.deb COMMAND [ARG...]
#
# Refuses to run when the package is already installed, so a user's own install is never removed.
set -euo pipefail

if [ "$#" -lt 2 ]; then
    echo "usage: $0 PACKAGE.deb COMMAND [ARG...]" >&2
    exit 2
fi
deb="$1"
shift
if [ ! -f "$deb" ]; then
    echo "$0: no package at '$deb' (make bundle builds it)" >&2
    exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo

package="$(dpkg-deb --field "$deb" Package)"
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    echo "$0: $package is already installed; remove it first ($sudo dpkg -r $package)," \
        "this test installs and removes its own copy" >&2
    exit 1
fi

remove() {
    echo "removing $package"
    $sudo dpkg -r "$package" >/dev/null || echo "$0: dpkg -r $package failed" >&2
}
trap remove EXIT

echo "installing $deb"
if ! $sudo dpkg -i "$deb"; then
    echo "installing the missing dependencies of $package"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -f -y -qq
fi

status=0
"$@" || status=$?
exit "$status"
