# lab.mk -- Lab 8's build settings: libcurl, the HTTP client every variant
# uses (naive its easy interface, the reference its multi interface), and
# the Debian package that provides it. Only this lab names it.
LAB_CFLAGS_08 := $(shell pkg-config --cflags libcurl 2>/dev/null)
LAB_LIBS_08 := $(shell pkg-config --libs libcurl 2>/dev/null || echo -lcurl) -lpthread
DEB_PACKAGES += libcurl4-openssl-dev
