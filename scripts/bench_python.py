"""Per-fit time of the Python package (`nyquist.fit`, in-process over the C API) against the engine's own time for
the same fit, on the spectra `nyquist bench --write-spectra DIR` wrote, with the starts `nyquist bench` uses.

    .venv/bin/python scripts/bench_python.py DIR

"library" is the engine's time as a Swift user gets it: the wall time of the library call `Fitter.fit(...)` (the
optimisation plus the result's covariance, intervals, noise gauge and warnings), timed inside the C call around
exactly that call (`FitResult.library_seconds`); "LM" is the optimisation alone (`convergence.seconds`,
`FitResult.seconds`). "Python" is the wall clock around `nyquist.fit(...)`, so Python − library is the whole binding:
the options JSON, the plan cache look-up (the circuit is resolved once per circuit and options), the ctypes call,
copying the spectrum in and the result's numbers out into a FitResult. Medians over the spectra, in the units of
`nyquist bench`.
"""
import glob
import statistics
import sys
import time

import numpy as np

import nyquist

CIRCUIT = "R1-p(R2,CPE2)-p(R3,CPE3)"
NAMES = ["R1", "R2", "Q2", "n2", "R3", "Q3", "n3"]
truth = [20.0, 30, 1e-7, 0.9, 150, 1e-5, 0.8]
near = {n: v * (0.95 if n.startswith("n") else 1.2) for n, v in zip(NAMES, truth)}
naive = dict(zip(NAMES, [10.0, 10, 1e-6, 0.8, 10, 1e-6, 0.8]))

files = sorted(glob.glob(f"{sys.argv[1]}/spectrum-*.csv"))
spectra = [nyquist.read(p)[0] for p in files]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
for label, start, method, unit, scale in (("local LM (start 20 % off)", near, "lm", "µs", 1e6),
                                          ("Randomize+Simplex+LM (naive)", naive, "randomize-simplex", "ms", 1e3)):
    wall, library, lm, found = [], [], [], 0
    for _ in range(rounds):
        for s in spectra:
            t0 = time.perf_counter()
            r = nyquist.fit(s.frequency, s.impedance, CIRCUIT, params=start, method=method)
            wall.append(time.perf_counter() - t0)
            library.append(r.library_seconds)
            lm.append(r.seconds)
            found += abs(r.values["R3"] - 150) < 5
    w, e, o = statistics.median(wall), statistics.median(library), statistics.median(lm)
    print(f"{label}: Python nyquist.fit median {w * scale:.4g} {unit}, library Fitter.fit in the same calls "
          f"{e * scale:.4g} {unit} (LM alone {o * scale:.4g} {unit}); ratio Python/library {w / e:.3f}, Python/LM "
          f"{w / o:.3f}; truth found {found}/{len(wall)} ({len(spectra)} spectra × {rounds})")
