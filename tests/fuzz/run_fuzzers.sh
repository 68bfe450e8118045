#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang in BUILD_DIR and runs each for SECONDS, starting
# from its seed corpus (tests/fuzz/corpus/NAME, never written to). Exit status: 0 when no target found a
# crash, leak, timeout or broken check; 1 when one did (the input is saved as BUILD_DIR/artifacts/NAME-*,
# to be fixed and then added to the corpus); 77 when clang or its libFuzzer runtime is not installed.
#   tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS
set -euo pipefail
build_dir=${1:?usage: run_fuzzers.sh BUILD_DIR SECONDS}
seconds=${2:?usage: run_fuzzers.sh BUILD_DIR SECONDS}
root="$(cd "$(dirname "$0")/../.." && pwd)"
targets=(revision_file config target url x_arguments fleet_names revision_cache)

if ! command -v clang++ >/dev/null || ! command -v clang >/dev/null; then
  echo "skipped: clang++ is not installed (scripts/install_packages.sh clang libclang-rt-14-dev)"
  exit 77
fi
if ! ls "$(clang++ -print-resource-dir)"/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1; then
  echo "skipped: clang's libFuzzer runtime is not installed (libclang-rt-14-dev)"
  exit 77
fi

mkdir -p "$build_dir"
build_dir="$(cd "$build_dir" && pwd)"
# -O1 with line tables: fast enough to fuzz, quick to compile (with the sanitizers, -O2 -g takes minutes
# longer on two cores), readable stacks. Only the targets are built.
CC=clang CXX=clang++ cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O1 -gline-tables-only" -DCMAKE_C_FLAGS_RELEASE="-O1 -gline-tables-only" \
  -DRETORT_FUZZ=ON -DRETORT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target "${targets[@]/#/fuzz_}" -- -j"$(nproc)" >"$build_dir/build.log" 2>&1 || {
  tail -n 50 "$build_dir/build.log"
  exit 1
}

failed=()
for name in "${targets[@]}"; do
  work="$build_dir/corpus/$name"       # what this run finds; the seeds stay as they are
  artifacts="$build_dir/artifacts"
  mkdir -p "$work" "$artifacts"
  log="$build_dir/$name.log"
  set +e
  # -rss_limit_mb and -timeout: running out of memory or taking over 10 s on one input is a finding too.
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build_dir/bin/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$name-" "$work" "$root/tests/fuzz/corpus/$name" >"$log" 2>&1
  status=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  if [ "$status" -eq 0 ]; then
    echo "fuzz_$name: ${runs:-?} runs in ${seconds} s, no crash"
  else
    echo "fuzz_$name: FAILED (exit $status) after ${runs:-?} runs; input saved in $artifacts/$name-*; log: $log"
    grep -E "ERROR|SUMMARY|fuzz check failed|#[0-9]+ 0x" "$log" | head -n 30 || true
    failed+=("$name")
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz targets that failed: ${failed[*]}"; exit 1; }
