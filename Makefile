# perflab -- a performance-engineering course in C.
#
# This is the only build file. Labs are discovered, not listed: every folder
# labs/NN-slug/ is lab N, and for each one the LAB_RULES template below makes
#
#   build/lab-N/test-<variant>   the lab's cmocka suite (tests/NN-slug.c)
#                                linked with one implementation, or, for a lab
#                                with measure/remote.c and measure/worker.c,
#                                with remote.c only: it calls the variant in
#   build/lab-N/worker-<variant> (worker.c + the variant), a separate process,
#                                so student code never shares the suite's
#                                address space (common/rpc.h)
#   build/lab-N/bench            google-benchmark runner: all variants side by side
#   build/lab-N/driver           fixed-work driver for callgrind (grading, profiling)
#
# The variants of lab N are its files: naive (labs/NN-slug/naive.c), yours
# (labs/NN-slug/optimized.c), reference (solutions/NN-slug/optimized.c) and any
# labs/NN-slug/measure/variants/*.c. common/variants.sh lists them for the
# lab's workload.c (common/variants.h), so adding a variant is adding a file.
# They all define the same functions (lab.h), so for bench and driver each
# object is renamed by common/rename.sh: the contract's symbols become
# <variant>_<symbol> and every other global becomes local. Student code is
# compiled exactly as written: no macros, no source rewriting.
#
# Adding a lab is adding its folder (and tests/NN-slug.c); an optional
# labs/NN-slug/measure/lab.mk adds flags, libraries and Debian packages.
#
# Every file a lab's rules write is written as <file>.tmp and renamed into
# place (`mv`, atomic), so under its own name a file is always whole: a grade
# seeds its fresh folder with copies of $(BUILD)/lab-N (grader.c), maybe while
# a `make lab-N` rebuilds it, and must never copy a half-written object. A new
# rule must do the same; `make test` checks it (test.c, Lab 1).

.DEFAULT_GOAL := help
SHELL := /bin/bash
.DELETE_ON_ERROR:

# ---- toolchain and flags ---------------------------------------------------

# `make CC=clang` also switches the C++ compiler (the benchmark runner) to
# clang++, and asks for DWARF 4 debug info: valgrind 3.19 (Debian 12) cannot
# read clang 14's DWARF 5 and gives up, which would break grading and profiles.
DEBUG := -g
ifneq (,$(findstring clang,$(CC)))
CXX := $(subst clang,clang++,$(CC))
DEBUG := -gdwarf-4
endif

WARNINGS := -Wall -Wextra
CFLAGS   := -std=c11 -O2 $(DEBUG) $(WARNINGS) $(EXTRA_CFLAGS)
CXXFLAGS := -std=c++17 -O2 $(DEBUG) $(WARNINGS) $(EXTRA_CFLAGS)
CPPFLAGS := -D_POSIX_C_SOURCE=200809L -Icommon
# libseccomp (the sandbox's filter, common/sandbox.c) is linked statically: a
# shared library more in the driver, which callgrind counts, would move the
# counts (the dynamic linker's symbol lookups, the memory layout).
LDLIBS   := -lm -l:libseccomp.a

# SANITIZE=1 builds everything with AddressSanitizer and UBSan into build-asan/.
# Each compiler builds into its own folder: objects never mix.
ifneq (,$(findstring clang,$(CC)))
BUILD_SUFFIX := -clang
endif

ifeq ($(SANITIZE),1)
BUILD ?= build-asan$(BUILD_SUFFIX)
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS   += $(SAN)
CXXFLAGS += $(SAN)
LDFLAGS  += $(SAN)
else
BUILD ?= build$(BUILD_SUFFIX)
endif

# ---- Debian packages -------------------------------------------------------
# Labs add theirs in measure/lab.mk (DEB_PACKAGES += ...).
DEB_PACKAGES := gcc g++ make binutils pkg-config libcmocka-dev libbenchmark-dev \
                gnuplot-nox fonts-dejavu-core valgrind linux-perf bubblewrap libseccomp-dev \
                chromium
# make profile-N's flame graphs: d3-flame-graph's self-contained page (4.x
# ships it; 5.0 no longer does). chromium: make test renders one.
NPM_PACKAGES := d3-flame-graph@4.1.3
# make autograder zips (zip); make test unpacks it and reads the Classroom
# workflow (unzip, python3-yaml).
DEB_PACKAGES += zip unzip python3-yaml

# ---- lab discovery ---------------------------------------------------------

LAB_SLUGS := $(notdir $(sort $(wildcard labs/[0-9][0-9]-*)))
-include $(wildcard labs/*/measure/lab.mk)

lab_nn = $(firstword $(subst -, ,$1))
# "--yours N=path" when the user named a file for lab N (YOURS_N=...).
yours_option = $(if $(filter command line environment,$(origin YOURS_$1)),--yours $1=$(YOURS_$1))
lab_n  = $(patsubst 0%,%,$(call lab_nn,$1))
LAB_NUMBERS := $(foreach s,$(LAB_SLUGS),$(call lab_n,$s))
ifneq ($(words $(LAB_NUMBERS)),$(words $(sort $(LAB_NUMBERS))))
$(error two folders in labs/ share a lab number: $(LAB_SLUGS))
endif

# Top-level targets run one at a time (`make -j2 deps lab-1` must install
# before it builds; two benchmarks at once would measure each other). Builds
# inside them still use -j2.
ifeq ($(MAKELEVEL),0)
.NOTPARALLEL:
endif

# ---- the shared library and the tools --------------------------------------
# common/*.c is the library every lab links (inputs, lab lookups, the
# describe format, results and fits, tables, report files, child processes,
# JSON) except driver.c, the callgrind driver's main. It is an archive, so a
# program links only the modules it uses: the driver gets no plotting, JSON or
# process code. common/bench.cc is the google-benchmark runner (the only C++).
# common/perflab/*.c is the front end: perflab lab|grade|test|profile|targets.

LIB_SRCS   := $(filter-out common/driver.c,$(wildcard common/*.c))
LIB        := $(BUILD)/libperflab.a
PERFLAB    := $(BUILD)/perflab

$(BUILD)/common/%.o: common/%.c $(wildcard common/*.h) $(wildcard common/perflab/*.h)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# Every results.json and plot says which compiler flags made it (provenance.h).
$(BUILD)/common/provenance.o: CPPFLAGS += -DPERFLAB_CFLAGS='"$(strip $(CFLAGS))"'

$(BUILD)/common/bench.o: common/bench.cc $(wildcard common/*.h)
	@mkdir -p $(@D)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) $(shell pkg-config --cflags benchmark 2>/dev/null) -c $< -o $@

# make noise: is this machine quiet enough to trust timings? (common/noise.cc)
$(BUILD)/noise: common/noise.cc common/side.h common/probe.h $(LIB)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) $(shell pkg-config --cflags benchmark 2>/dev/null) $< $(LDFLAGS) $(LIB) \
	    $(shell pkg-config --libs benchmark 2>/dev/null || echo -lbenchmark) -lpthread $(LDLIBS) -o $@

.PHONY: noise
noise: check-deps
	@$(MAKE) --no-print-directory -s $(BUILD)/noise
	@$(BUILD)/noise --benchmark_format=console

$(LIB): $(patsubst common/%.c,$(BUILD)/common/%.o,$(LIB_SRCS))
	@rm -f $@
	ar rcs $@ $^

$(PERFLAB): $(patsubst common/%.c,$(BUILD)/common/%.o,$(wildcard common/perflab/*.c)) $(LIB)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

# ---- per-lab rules -----------------------------------------------------------

# One set of variants of lab $2 in folder $3 of its build: its variant list
# (from the sources $4: name=file pairs) and a workload.o compiled against it.
define SET_RULES
$$(L$2_OUT)/$3/variant-list.h: FORCE
	@mkdir -p $$(@D)
	@bash common/variants.sh $$@ $4

$$(L$2_OUT)/$3/workload.o: labs/$1/measure/workload.c $$(L$2_HEADERS) $$(L$2_OUT)/$3/variant-list.h
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(L$2_FLAGS) -I$$(L$2_OUT)/$3 -DPERFLAB_NUMBER=$2 -DPERFLAB_SLUG='"$1"' $$(CFLAGS) -c $$< -o $$@.tmp
	@mv -f $$@.tmp $$@
endef

# $1 = slug (01-string-building), $2 = N (1), $3 = NN (01)
#
# A lab folder: README.md, lab.h, naive.c, optimized.c (the student's), and
# measure/: workload.c (what is measured), report.c (optional: the lab's own
# tables and plots; bench only), remote.c and worker.c (optional, together:
# the suite's two sides, see below), other .c files (support code, linked
# everywhere), variants/*.c (extra variants), lab.mk (optional: flags,
# libraries, Debian packages), *.gp (the lab's gnuplot scripts).

# OUT_N (where lab N builds) and YOURS_N (which file is "yours") are how the
# grader builds a submission or a scenario beside the normal build; users set
# YOURS_N through `make lab-N YOURS_N=...` or `make grade-N YOURS_N=...`.
define LAB_RULES
L$2_OUT      := $(or $(OUT_$2),$(BUILD)/lab-$2)
L$2_EXTRAS   := $(sort $(basename $(notdir $(wildcard labs/$1/measure/variants/*.c))))
L$2_VARIANTS := naive yours reference $$(L$2_EXTRAS)
L$2_SUPPORT  := $(filter-out %/workload.c %/report.c %/remote.c %/worker.c,$(wildcard labs/$1/measure/*.c))
L$2_REPORT   := $(wildcard labs/$1/measure/report.c)
L$2_HEADERS  := $(wildcard labs/$1/*.h labs/$1/measure/*.h) $(wildcard common/*.h)
L$2_FLAGS    := -Ilabs/$1 -Ilabs/$1/measure $(LAB_CFLAGS_$3)
L$2_LIBS     := $(LAB_LIBS_$3)
YOURS_$2     ?= labs/$1/optimized.c

L$2_SUPPORT_OBJS := $$(patsubst labs/$1/measure/%.c,$$(L$2_OUT)/support/%.o,$$(L$2_SUPPORT))
L$2_REPORT_OBJ   := $$(patsubst labs/$1/measure/%.c,$$(L$2_OUT)/%.o,$$(L$2_REPORT))
L$2_RENAMED  := $$(foreach v,$$(L$2_VARIANTS),$$(L$2_OUT)/renamed/$$(v).o)
L$2_TESTS    := $$(foreach v,$$(L$2_VARIANTS),$$(L$2_OUT)/test-$$(v))
L$2_WORKERS  := $$(foreach v,$$(L$2_VARIANTS),$$(L$2_OUT)/worker-$$(v))
L$2_SOURCES  := naive=labs/$1/naive.c yours=$$(YOURS_$2) reference=solutions/$1/optimized.c \
                $$(foreach v,$$(L$2_EXTRAS),$$(v)=labs/$1/measure/variants/$$(v).c)

$$(L$2_OUT)/variants/naive.o: labs/$1/naive.c
$$(L$2_OUT)/variants/yours.o: $$(YOURS_$2)
$$(L$2_OUT)/variants/reference.o: solutions/$1/optimized.c
$$(foreach v,$$(L$2_EXTRAS),$$(eval $$(L$2_OUT)/variants/$$(v).o: labs/$1/measure/variants/$$(v).c))

# (The source is the one .c prerequisite given per variant above.)
$$(L$2_OUT)/variants/%.o: $$(L$2_HEADERS)
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(L$2_FLAGS) $$(CFLAGS) -c $$(filter %.c,$$^) -o $$@.tmp
	@mv -f $$@.tmp $$@

$$(L$2_OUT)/support/%.o: labs/$1/measure/%.c $$(L$2_HEADERS)
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(L$2_FLAGS) $$(CFLAGS) -c $$< -o $$@.tmp
	@mv -f $$@.tmp $$@

# The list of variants (common/variants.h): rewritten only when it changes.
$$(L$2_OUT)/variant-list.h: FORCE
	@mkdir -p $$(@D)
	@bash common/variants.sh $$@ $$(L$2_SOURCES)

# workload.c and report.c learn the lab's number and slug from the build.
$$(L$2_OUT)/workload.o $$(L$2_OUT)/report.o: $$(L$2_OUT)/%.o: labs/$1/measure/%.c $$(L$2_HEADERS) $$(L$2_OUT)/variant-list.h
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(L$2_FLAGS) -I$$(L$2_OUT) -DPERFLAB_NUMBER=$2 -DPERFLAB_SLUG='"$1"' $$(CFLAGS) -c $$< -o $$@.tmp
	@mv -f $$@.tmp $$@

# The grader's binaries link only the variants they need, each with its own
# variant list and workload.o (SET_RULES below): the targets and naive's
# count come from driver-trusted (no student code), yours is counted in
# driver-graded (yours alone: no reference to call) and timed beside naive in
# bench-graded.
$$(eval $$(call SET_RULES,$1,$2,trusted,$$(filter-out yours=%,$$(L$2_SOURCES))))
$$(eval $$(call SET_RULES,$1,$2,graded,$$(filter yours=%,$$(L$2_SOURCES))))
$$(eval $$(call SET_RULES,$1,$2,compared,$$(filter naive=% yours=%,$$(L$2_SOURCES))))

$$(L$2_OUT)/tests.o: tests/$1.c $$(L$2_HEADERS)
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(L$2_FLAGS) $$(CFLAGS) -c $$< -o $$@.tmp
	@mv -f $$@.tmp $$@

$$(L$2_OUT)/renamed/%.o: $$(L$2_OUT)/variants/%.o $$(L$2_OUT)/variants/naive.o common/rename.sh
	@mkdir -p $$(@D)
	@bash common/rename.sh $$* $$< $$(L$2_OUT)/variants/naive.o $$@.tmp $(LAB_EXPORTS_$3)
	@mv -f $$@.tmp $$@

ifneq ($(words $(wildcard labs/$1/measure/remote.c labs/$1/measure/worker.c)),1)
else
$$(error labs/$1/measure/ has one of remote.c and worker.c: a lab needs both, or neither)
endif
ifneq (,$(wildcard labs/$1/measure/remote.c))
# The suite in a trusted process: tests.o + remote.o + the lab's support code
# and the library (rpc.o, rng.o...), no variant code. test-<X> runs worker-<X>
# from its own folder (rpc_suite_client), so building a test builds its worker.
$$(L$2_OUT)/remote.o $$(L$2_OUT)/worker.o: $$(L$2_OUT)/%.o: labs/$1/measure/%.c $$(L$2_HEADERS)
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(L$2_FLAGS) $$(CFLAGS) -c $$< -o $$@.tmp
	@mv -f $$@.tmp $$@

# (Static pattern rules: the catch-all `test-%` at the end must not win.)
$$(L$2_TESTS): $$(L$2_OUT)/test-%: $$(L$2_OUT)/tests.o $$(L$2_OUT)/remote.o $$(L$2_SUPPORT_OBJS) $$(LIB) | $$(L$2_OUT)/worker-%
	$$(CC) $$(LDFLAGS) $$^ $$(L$2_LIBS) -lcmocka $$(LDLIBS) -o $$@.tmp
	@mv -f $$@.tmp $$@

# A lab whose worker.c provides a service itself (Lab 5: the db_* proxies)
# leaves support files out of the worker (lab.mk: LAB_WORKER_OMIT_NN, object
# names) and may link other libraries (LAB_WORKER_LIBS_NN; default: the lab's).
L$2_WORKER_OBJS := $$(filter-out $$(patsubst %,$$(L$2_OUT)/support/%,$(LAB_WORKER_OMIT_$3)),$$(L$2_SUPPORT_OBJS))
L$2_WORKER_LIBS := $(if $(filter undefined,$(origin LAB_WORKER_LIBS_$3)),$(LAB_LIBS_$3),$(LAB_WORKER_LIBS_$3))
$$(L$2_WORKERS): $$(L$2_OUT)/worker-%: $$(L$2_OUT)/worker.o $$(L$2_OUT)/variants/%.o $$(L$2_WORKER_OBJS) $$(LIB)
	$$(CC) $$(LDFLAGS) $$^ $$(L$2_WORKER_LIBS) $$(LDLIBS) -o $$@.tmp
	@mv -f $$@.tmp $$@

ifneq (,$(LAB_DRIVER_REMOTE_$3))
# A lab graded on a counter its trusted side keeps (lab.mk: LAB_DRIVER_REMOTE_NN,
# Lab 5's statements): driver-remote is driver-graded with remote.o, renamed
# as "yours", in place of the student's object. It links no student code; it
# runs worker-yours (in the sandbox, when graded) and counts on this side.
$$(L$2_OUT)/renamed/remote-yours.o: $$(L$2_OUT)/remote.o $$(L$2_OUT)/variants/naive.o common/rename.sh
	@mkdir -p $$(@D)
	@bash common/rename.sh yours $$< $$(L$2_OUT)/variants/naive.o $$@.tmp $(LAB_EXPORTS_$3)
	@mv -f $$@.tmp $$@

$$(L$2_OUT)/driver-remote: $$(BUILD)/common/driver.o $$(L$2_OUT)/graded/workload.o $$(L$2_OUT)/renamed/remote-yours.o $$(L$2_SUPPORT_OBJS) $$(LIB) | $$(L$2_OUT)/worker-yours
	$$(CC) $$(LDFLAGS) -Wl,-z,now $$^ $$(L$2_LIBS) $$(LDLIBS) -o $$@.tmp
	@mv -f $$@.tmp $$@
L$2_GRADED_EXTRA := $$(L$2_OUT)/driver-remote
endif
else
$$(L$2_OUT)/test-%: $$(L$2_OUT)/tests.o $$(L$2_OUT)/variants/%.o $$(L$2_SUPPORT_OBJS) $$(LIB)
	$$(CC) $$(LDFLAGS) $$^ $$(L$2_LIBS) -lcmocka $$(LDLIBS) -o $$@.tmp
	@mv -f $$@.tmp $$@
endif

$$(L$2_OUT)/bench: $$(BUILD)/common/bench.o $$(L$2_OUT)/workload.o $$(L$2_REPORT_OBJ) $$(L$2_RENAMED) $$(L$2_SUPPORT_OBJS) $$(LIB)
	$$(CXX) $$(LDFLAGS) $$^ $$(L$2_LIBS) $$(shell pkg-config --libs benchmark 2>/dev/null || echo -lbenchmark) -lpthread $$(LDLIBS) -o $$@.tmp
	@mv -f $$@.tmp $$@

# -z now binds every library call when the driver starts: otherwise the
# first call to, say, malloc inside the measured call would also count the
# dynamic linker's symbol lookup, whose cost depends on which other symbols
# the binary happens to contain (a few dozen instructions that moved when the
# build changed, with the measured code identical).
$$(L$2_OUT)/driver: $$(BUILD)/common/driver.o $$(L$2_OUT)/workload.o $$(L$2_RENAMED) $$(L$2_SUPPORT_OBJS) $$(LIB)
	$$(CC) $$(LDFLAGS) -Wl,-z,now $$^ $$(L$2_LIBS) $$(LDLIBS) -o $$@.tmp
	@mv -f $$@.tmp $$@

# The same driver without the student's code: the grader reads the targets
# and counts naive in it, so nothing a submission links can change either.
$$(L$2_OUT)/driver-trusted: $$(BUILD)/common/driver.o $$(L$2_OUT)/trusted/workload.o $$(filter-out %/yours.o,$$(L$2_RENAMED)) $$(L$2_SUPPORT_OBJS) $$(LIB)
	$$(CC) $$(LDFLAGS) -Wl,-z,now $$^ $$(L$2_LIBS) $$(LDLIBS) -o $$@.tmp
	@mv -f $$@.tmp $$@

$$(L$2_OUT)/driver-graded: $$(BUILD)/common/driver.o $$(L$2_OUT)/graded/workload.o $$(L$2_OUT)/renamed/yours.o $$(L$2_SUPPORT_OBJS) $$(LIB)
	$$(CC) $$(LDFLAGS) -Wl,-z,now $$^ $$(L$2_LIBS) $$(LDLIBS) -o $$@.tmp
	@mv -f $$@.tmp $$@

$$(L$2_OUT)/bench-graded: $$(BUILD)/common/bench.o $$(L$2_OUT)/compared/workload.o $$(L$2_OUT)/renamed/naive.o $$(L$2_OUT)/renamed/yours.o $$(L$2_SUPPORT_OBJS) $$(LIB)
	$$(CXX) $$(LDFLAGS) $$^ $$(L$2_LIBS) $$(shell pkg-config --libs benchmark 2>/dev/null || echo -lbenchmark) -lpthread $$(LDLIBS) -o $$@.tmp
	@mv -f $$@.tmp $$@

# What the grader builds for the student's file (after driver-trusted and test-naive).
.PHONY: graded-$2
graded-$2: $$(L$2_OUT)/test-yours $$(L$2_OUT)/driver-graded $$(L$2_OUT)/bench-graded $$(L$2_GRADED_EXTRA)

.PHONY: tests-$2 bins-$2 lab-$2 grade-$2 profile-$2 test-$2 targets-$2
tests-$2: $$(L$2_TESTS) $$(L$2_OUT)/driver $$(L$2_OUT)/driver-trusted $$(PERFLAB)
bins-$2: $$(L$2_TESTS) $$(L$2_OUT)/bench $$(L$2_OUT)/driver $$(L$2_OUT)/driver-trusted $$(PERFLAB)

lab-$2: check-deps
	@echo "yours = $$(YOURS_$2)"
	@$$(MAKE) --no-print-directory -s -W $$(YOURS_$2) bins-$2
	@$$(PERFLAB) lab $2

# `make grade-N YOURS_N=path/to/optimized.c` grades another file (a submission).
grade-$2: check-deps
	@$$(MAKE) --no-print-directory -s $$(PERFLAB)
	@$$(PERFLAB) grade $2 $$(call yours_option,$2)

# Profiles need only the drivers (not the benchmark runner); REFERENCE=1 adds
# the reference, X=SIZE profiles another size.
profile-$2: check-deps
	@echo "yours = $$(YOURS_$2)"
	@$$(MAKE) --no-print-directory -s -W $$(YOURS_$2) $$(L$2_OUT)/driver $$(L$2_OUT)/driver-trusted $$(PERFLAB)
	@$$(PERFLAB) profile $2 $$(if $$(filter 1,$$(REFERENCE)),--reference) $$(if $$(X),--x $$(X))

test-$2: check-deps
	@$$(MAKE) --no-print-directory -s tests-$2
	@$$(PERFLAB) test $2

targets-$2:
	@$$(MAKE) --no-print-directory -s $$(L$2_OUT)/driver-trusted $$(PERFLAB)
	@$$(PERFLAB) targets $2
endef

.PHONY: FORCE
FORCE:

$(foreach s,$(LAB_SLUGS),$(eval $(call LAB_RULES,$s,$(call lab_n,$s),$(call lab_nn,$s))))

# ---- course-wide targets ----------------------------------------------------

.PHONY: help labs test grade targets deps check-deps clean bins-harness course course-data grade-class \
        grade-bins autograder grading-packages

help:
	@echo "perflab -- a performance-engineering course in C"
	@echo
	@echo "Each lab pairs a naive and an optimized implementation of one classic"
	@echo "performance trap. You edit labs/NN-name/optimized.c; the harness measures"
	@echo "naive, yours and the reference side by side, and grades deterministically."
	@echo
	@echo "Labs:"
	@$(foreach s,$(LAB_SLUGS),printf '  lab-%-3s %s\n' "$(call lab_n,$s)" "$$(sed -n '1s/^# *Lab [0-9]*: *//p' labs/$s/README.md 2>/dev/null)";)
	@echo
	@echo "Targets (N is a lab number):"
	@echo "  make deps         install the missing Debian packages (uses sudo if not root)"
	@echo "  make lab-N        check, measure and plot naive / yours / reference (~1 min)"
	@echo "  make profile-N    flame graphs, cost per line, simulated caches: naive vs yours (build/lab-N/profile/)"
	@echo "  make grade-N      grade your labs/ code for lab N; 'make grade' grades all labs"
	@echo "  make grade-class SUBMISSIONS=DIR [JOBS=n]   grade a folder of students (README: For instructors)"
	@echo "  make autograder   the Gradescope autograder zip (LABS=N: one lab's assignment)"
	@echo "  make test         every test suite, harness test and grader scenario (CI runs this)"
	@echo "  make test-N       the same for lab N only; add SANITIZE=1 for ASan + UBSan"
	@echo "  make targets      copy each lab's targets (measure/workload.c) into its README (targets-N: one lab)"
	@echo "  make course       rewrite every figure course.md and the READMEs quote from plots/ (the course's data)"
	@echo "  make noise        is this machine quiet enough to trust timings? (~5 s)"
	@echo "  make course-data  re-measure the course's data: every lab into plots/ (a quiet machine, ~15 min)"
	@echo "  make clean        remove build output (plots/ is kept)"
	@echo
	@echo "Options: CC=clang, SANITIZE=1, JOBS=n (parts of make test at once; default: cores),"
	@echo "         DB=postgres (lab 5), DELAY_MS=0.5 (lab 5), REFERENCE=1 X=SIZE (profile-N)"
	@echo "Start with: make deps lab-1    Course text: course.md"

labs: help

# The grader builds each lab itself (a lab that does not compile fails alone).
grade: check-deps
	@$(MAKE) --no-print-directory -s $(PERFLAB)
	@$(PERFLAB) grade $(LAB_NUMBERS) $(foreach n,$(LAB_NUMBERS),$(call yours_option,$n))

# ---- a whole class, and the platforms that grade one (README: For instructors) ----

# What every grade links and no grade may rebuild: built once, before grades
# run side by side (their makes then only read these).
grade-bins: $(PERFLAB) $(LIB) $(BUILD)/common/driver.o $(BUILD)/common/bench.o

# make grade-class SUBMISSIONS=DIR [JOBS=n] [LABS=1,2] [OUT=dir] [REGRADE=1]
grade-class: check-deps
	@if [ -z "$(SUBMISSIONS)" ]; then \
	    echo "usage: make grade-class SUBMISSIONS=DIR [JOBS=n] [LABS=1,2] [OUT=dir] [REGRADE=1]" >&2; exit 2; fi
	@$(MAKE) --no-print-directory -s grade-bins
	@$(PERFLAB) class "$(SUBMISSIONS)" $(if $(JOBS),--jobs $(JOBS)) $(if $(LABS),--labs $(LABS)) \
	    $(if $(OUT),--out "$(OUT)") $(if $(filter 1,$(REGRADE)),--regrade)

# What grading needs on a grading platform (Gradescope's Ubuntu image, GitHub's
# runner): not perf (profiling only; Ubuntu has no linux-perf) nor the tools
# that build and test the platform files.
GRADING_PACKAGES := $(sort $(filter-out linux-perf zip unzip python3-yaml,$(DEB_PACKAGES)))
grading-packages:
	@echo $(GRADING_PACKAGES)

# The Gradescope autograder: $(BUILD)/autograder.zip (AUTOGRADER=path to
# choose), for every lab or, with LABS=N, one lab's assignment.
AUTOGRADER ?= $(BUILD)/autograder.zip
autograder:
	@bash common/gradescope/package.sh "$(AUTOGRADER)" "$(LABS)" "$(GRADING_PACKAGES)"

bins-harness: $(BUILD)/harness-test $(BUILD)/sandbox-test $(BUILD)/rpc-test-worker $(PERFLAB)

# It also tests the course's figure blocks, so it links the evaluator and the two
# front-end modules it reads the tree with.
HARNESS_TEST_OBJS := $(patsubst %,$(BUILD)/common/perflab/%.o,figures files labs)
$(BUILD)/harness-test: tests/harness.c $(LIB) $(HARNESS_TEST_OBJS) $(wildcard common/*.h) tests/rpc-worker.h
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) tests/harness.c $(HARNESS_TEST_OBJS) $(LIB) -lcmocka $(LDLIBS) -o $@

$(BUILD)/sandbox-test: tests/sandbox.c $(LIB) $(wildcard common/*.h)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) tests/sandbox.c $(LIB) -lcmocka -lpthread $(LDLIBS) -o $@

# The worker of the harness's rpc tests; harness-test runs it from its own folder.
$(BUILD)/rpc-test-worker: tests/rpc-worker.c tests/rpc-worker.h $(LIB) $(wildcard common/*.h)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) tests/rpc-worker.c $(LIB) $(LDLIBS) -o $@

# Every suite against every non-student variant, the harness's own tests, the
# targets-vs-README check, and the grader scenarios (skipped under SANITIZE:
# callgrind cannot run sanitized binaries).
test: check-deps
	@$(MAKE) --no-print-directory -s bins-harness $(foreach n,$(LAB_NUMBERS),tests-$n)
	@$(MAKE) --no-print-directory -s grade-bins
	@$(PERFLAB) test $(LAB_NUMBERS) class harness sandbox profile figures

targets: $(foreach n,$(LAB_NUMBERS),targets-$n)

# The course's figures: course.md and the READMEs quote measured numbers only
# between <!-- figure N.name --> markers, computed from the committed data in
# plots/lab-N/ (common/perflab/figures.h). `make course` rewrites them;
# `make test` fails when one disagrees. `make course-data` re-measures that
# data (every lab, into plots/: run it on a quiet machine), then rewrites.
course: $(PERFLAB)
	@$(PERFLAB) course

# A lab's lab.mk may add runs of its own (COURSE_DATA_EXTRAS: Lab 5's delay).
course-data: check-deps
	@$(foreach n,$(LAB_NUMBERS),$(MAKE) --no-print-directory lab-$n PLOTS=plots DB=postgres && ) true
	@$(foreach t,$(COURSE_DATA_EXTRAS),$(MAKE) --no-print-directory $t && ) true
	@$(MAKE) --no-print-directory course

# The perflab tool reads these (it calls make itself to build what it grades).
# make lab-N writes its tables' files and plots into $(PLOTS)/lab-N: the
# reader's own run goes to the build folder; plots/ holds the course's data,
# which only `make course-data` (PLOTS=plots) rewrites.
PLOTS ?= $(BUILD)/plots
export SANITIZE BUILD DB DELAY_MS CC JOBS PLOTS

deps:
	@DEB_PACKAGES="$(sort $(DEB_PACKAGES))" NPM_PACKAGES="$(NPM_PACKAGES)" bash common/deps.sh install

check-deps:
	@DEB_PACKAGES="$(sort $(DEB_PACKAGES))" NPM_PACKAGES="$(NPM_PACKAGES)" bash common/deps.sh check

clean:
	rm -rf build build-*

# A wrong lab number says which labs exist.
lab-% grade-% profile-% test-% targets-%:
	@echo "perflab: there is no lab '$*'. Labs: $(LAB_NUMBERS)  (see 'make help')" >&2
	@exit 2
