# lab.mk -- Lab 2's additions to the build: GLib, for the glib_hash variant
# ("what the library gives you": GHashTable measured beside the hash sets),
# and Abseil, for the side benchmark that sets the reference beside
# absl::flat_hash_set, Google's Swiss table (make absl-2, below).
LAB_CFLAGS_02 := $(shell pkg-config --cflags glib-2.0 2>/dev/null)
LAB_LIBS_02 := $(shell pkg-config --libs glib-2.0 2>/dev/null || echo -lglib-2.0)
DEB_PACKAGES += libglib2.0-dev libabsl-dev

# make absl-2: measure/absl_side.cc times the reference beside
# absl::flat_hash_set (Google's Swiss table, Debian libabsl-dev), interleaved,
# on the lab's own id streams (streams.c) at 1e6 and 4e6 keys and per id
# scheme (its header says how). It links the lab's renamed reference and
# support code from build/lab-2. Flags: ABSL_2_ARGS='...'.
ABSL_2 := $(BUILD)/lab-2/absl-side
ABSL_2_OBJS := $(BUILD)/lab-2/renamed/reference.o $(BUILD)/lab-2/support/streams.o

$(ABSL_2): labs/02-membership/measure/absl_side.cc $(ABSL_2_OBJS) $(BUILD)/libperflab.a
	$(CXX) $(CPPFLAGS) -Ilabs/02-membership -Ilabs/02-membership/measure $(CXXFLAGS) \
	    $(shell pkg-config --cflags absl_flat_hash_set benchmark 2>/dev/null) $^ $(LDFLAGS) \
	    $(shell pkg-config --libs absl_flat_hash_set benchmark 2>/dev/null || echo -lbenchmark) \
	    -lpthread $(LDLIBS) -o $@.tmp
	@mv -f $@.tmp $@

.PHONY: absl-2
absl-2: check-deps
	@$(MAKE) --no-print-directory -s $(ABSL_2)
	@$(ABSL_2) $(ABSL_2_ARGS)
