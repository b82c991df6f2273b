#!/usr/bin/env bash
# Bounded libFuzzer run of the targets beyond the readers: circuit parser, track's cycler and cell readers, and the
# whole pipeline (read → lin-KK → fit → SVG → JSON); see Sources/NyquistTestSupport/FuzzTarget.swift.
#   fuzz/run-targets.sh [seconds-per-target=60] [targets…]
# Builds the library modules (+ GRDB, swift-numerics) with -sanitize=fuzzer,address into .build-fuzz, links
# fuzz/FuzzTargets.swift, seeds each corpus from fuzz/seeds/<target>, fuzz/regressions/<target> and the shared data,
# and runs each target with one job for the given time. Crashes go to fuzz/crashes/<target>/; once fixed, move each
# into fuzz/regressions/<target>/, which `swift test` replays (FuzzCorpusReplayTests).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${1:-60}; shift || true
TARGETS=${*:-"circuit cycler cell pipeline"}
BUILD=.build-fuzz
DATA=../shared/eis-data

swift build --target NyquistTestSupport --build-path "$BUILD" -Xswiftc -sanitize=fuzzer,address \
  -Xswiftc -parse-as-library >/dev/null
DBG="$BUILD/debug"
CHECKOUTS="$BUILD/checkouts"
SHIMS="$CHECKOUTS/swift-numerics/Sources/_NumericsShims/include"
OBJDIR=$(readlink -f "$DBG")  # debug is a symlink to the triple's folder
OBJS=$(find "$OBJDIR" -path "$OBJDIR/*Tests.build" -prune -o -path "$OBJDIR/NyquistCLI.build" -prune -o \
  -path "$OBJDIR/ArgumentParser*" -prune -o -path "$OBJDIR/generate_*" -prune -o -path "$OBJDIR/index" -prune -o \
  -name '*.o' -print | sort -u)
# ld.gold warns about ASan's local asm symbols; those lines are noise.
swiftc -O -sanitize=fuzzer,address -parse-as-library fuzz/FuzzTargets.swift -I "$DBG/Modules" \
  -Xcc -fmodule-map-file="$SHIMS/module.modulemap" -Xcc -I"$SHIMS" \
  -Xcc -fmodule-map-file="$CHECKOUTS/GRDB.swift/Sources/GRDBSQLite/module.modulemap" \
  -Xcc -fmodule-map-file=Sources/CGSL/module.modulemap \
  -Xcc -fmodule-map-file="$DBG/CKernels.build/module.modulemap" \
  $OBJS -lgsl -lgslcblas -lsqlite3 -o "$BUILD/fuzz-targets" 2>&1 | grep -v "Cannot export local symbol" || true
test -x "$BUILD/fuzz-targets"

seed() {  # target → seed files
  case "$1" in
    circuit) ls circuits/*.circuit 2>/dev/null ;;
    cycler) ls "$DATA"/*/*.mpt "$DATA"/*/*.DTA "$DATA"/*/*.mpr 2>/dev/null ;;
    cell) ls samples/*.toml 2>/dev/null ;;
    pipeline) ls samples/*.csv samples/*.mpr "$DATA"/*/*.mpt "$DATA"/*/*.z "$DATA"/*/*.DTA 2>/dev/null | head -20 ;;
  esac
}
status=0
for t in $TARGETS; do
  corpus="$BUILD/corpus-targets/$t"; crashes="fuzz/crashes/$t"; mkdir -p "$corpus" "$crashes"
  for d in "fuzz/seeds/$t" "fuzz/regressions/$t"; do [ -d "$d" ] && cp "$d"/* "$corpus/" 2>/dev/null || true; done
  for file in $(seed "$t"); do [ -f "$file" ] && [ "$(stat -c %s "$file")" -lt 200000 ] && cp "$file" "$corpus/" || true; done
  echo "== $t (${SECONDS_PER}s, $(ls "$corpus" | wc -l) seeds)"
  # The pipeline fits every input: shorter inputs keep it at tens of executions per second.
  maxlen=200000; [ "$t" = pipeline ] && maxlen=30000
  # No leak check: Foundation's Data(contentsOf:) leaks its 4 KiB buffer on an empty file (found at once by the
  # cycler target); that is not ours and would stop every run.
  if ! ASAN_OPTIONS=detect_leaks=0 FUZZ_TARGET="$t" "$BUILD/fuzz-targets" "$corpus" -max_total_time="$SECONDS_PER" -max_len="$maxlen" -timeout=20 \
       -rss_limit_mb=4096 -detect_leaks=0 -artifact_prefix="$crashes/" -print_final_stats=1 2>&1 \
       | grep -E "^(#[0-9]+ +DONE|==.*ERROR|SUMMARY|Fatal error|stat::number_of_executed_units|stat::average_exec_per_sec|artifact_prefix|Test unit written)"; then
    status=1
  fi
done
ls fuzz/crashes/*/crash-* fuzz/crashes/*/timeout-* fuzz/crashes/*/oom-* 2>/dev/null && { echo "findings in fuzz/crashes"; status=1; } || echo "no crashes"
exit $status
