#!/usr/bin/env bash
# Two builds of nyquist compared in the same minutes (for a host whose speed drifts): alternating rounds of
# `nyquist bench --spectra 40 --local-only`, printing the medians of one evaluation of Z and ∂Z/∂p, the local LM fit
# and lin-KK per round. With KEPT=DIR (a series kept by `NYQUIST_BENCH_KEEP=1 nyquist bench --batch N`), also
# alternating `batch` runs on it: wall and CPU seconds and the median time of the warm fits as the store records it.
# Usage: scripts/bench-ab.sh BASE_BINARY NEW_BINARY [ROUNDS]
set -euo pipefail
a=$1; b=$2; rounds=${3:-4}
echo "start $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  pair=("$a" "$b"); [ $((r % 2)) -eq 0 ] && pair=("$b" "$a")
  for bin in "${pair[@]}"; do
    echo "round $r $bin: $("$bin" bench --spectra 40 --local-only | grep -E '^(evaluation|local LM|lin-KK)' \
      | sed -E 's/.*median ([0-9.]+ [µm]s).*/\1/' | tr '\n' ' ')"
  done
done
if [ -n "${KEPT:-}" ]; then
  for r in 1 2; do
    pair=("$a" "$b"); [ "$r" -eq 2 ] && pair=("$b" "$a")
    for bin in "${pair[@]}"; do
      for args in "--no-kk --jobs 1" "--no-kk --jobs 2" "--jobs 1" "--jobs 2"; do
        store=$(mktemp -u /tmp/bench-ab-XXXXXX.sqlite)
        t0=$(date +%s.%N)
        # shellcheck disable=SC2086
        "$bin" batch "$KEPT"/synthetic-cell-* --circuit assb-cathode-warburg --store "$store" --quiet $args >/dev/null
        t1=$(date +%s.%N)
        fit=$(sqlite3 "$store" "SELECT fit_seconds * 1e6 FROM fit WHERE start = 'warm' ORDER BY fit_seconds LIMIT 1
              OFFSET (SELECT COUNT(*) / 2 FROM fit WHERE start = 'warm')")
        printf '%s %s: wall %.2f s, warm fit median %.1f µs\n' "$bin" "$args" "$(echo "$t1 - $t0" | bc)" "$fit"
        rm -f "$store" "$store"-*
      done
    done
  done
fi
echo "end $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
