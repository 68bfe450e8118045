#!/usr/bin/env bash
# What a plugin author does, as a test fixture: install retort to a fresh prefix, then configure, build and
# install each example plugin project (examples/*-plugin) against that prefix alone, and check that no
# compile command reached into retort's source tree.
#   tests/examples/build_examples.sh BUILD_DIR WORK_DIR CXX_COMPILER [CXX_FLAGS]
set -euo pipefail
build=${1:?usage: build_examples.sh BUILD_DIR WORK_DIR CXX_COMPILER [CXX_FLAGS]}
work=${2:?}
cxx=${3:?}
cxx_flags=${4:-}
source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
prefix="$work/prefix"

rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$prefix" >"$work/install.log"
echo "installed retort into $prefix"

# The package says which ABI it is: a project that needs another major is told so at configure time.
mkdir -p "$work/needs-abi-2"
printf 'cmake_minimum_required(VERSION 3.20)\nproject(needs_abi_2 LANGUAGES CXX)\nfind_package(RetortSDK 2 REQUIRED)\n' \
  >"$work/needs-abi-2/CMakeLists.txt"
if cmake -S "$work/needs-abi-2" -B "$work/needs-abi-2/build" -DCMAKE_PREFIX_PATH="$prefix" >"$work/needs-abi-2.log" 2>&1 ||
  ! grep -q 'The following configuration files were considered but not accepted' "$work/needs-abi-2.log"; then
  cat "$work/needs-abi-2.log" >&2
  echo "find_package(RetortSDK 2) should have refused the installed 1.x SDK" >&2
  exit 1
fi

for example in "$source_dir"/examples/*-plugin; do
  name=$(basename "$example")
  out="$work/$name"
  # Only the prefix is named: find_package(RetortSDK) must find everything there.
  cmake -S "$example" -B "$out" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_CXX_FLAGS="$cxx_flags" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_BUILD_TYPE=Debug >"$out.configure.log" ||
    { cat "$out.configure.log"; exit 1; }
  cmake --build "$out" >"$out.build.log" 2>&1 || { cat "$out.build.log"; exit 1; }
  if grep -q -- "$source_dir/sdk" "$out/compile_commands.json"; then
    echo "$name was compiled against retort's source tree, not the installed SDK:" >&2
    grep -o -- "-I[^ ]*" "$out/compile_commands.json" | sort -u >&2
    exit 1
  fi
  if grep -q "warning:" "$out.build.log"; then
    cat "$out.build.log" >&2
    echo "$name compiles with warnings" >&2
    exit 1
  fi
  cmake --install "$out" --prefix "$prefix" >>"$work/install.log"
  echo "built and installed $name"
done
find "$prefix" -name "retort_*.so" -printf "%P\n" | sort
