#!/usr/bin/env bash
# Every test: set up, build with AddressSanitizer + UndefinedBehaviorSanitizer and warnings as errors,
# and run the whole suite with ctest (its summary is the last thing printed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build-test -DCMAKE_BUILD_TYPE=Debug -DRETORT_SANITIZE=ON -DRETORT_WERROR=ON

# Each run gets its own header cache so no earlier run can influence a result.
export RETORT_CACHE_DIR
RETORT_CACHE_DIR="$(mktemp -d)"
trap 'rm -rf "$RETORT_CACHE_DIR"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

cd build-test
ctest --output-on-failure -j"$(nproc)"
