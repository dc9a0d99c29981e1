# lab.mk -- Lab 3's side benchmark.
#
# make shifted-3: measure/shifted_side.cc times the reference beside the
# shifted_sums variant, interleaved, on the pipeline's z-scores at n = 1e6
# records and w = 10, 100, 1000 (its header says how). It links the lab's own
# renamed objects (reference_rolling_mean_var, shifted_sums_rolling_mean_var)
# and support code from build/lab-3. Flags: SHIFTED_3_ARGS='...'.
SHIFTED_3 := $(BUILD)/lab-3/shifted-side
SHIFTED_3_OBJS := $(BUILD)/lab-3/renamed/reference.o $(BUILD)/lab-3/renamed/shifted_sums.o \
                  $(BUILD)/lab-3/support/pipeline.o $(BUILD)/lab-3/support/stages.o

$(SHIFTED_3): labs/03-rolling-window/measure/shifted_side.cc $(SHIFTED_3_OBJS) $(BUILD)/libperflab.a
	$(CXX) $(CPPFLAGS) -Ilabs/03-rolling-window -Ilabs/03-rolling-window/measure $(CXXFLAGS) \
	    $(shell pkg-config --cflags benchmark 2>/dev/null) $^ $(LDFLAGS) \
	    $(shell pkg-config --libs benchmark 2>/dev/null || echo -lbenchmark) -lpthread $(LDLIBS) -o $@.tmp
	@mv -f $@.tmp $@

.PHONY: shifted-3
shifted-3: check-deps
	@$(MAKE) --no-print-directory -s $(SHIFTED_3)
	@$(SHIFTED_3) $(SHIFTED_3_ARGS)
