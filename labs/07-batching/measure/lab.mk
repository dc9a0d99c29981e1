# lab.mk -- Lab 7's additions to the build.
#
# The README shows the system calls with strace -c (the fixed cost, counted).
DEB_PACKAGES += strace
