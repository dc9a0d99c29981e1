#!/usr/bin/env bash
# setup.sh -- the GitHub Classroom workflow's first step (classroom.yml): on
# GitHub's Ubuntu runner, install what grading needs and build the grader.
set -euo pipefail
cd "$(dirname "$0")/../.."
DEB_PACKAGES="$(make --no-print-directory -s grading-packages)" bash common/deps.sh install
# Ubuntu 24.04 lets AppArmor refuse unprivileged user namespaces, which the
# sandbox (bubblewrap) needs; the runner is a throwaway VM, so allow them.
if [ -e /proc/sys/kernel/apparmor_restrict_unprivileged_userns ]; then
    sudo sysctl -q -w kernel.apparmor_restrict_unprivileged_userns=0
fi
make --no-print-directory -s grade-bins
