# lab.mk -- Lab 2's additions to the build: GLib, for the glib_hash variant
# ("what the library gives you": GHashTable measured beside the hash sets).
LAB_CFLAGS_02 := $(shell pkg-config --cflags glib-2.0 2>/dev/null)
LAB_LIBS_02 := $(shell pkg-config --libs glib-2.0 2>/dev/null || echo -lglib-2.0)
DEB_PACKAGES += libglib2.0-dev
