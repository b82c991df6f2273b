#!/usr/bin/env python3
"""DRT reference fixtures from pyDRTtools (ciuccislab, MIT) for Tests/NyquistDRTTests/Fixtures/.

Usage:  python3 -m venv /tmp/drtvenv
        /tmp/drtvenv/bin/pip install pyDRTtools numpy scipy cvxopt pandas matplotlib scikit-learn
        MPLBACKEND=Agg /tmp/drtvenv/bin/python scripts/drt_reference.py [--time REPEATS]

For each seeded synthetic spectrum (closed-form impedances + Gaussian noise |Z|·level, numpy default_rng(seed)) the
script writes one JSON file with the spectrum itself (so Nyquist analyses exactly the same numbers), pyDRTtools'
DRT (simple_run: Gaussian RBF, FWHM coefficient 0.5, 1st-order derivative penalty, combined Re-Im data, with
inductance, λ by GCV started at 1e-3 — in pyDRTtools 0.2 the SLSQP search returned its start, 1e-3, on all three cases; unweighted), and the peaks of that γ computed with Nyquist's peak definition (local maxima
with γ ≥ 1 % and prominence ≥ 5 % of max γ; resistance = ∫γ d ln τ between the separating minima, trapezoid rule),
plus the known truth. With --time N it also prints pyDRTtools' wall time per spectrum (median of N runs).

pyDRTtools imports its PyQt5 GUI at package import; the GUI is not used here, so PyQt5 is stubbed and
matplotlib kept on Agg (headless).
"""
import json
import math
import os
import sys
import time
import types

import numpy as np

# --- headless import of pyDRTtools (its __init__ imports the Qt GUI) ---
class _Dummy:
    def __init__(self, *a, **k): pass
    def __getattr__(self, name): return _Dummy()
    def __call__(self, *a, **k): return _Dummy()
    def __mro_entries__(self, bases): return (object,)

def _stub(name):
    m = types.ModuleType(name)
    m.__getattr__ = lambda attr: _Dummy()
    sys.modules[name] = m
    return m

import matplotlib  # noqa: E402
matplotlib.use("Agg")
matplotlib.use = lambda *args, **kwargs: None  # the GUI module asks for Qt5Agg; stay on Agg
for _name in ["PyQt5", "PyQt5.QtGui", "PyQt5.QtWidgets", "PyQt5.QtCore", "pyDRTtools.GUI", "pyDRTtools.cli",
              "pyDRTtools.layout"]:
    _stub(_name)
import contextlib, io  # noqa: E402
with contextlib.redirect_stdout(io.StringIO()):
    from pyDRTtools import runs  # noqa: E402
    from cvxopt import solvers  # noqa: E402
solvers.options["show_progress"] = False

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "NyquistDRTTests", "Fixtures")


def frequencies(high=1e6, low=1e-2, per_decade=20):
    n = int(round(math.log10(high / low) * per_decade)) + 1
    return high * 10.0 ** (-np.arange(n) / per_decade)


def zarc(f, r, tau0, phi):
    return r / (1 + (1j * 2 * np.pi * f * tau0) ** phi)


CASES = [
    {"name": "two-zarcs", "seed": 11, "noise": 0.001, "rInf": 10.0, "inductance": 0.0,
     "elements": [(50.0, 1 / (2 * np.pi * 1e3), 0.8), (100.0, 1 / (2 * np.pi * 1.0), 0.8)]},
    {"name": "rc-zarc", "seed": 12, "noise": 0.003, "rInf": 5.0, "inductance": 0.0,
     "elements": [(20.0, 1e-5, 1.0), (80.0, 1e-2, 0.7)]},
    {"name": "three-zarcs-inductive", "seed": 13, "noise": 0.002, "rInf": 20.0, "inductance": 2e-7,
     "elements": [(30.0, 1e-5, 0.85), (60.0, 1e-3, 0.75), (120.0, 1e-1, 0.8)]},
]


def synthesize(case):
    f = frequencies()
    z = case["rInf"] + 1j * 2 * np.pi * f * case["inductance"]
    for r, tau0, phi in case["elements"]:
        z = z + zarc(f, r, tau0, phi)
    rng = np.random.default_rng(case["seed"])
    s = np.abs(z) * case["noise"]
    z = z + s * rng.standard_normal(len(f)) + 1j * s * rng.standard_normal(len(f))
    return f, z


def peaks(tau, gamma):
    """Nyquist's peak definition on (tau, gamma) (see Sources/NyquistDRT/DRTPeakFinder.swift, docs/drt.md)."""
    g = np.asarray(gamma, float)
    n = len(g)
    top = g.max()
    maxima = []
    for k in range(n):
        left = k == 0 or g[k] > g[k - 1]
        right = k == n - 1 or g[k] >= g[k + 1]
        if not (left and right and g[k] >= 0.01 * top):
            continue
        lb = rb = g[k]
        j = k - 1
        while j >= 0 and g[j] <= g[k]:
            lb = min(lb, g[j]); j -= 1
        if j < 0: lb = min(lb, 0)
        j = k + 1
        while j < n and g[j] <= g[k]:
            rb = min(rb, g[j]); j += 1
        if j >= n: rb = min(rb, 0)
        if g[k] - max(lb, rb) >= 0.05 * top:
            maxima.append(k)
    bounds = [0] + [a + int(np.argmin(g[a:b + 1])) for a, b in zip(maxima, maxima[1:])] + [n - 1]
    lt = np.log(tau)
    out = []
    for p, k in enumerate(maxima):
        lo, hi = bounds[p], bounds[p + 1]
        r = float(np.sum(0.5 * (g[lo:hi] + g[lo + 1:hi + 1]) * np.diff(lt[lo:hi + 1])))
        out.append({"tau": float(tau[k]), "frequency": float(1 / (2 * np.pi * tau[k])), "resistance": r})
    return out


def run_pydrttools(f, z):
    entry = runs.EIS_object(f, z.real.copy(), z.imag.copy())
    with contextlib.redirect_stdout(io.StringIO()):
        runs.simple_run(entry, rbf_type="Gaussian", data_used="Combined Re-Im Data", induct_used=1,
                        der_used="1st order", cv_type="GCV", reg_param=1e-3, shape_control="FWHM Coefficient",
                        coeff=0.5)
    tau = np.asarray(entry.out_tau_vec, float)
    gamma = np.asarray(entry.gamma, float)
    order = np.argsort(tau)
    return entry, tau[order], gamma[order]


def main():
    repeats = int(sys.argv[sys.argv.index("--time") + 1]) if "--time" in sys.argv else 0
    os.makedirs(OUT, exist_ok=True)
    for case in CASES:
        f, z = synthesize(case)
        entry, tau, gamma = run_pydrttools(f, z)
        doc = {
            "generator": "scripts/drt_reference.py",
            "reference": "pyDRTtools 0.2 simple_run (Gaussian RBF, FWHM coeff 0.5, 1st-order, combined Re-Im, "
                         "inductance, GCV, unweighted, cvxopt QP)",
            "name": case["name"],
            "seed": case["seed"],
            "noise": case["noise"],
            "truth": {"rInf": case["rInf"], "inductance": case["inductance"],
                      "elements": [{"resistance": r, "tau0": t, "phi": p} for r, t, p in case["elements"]]},
            "frequencies": f.tolist(),
            "zReal": z.real.tolist(),
            "zImag": z.imag.tolist(),
            "pyDRTtools": {
                "lambda": float(np.ravel(entry.lambda_value)[0]),
                "rInf": float(entry.R),
                "inductance": float(entry.L),
                "tau": tau.tolist(),
                "gamma": gamma.tolist(),
                "peaks": peaks(tau, gamma),
            },
        }
        with open(os.path.join(OUT, f"drt-{case['name']}.json"), "w") as fh:
            json.dump(doc, fh, indent=1)
        print(case["name"], "λ =", float(np.ravel(entry.lambda_value)[0]), "peaks", [(round(p["tau"], 8), round(p["resistance"], 3))
                                                                 for p in doc["pyDRTtools"]["peaks"]])
        if repeats:
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                run_pydrttools(f, z)
                times.append(time.perf_counter() - t0)
            print(f"  pyDRTtools simple_run (GCV): median {1e3 * np.median(times):.1f} ms, "
                  f"min {1e3 * min(times):.1f} ms, max {1e3 * max(times):.1f} ms over {repeats} runs, {len(f)} points")


if __name__ == "__main__":
    main()
