#!/usr/bin/env bash
# Speed figures for BENCHMARKS.md: Nyquist (release) and impedance.py on the same spectra, in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
swift build -c release --static-swift-stdlib --product nyquist >/dev/null
python3 -c "import impedance" 2>/dev/null || pip install -q impedance
dir=$(mktemp -d)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
.build/release/nyquist bench --spectra "${SPECTRA:-50}" --write-spectra "$dir"
.build/release/nyquist bench --spectra "${SPECTRA:-50}" --cholesky | sed -n 3p | sed 's/^/with --cholesky: /'
python3 scripts/bench_impedance_py.py "$dir"
python3 -c "import impedancefitter" 2>/dev/null && python3 scripts/bench_impedancefitter.py "$dir"
# Issue 17: the batch scenario (files read, lin-KK per spectrum, batch with/without KK at 1 and 2 jobs, start-up).
.build/release/nyquist bench --spectra 1 --local-only --batch "${BATCH:-600}" | tail -n +6
rm -rf "$dir"
