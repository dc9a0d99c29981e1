#!/usr/bin/env bash
# deps.sh -- check for, or install, the Debian packages perflab needs.
#
#   DEB_PACKAGES="..." NPM_PACKAGES="..." bash common/deps.sh check     say exactly what is missing
#   DEB_PACKAGES="..." NPM_PACKAGES="..." bash common/deps.sh install   install what is missing
#
# The Makefile passes the lists (its own plus each lab's lab.mk additions), so
# this script knows no package names itself. We ask dpkg, not the compiler:
# "libcmocka-dev is not installed" is a clearer message than a missing header.
# NPM_PACKAGES (name@version) are installed globally with npm, after the
# Debian packages (Debian's npm brings node); only d3-flame-graph's HTML
# template for `make profile-N` comes from there, as no Debian 12 package ships it.
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

# An npm package name@version is there when its package.json, in npm's global
# folder, names that version. The usual folders are looked at first: asking
# npm itself costs half a second on every make.
npm_has() {
    local name=${1%@*} version=${1##*@} root
    for root in /usr/lib/node_modules /usr/local/lib/node_modules $(npm root -g 2>/dev/null); do
        grep -qs "\"version\": *\"$version\"" "$root/$name/package.json" && return 0
    done
    return 1
}
npm_missing=()
for p in ${NPM_PACKAGES:-}; do
    npm_has "$p" || npm_missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ] && [ ${#npm_missing[@]} -eq 0 ]; then
    [ "$mode" = install ] && echo "perflab: all $(wc -w <<<"$packages ${NPM_PACKAGES:-}") packages are installed."
    exit 0
fi

if [ "$mode" = check ]; then
    [ ${#missing[@]} -gt 0 ] && echo "perflab: missing Debian packages: ${missing[*]}" >&2
    [ ${#npm_missing[@]} -gt 0 ] && echo "perflab: missing npm packages: ${npm_missing[*]}" >&2
    echo "Install them with:   make deps      (or: ${missing[*]:+sudo apt-get install ${missing[*]}; }${npm_missing[*]:+sudo npm install -g ${npm_missing[*]}})" >&2
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
if [ ${#missing[@]} -gt 0 ]; then
    echo "perflab: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q || exit 1
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" || exit 1
fi
if [ ${#npm_missing[@]} -gt 0 ]; then
    if ! command -v npm >/dev/null 2>&1; then # node from elsewhere may bring its own npm
        echo "perflab: installing npm"
        $sudo apt-get install -y -q --no-install-recommends npm || exit 1
    fi
    echo "perflab: installing ${npm_missing[*]} (npm, globally)"
    $sudo npm install -g --no-fund --no-audit "${npm_missing[@]}" || exit 1
fi
echo "perflab: done."
