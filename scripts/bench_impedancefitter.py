"""Times impedancefitter (lmfit Levenberg–Marquardt) on the spectra `nyquist bench --write-spectra DIR` wrote, from
the start 20 % off the truth that Nyquist's benchmark uses, with modulus weights 1/|Z|. Prints the median in the
units of `nyquist bench`.

    python3 scripts/bench_impedancefitter.py DIR
"""
import glob, statistics, sys, time, warnings
import numpy as np
import impedancefitter as ifit

warnings.filterwarnings("ignore")
# impedancefitter's CPE is Z = k·(jω)^(−α), so k = 1/Q; the start Q·1.2 is k/1.2.
truth = {"f1_R": 20.0, "f2_R": 30.0, "f3_k": 1e7, "f3_alpha": 0.9, "f4_R": 150.0, "f5_k": 1e5, "f5_alpha": 0.8}
model = ifit.get_equivalent_circuit_model("R_f1 + parallel(R_f2, CPE_f3) + parallel(R_f4, CPE_f5)")
files = sorted(glob.glob(f"{sys.argv[1]}/spectrum-*.csv"))
times, ok = [], 0
for path in files:
    d = np.loadtxt(path, delimiter=",", skiprows=1)
    f, z = d[:, 0], d[:, 1] + 1j * d[:, 2]
    params = model.make_params()
    for name, v in truth.items():
        factor = 0.95 if name.endswith("alpha") else (1 / 1.2 if name.endswith("_k") else 1.2)
        params[name].set(value=v * factor, min=0)
    params["f3_alpha"].set(max=1)
    params["f5_alpha"].set(max=1)
    t0 = time.perf_counter()
    r = model.fit(z, params=params, omega=2 * np.pi * f, weights=1 / np.abs(z), method="leastsq")
    times.append(time.perf_counter() - t0)
    if abs(r.params["f4_R"].value - 150) < 5:
        ok += 1
print(f"impedancefitter (lmfit leastsq), {len(files)} spectra, modulus weights")
print(f"  from the start 20 % off: median {statistics.median(times) * 1e3:.3f} ms, range "
      f"{min(times) * 1e3:.3f}–{max(times) * 1e3:.3f} ms   found truth {ok}/{len(files)}")
