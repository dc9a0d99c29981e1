#!/usr/bin/env bash
# deps.sh -- check for, or install, the Debian packages perflab needs.
#
#   DEB_PACKAGES="..." bash common/deps.sh check     say exactly what is missing
#   DEB_PACKAGES="..." bash common/deps.sh install   apt-get install what is missing
#
# The Makefile passes the list (its own plus each lab's lab.mk additions), so
# this script knows no package names itself. We ask dpkg, not the compiler:
# "libcmocka-dev is not installed" is a clearer message than a missing header.
set -u

mode=${1:-check}
packages=${DEB_PACKAGES:?DEB_PACKAGES is not set (run this through make)}

if ! command -v dpkg-query >/dev/null 2>&1; then
    if [ "$mode" = install ]; then
        echo "perflab: 'make deps' installs Debian packages, and this is not a Debian system." >&2
        echo "Install the equivalents of: $packages" >&2
        exit 1
    fi
    exit 0 # not Debian: let the build say what it lacks
fi

missing=()
for p in $packages; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    [ "$mode" = install ] && echo "perflab: all $(wc -w <<<"$packages") packages are installed."
    exit 0
fi

if [ "$mode" = check ]; then
    echo "perflab: missing Debian packages: ${missing[*]}" >&2
    echo "Install them with:   make deps      (or: sudo apt-get install ${missing[*]})" >&2
    exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=sudo
    else
        echo "perflab: installing packages needs root. As root, run: apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi
echo "perflab: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q || exit 1
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" || exit 1
echo "perflab: done."
