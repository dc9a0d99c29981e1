# lab.mk -- Lab 5's build settings: the two database client libraries that
# measure/db.c talks to, and the Debian packages that provide them. Only this
# lab names them. The postgresql package brings the server binaries the lab
# starts privately (pgserver.c); without it, the lab and its tests run on
# SQLite only.
LAB_CFLAGS_05 := $(shell pkg-config --cflags sqlite3 libpq 2>/dev/null)
LAB_LIBS_05 := $(shell pkg-config --libs sqlite3 libpq 2>/dev/null || echo -lsqlite3 -lpq)
DEB_PACKAGES += libsqlite3-dev libpq-dev postgresql

# The worker (worker.c) is the student's database layer: db_* proxies that
# call back into the trusted side, which executes and counts every statement.
# So it links neither db.c nor the libraries (nor shop.c, pgserver.c: they
# need db.c), and the statement count is taken by driver-remote (the driver
# with remote.c as "yours"), outside the sandbox, never by student code.
LAB_WORKER_OMIT_05 := db.o shop.o pgserver.o
LAB_WORKER_LIBS_05 :=
LAB_DRIVER_REMOTE_05 := yes

# The course's data also has the round trips with a simulated network
# (DELAY_MS): measured in a run of its own, because that run's scaling files
# and results.json hold delayed times; only its *-delay files are kept.
COURSE_DATA_EXTRAS += course-data-delay-5
.PHONY: course-data-delay-5
course-data-delay-5:
	@$(MAKE) --no-print-directory lab-5 PLOTS=$(BUILD)/delay-plots DB=postgres DELAY_MS=0.5
	cp $(BUILD)/delay-plots/lab-5/*-delay.csv $(BUILD)/delay-plots/lab-5/*-delay.png plots/lab-5/
