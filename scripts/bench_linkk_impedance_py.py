"""Times impedance.py's lin-KK (`impedance.validation.linKK`, complex fit, c = 0.85, M up to 60, no capacitance) on
the spectra `nyquist bench --write-spectra DIR` wrote; `nyquist bench` prints its own lin-KK median on the same
spectra ("lin-KK (default settings)"). impedance.py stops at the first M with μ < c; Nyquist's rule also needs the
χ² plateau, so it usually solves more M (up to 60).

    python3 scripts/bench_linkk_impedance_py.py DIR
"""
import contextlib, glob, io, statistics, sys, time, warnings
import numpy as np
import impedance.validation as validation
from impedance.validation import linKK

warnings.filterwarnings("ignore")
# impedance.py 1.7.1 builds a circuit string from repr() of its coefficients and eval()s it; with NumPy ≥ 2 that repr
# is "np.float64(…)", which its namespace lacks (NameError at M = 10, 20, …). Give it `np`; the numbers are unchanged.
validation.circuit_elements["np"] = np
files = sorted(glob.glob(f"{sys.argv[1]}/spectrum-*.csv"))
times, ms = [], []
for path in files:
    d = np.loadtxt(path, delimiter=",", skiprows=1)
    f, z = d[:, 0], d[:, 1] + 1j * d[:, 2]
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # it prints M, μ and the RMSE at every tenth M
        M, mu, Z_linKK, res_real, res_imag = linKK(f, z, c=0.85, max_M=60, fit_type="complex", add_cap=False)
    times.append(time.perf_counter() - t0)
    ms.append(M)
print(f"impedance.py linKK, {len(files)} spectra: median {statistics.median(times) * 1e3:.3f} ms   median M {statistics.median(ms)}")
