"""Times impedance.py's CustomCircuit.fit on the spectra `nyquist bench --write-spectra DIR` wrote, from the same
starts Nyquist's benchmark uses, with modulus weighting. Prints medians in the same units as `nyquist bench`.

    python3 scripts/bench_impedance_py.py DIR
"""
import glob, statistics, sys, time, warnings
import numpy as np
from impedance.models.circuits import CustomCircuit

warnings.filterwarnings("ignore")
truth = [20.0, 30, 1e-7, 0.9, 150, 1e-5, 0.8]
near = [v * (0.95 if i in (3, 6) else 1.2) for i, v in enumerate(truth)]
naive = [10.0, 10, 1e-6, 0.8, 10, 1e-6, 0.8]
files = sorted(glob.glob(f"{sys.argv[1]}/spectrum-*.csv"))
times = {"near": [], "naive": []}
found = 0
for path in files:
    d = np.loadtxt(path, delimiter=",", skiprows=1)
    f, z = d[:, 0], d[:, 1] + 1j * d[:, 2]
    for name, start in (("near", near), ("naive", naive)):
        model = CustomCircuit("R1-p(R2,CPE2)-p(R3,CPE3)", initial_guess=list(start))
        t0 = time.perf_counter()
        model.fit(f, z, weight_by_modulus=True)
        times[name].append(time.perf_counter() - t0)
        if name == "naive" and abs(model.parameters_[4] - 150) < 5:
            found += 1
print(f"impedance.py CustomCircuit.fit, {len(files)} spectra, modulus weights")
print(f"  from the start 20 % off: median {statistics.median(times['near']) * 1e3:.3f} ms")
print(f"  from naive starts:       median {statistics.median(times['naive']) * 1e3:.3f} ms   found truth {found}/{len(files)}")
