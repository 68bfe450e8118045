#!/usr/bin/env bash
# Every test: set up, build with AddressSanitizer + UndefinedBehaviorSanitizer and warnings as errors,
# start PostgreSQL and MariaDB for the integration tests (tests/test_servers.sh), run the whole suite
# with ctest (its summary is the last thing printed), and stop the servers.
set -euo pipefail
cd "$(dirname "$0")/.."
# Only the tests need SQLCipher (examples/sqlcipher-plugin is built against it), python3-alembic (the
# differential test against Alembic, tests/alembic_diff) and clang with its libFuzzer runtime (the bounded
# fuzz run, tests/fuzz/run_fuzzers.sh, one of the ctest tests).
scripts/install_packages.sh libsqlcipher-dev python3-alembic clang libclang-rt-14-dev
scripts/setup.sh build-test -DCMAKE_BUILD_TYPE=Debug -DRETORT_SANITIZE=ON -DRETORT_WERROR=ON

root="$PWD"
work="$(mktemp -d)"
servers="$work/servers"
# Stopping is quiet and cannot change the exit status: ctest's summary and status are the result.
trap '"$root/tests/test_servers.sh" stop "$servers" || true; rm -rf "$work"' EXIT
tests/test_servers.sh start "$servers"
# shellcheck source=/dev/null
source "$servers/env.sh"
# With the servers up, a test that cannot reach one fails instead of skipping.
export RETORT_TEST_REQUIRE_SERVERS=1

# Each run gets its own header cache so no earlier run can influence a result.
export RETORT_CACHE_DIR="$work/cache"
# intercept_tls_get_addr=0: with glibc 2.36, GCC 12's LeakSanitizer can misread the dynamic TLS of a
# dlopen'd client library (libmariadb) and crash in its tracer at exit ("DTLS ... at 0xb7b-...",
# "Tracer caught signal 11"); leak checking itself stays on.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:intercept_tls_get_addr=0
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

cd build-test
# Most tests wait on a server or a child process, so twice as many as there are cores keep both busy.
ctest --output-on-failure -j"$(( $(nproc) * 2 ))"
