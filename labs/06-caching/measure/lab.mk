# lab.mk -- Lab 6's additions to the build.
#
# The suite starts its worker under prlimit (util-linux, Essential on Debian,
# so normally present): the kernel's limit on the worker's address space is
# what holds a cache to its capacity (measure/remote.c).
DEB_PACKAGES += util-linux
