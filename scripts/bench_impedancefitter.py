"""Times impedancefitter's fit (an lmfit model of `R_s + parallel(R_a, CPE_a) + parallel(R_b, CPE_b)`, lmfit's
default `least_squares`) on the spectra `nyquist bench --write-spectra DIR` wrote, from the starts Nyquist's benchmark
uses, with modulus weights (lmfit weights 1/|Z| on the complex residual). impedancefitter's CPE is Z = k (jω)^−α,
k = 1/Q. Prints medians in the units of `nyquist bench`.

    python3 scripts/bench_impedancefitter.py DIR
"""
import glob
import statistics
import sys
import time
import warnings

import numpy as np
from impedancefitter.utils import get_equivalent_circuit_model

warnings.filterwarnings("ignore")
truth = [20.0, 30, 1e-7, 0.9, 150, 1e-5, 0.8]
near = [v * (0.95 if i in (3, 6) else 1.2) for i, v in enumerate(truth)]
naive = [10.0, 10, 1e-6, 0.8, 10, 1e-6, 0.8]
model = get_equivalent_circuit_model("R_s + parallel(R_a, CPE_a) + parallel(R_b, CPE_b)")


def params(start):
    R1, R2, Q2, n2, R3, Q3, n3 = start
    p = model.make_params(s_R=R1, a_R=R2, a_k=1 / Q2, a_alpha=n2, b_R=R3, b_k=1 / Q3, b_alpha=n3)
    for name in ("s_R", "a_R", "a_k", "b_R", "b_k"):
        p[name].min = 0
    for name in ("a_alpha", "b_alpha"):
        p[name].min, p[name].max = 0, 1
    return p


files = sorted(glob.glob(f"{sys.argv[1]}/spectrum-*.csv"))
times = {"near": [], "naive": []}
found = 0
for path in files:
    d = np.loadtxt(path, delimiter=",", skiprows=1)
    f, z = d[:, 0], d[:, 1] + 1j * d[:, 2]
    omega = 2 * np.pi * f
    for name, start in (("near", near), ("naive", naive)):
        t0 = time.perf_counter()
        result = model.fit(z, params(start), omega=omega, weights=1 / np.abs(z), method="least_squares")
        times[name].append(time.perf_counter() - t0)
        if name == "naive" and abs(result.params["b_R"].value - 150) < 5:
            found += 1
print(f"impedancefitter model.fit (lmfit least_squares), {len(files)} spectra, modulus weights")
print(f"  from the start 20 % off: median {statistics.median(times['near']) * 1e3:.3f} ms")
print(f"  from naive starts:       median {statistics.median(times['naive']) * 1e3:.3f} ms   found truth {found}/{len(files)}")
