#!/usr/bin/env bash
# Bounded libFuzzer run of every NyquistIO reader.
#   fuzz/run.sh [seconds-per-reader=30] [formats…]
# Builds NyquistIO (+ swift-numerics) with -sanitize=fuzzer,address into .build-fuzz, links fuzz/FuzzReaders.swift,
# seeds one corpus per format from ../shared/eis-data (when present) and runs each for the given time.
# Crashes are written to fuzz/crashes/<format>/; turn each into a regression test in Tests/NyquistIOTests/FuzzRegressionTests.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${1:-30}; shift || true
FORMATS=${*:-"csv biologic-mpt biologic-mpr gamry-dta zplot relaxis chi versastudio-par palmsens-pssession zahner-ism"}
BUILD=.build-fuzz
DATA=../shared/eis-data

swift build --target NyquistIO --build-path "$BUILD" -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >/dev/null
DBG="$BUILD/debug"
SHIMS="$BUILD/checkouts/swift-numerics/Sources/_NumericsShims/include"
OBJS=$(find "$DBG/NyquistIO.build" "$DBG/ComplexModule.build" "$DBG/RealModule.build" "$DBG/Numerics.build" \
  "$DBG/_NumericsShims.build" -name '*.o' | sort -u)
# ld.gold warns about ASan's local asm symbols; those lines are noise.
swiftc -O -sanitize=fuzzer,address -parse-as-library fuzz/FuzzReaders.swift -I "$DBG/Modules" \
  -Xcc -fmodule-map-file="$SHIMS/module.modulemap" -Xcc -I"$SHIMS" $OBJS -o "$BUILD/fuzz-readers" 2>&1 \
  | grep -v "Cannot export local symbol" || true
test -x "$BUILD/fuzz-readers"

seed() {  # format → file globs in the shared data
  case "$1" in
    csv) echo "*.csv pyDRTtools/*.txt impedance.py/exampleDataP*.txt" ;;
    biologic-mpt) echo "*.mpt" ;;
    biologic-mpr) echo "*.mpr" ;;
    gamry-dta) echo "*.DTA *.dta" ;;
    zplot) echo "*.z impedance.py/exampleDataAutolab.txt" ;;
    relaxis) echo "hybrid-drt/*RelaxIS.txt" ;;
    chi) echo "impedance.py/exampleDataCHInstruments.txt" ;;
    versastudio-par) echo "*.par" ;;
    palmsens-pssession) echo "*.pssession" ;;
    zahner-ism) echo "*.ism" ;;
  esac
}
status=0
for f in $FORMATS; do
  corpus="$BUILD/corpus/$f"; crashes="fuzz/crashes/$f"; mkdir -p "$corpus" "$crashes"
  if [ -d "$DATA" ]; then
    for g in $(seed "$f"); do
      for file in $DATA/$g $DATA/*/$g; do [ -f "$file" ] && [ "$(stat -c %s "$file")" -lt 1000000 ] && cp "$file" "$corpus/" || true; done
    done
  fi
  echo "== $f (${SECONDS_PER}s, $(ls "$corpus" | wc -l) seeds)"
  if ! FUZZ_FORMAT="$f" "$BUILD/fuzz-readers" "$corpus" -max_total_time="$SECONDS_PER" -max_len=300000 -timeout=10 \
       -artifact_prefix="$crashes/" -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ +DONE|==.*ERROR|SUMMARY|stat::number_of_executed_units|artifact_prefix|Test unit written)"; then
    status=1
  fi
done
ls fuzz/crashes/*/crash-* 2>/dev/null && { echo "crashes found"; status=1; } || echo "no crashes"
exit $status
