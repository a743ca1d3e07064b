#!/usr/bin/env bash
# Fuzzes one of SchoolNet's input readers with libFuzzer (see Tests/Fuzz/README.md).
#
#   Tests/Fuzz/run-fuzz.sh TARGET SECONDS [libFuzzer options…]   build if needed, then fuzz
#   Tests/Fuzz/run-fuzz.sh build                                 build only
#   Tests/Fuzz/run-fuzz.sh all SECONDS                           every target, SECONDS each
#
# TARGET: json, scenario, flowlog, nfdump, units, cli, schools. Exit status non-zero when the build
# fails or an input crashes (the input is kept as .build/fuzz/crashes/TARGET-crash-…).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build/fuzz
bin=$out/schoolnet-fuzz
targets="json scenario flowlog nfdump units cli schools"

build() {
  mkdir -p "$out"
  local sources
  sources=$(find Sources/SchoolNet Sources/schoolnet Tests/Fuzz -name '*.swift' ! -path 'Sources/schoolnet/main.swift' | sort)
  if [ -x "$bin" ] && [ -z "$(find $sources Tests/Fuzz/run-fuzz.sh -newer "$bin" | head -n 1)" ]; then return 0; fi
  echo "== building $bin (swiftc -sanitize=fuzzer, one module)" >&2
  # shellcheck disable=SC2086
  nice swiftc -sanitize=fuzzer -parse-as-library -module-name SchoolNet -Onone -g \
    -suppress-warnings $sources -o "$bin"
}

fuzz() {
  local target=$1 seconds=$2; shift 2
  local corpus=$out/corpus/$target seeds=()
  mkdir -p "$corpus" "$out/crashes"
  case $target in
    json|scenario) seeds=(Scenarios Tests/Fuzz/Seeds/scenario) ;;
    flowlog) seeds=(Tests/Fuzz/Seeds/flowlog) ;;
    nfdump) seeds=(Tests/SchoolNetTests/Fixtures/nfdump-small.csv Tests/SchoolNetTests/Fixtures/nfdump-dual-stack.csv Tests/Fuzz/Seeds/nfdump) ;;
    units) seeds=(Tests/Fuzz/Seeds/units) ;;
    cli) seeds=(Tests/Fuzz/Seeds/cli) ;;
    schools) seeds=(Scenarios/board-sakura-schools.csv Tests/Fuzz/Seeds/schools) ;;
    *) echo "unknown target $target (targets: $targets)" >&2; exit 2 ;;
  esac
  # libFuzzer reads seed files only from directories: copy single files into the corpus.
  local dirs=()
  for s in "${seeds[@]}"; do
    if [ -d "$s" ]; then dirs+=("$s"); else cp -n "$s" "$corpus/" ; fi
  done
  echo "== fuzz $target for ${seconds}s" >&2
  # The Swift runtime's backtracer would take the trap's signal before libFuzzer saves the input.
  SWIFT_BACKTRACE=enable=no SCHOOLNET_FUZZ_TARGET=$target nice "$bin" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$out/crashes/$target-" "$@" "$corpus" "${dirs[@]}"
}

case ${1:-} in
  build) build ;;
  all) build; for t in $targets; do fuzz "$t" "${2:?seconds}"; done ;;
  "") echo "usage: $0 TARGET SECONDS | build | all SECONDS (targets: $targets)" >&2; exit 2 ;;
  *) build; fuzz "$1" "${2:?seconds}" "${@:3}" ;;
esac
