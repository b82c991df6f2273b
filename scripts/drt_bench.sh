#!/usr/bin/env bash
# DRT speed (issue 16, BENCHMARKS.md "DRT (issue 16)"): Nyquist's `nyquist drt` (release build) and pyDRTtools'
# simple_run on the same three 161-point spectra (Tests/NyquistDRTTests/Fixtures/drt-*.json), in one run.
# Usage: scripts/drt_bench.sh [NYQUIST_BINARY] [PYTHON_WITH_PYDRTTOOLS]
set -euo pipefail
bin=${1:-.build/release/nyquist}
py=${2:-/tmp/drtvenv/bin/python}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "loadavg at start: $(cat /proc/loadavg)"
for f in Tests/NyquistDRTTests/Fixtures/drt-*.json; do
    name=$(basename "$f" .json)
    python3 - "$f" "$dir/$name.csv" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    out.write("freq_Hz,Z_re_Ohm,Z_im_Ohm\n")
    for f, re, im in zip(d["frequencies"], d["zReal"], d["zImag"]):
        out.write(f"{f!r},{re!r},{im!r}\n")
PY
    for args in "--bootstrap 0" "" "--lambda gcv --bootstrap 0" "--lambda re-im --bootstrap 0"; do
        echo -n "$name nyquist drt ${args:-(default: robust GCV + 50 bootstrap)}: "
        # shellcheck disable=SC2086
        "$bin" drt "$dir/$name.csv" --repeat 30 $args 2>&1 >/dev/null | sed 's/^drt: //'
    done
done
echo "loadavg before pyDRTtools: $(cat /proc/loadavg)"
MPLBACKEND=Agg "$py" -W ignore scripts/drt_reference.py --time 2 --no-write
echo "loadavg at end: $(cat /proc/loadavg)"
