# lab.mk -- Lab 4's additions to the build.
#
# The reference exports two extra symbols (kept and renamed reference_<name>
# for bench and driver): kd_leaf_size, the knob the leaf-size sweep turns, and
# kd_build_only, the build alone, which the build sweep times so that the
# report can split the reference's time into build and queries.
LAB_EXPORTS_04 := kd_leaf_size kd_build_only
# The contract defines the distance as (dx*dx + dy*dy) + dz*dz, rounded after
# every operation. A compiler may otherwise fuse a multiply and an add into
# one FMA instruction (clang does by default where the CPU has FMA), which
# rounds once instead of twice and changes which of two nearly tied points
# wins. Off for every variant, the tests and the workload alike.
LAB_CFLAGS_04 := -ffp-contract=off
