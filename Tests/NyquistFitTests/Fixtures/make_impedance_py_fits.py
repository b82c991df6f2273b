"""Reference fits computed once with impedance.py (ECSHackWeek/impedance.py, MIT) for NyquistFitTests.

Run from the repository root, with ../shared/eis-data beside it:
    pip install impedance==1.7.1
    python3 Tests/NyquistFitTests/Fixtures/make_impedance_py_fits.py > Tests/NyquistFitTests/Fixtures/impedance_py_fits.json

For every case it stores the data fitted (so the Swift test needs neither the shared folder nor a reader), impedance.py's
converged parameters and its χ² in the same weighting Nyquist uses:
  unit:    χ² = Σ (Z′−Ẑ′)² + (Z″−Ẑ″)²              (impedance.py default, sigma = 1)
  modulus: χ² = Σ [(Z′−Ẑ′)² + (Z″−Ẑ″)²] / |Z|²       (impedance.py weight_by_modulus=True)
The data files are impedance.py's own examples (MIT); the synthetic spectra are generated here with a fixed seed.
"""
import json, os, sys, time
import numpy as np
import impedance
from impedance import preprocessing
from impedance.models.circuits import CustomCircuit

root = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "eis-data", "impedance.py")

def real(name, reader):
    f, z = reader(os.path.join(root, name))
    return np.asarray(f, dtype=float), np.asarray(z, dtype=complex)

def synthetic(circuit, params, noise, seed):
    f = np.logspace(6, -2, 161)
    z = CustomCircuit(circuit, initial_guess=params).predict(f, use_initial=True)
    rng = np.random.default_rng(seed)
    z = z + np.abs(z) * noise * (rng.standard_normal(len(z)) + 1j * rng.standard_normal(len(z)))
    return f, z

cases = [
    ("exampleData.csv", lambda: real("exampleData.csv", preprocessing.readCSV),
     "R0-p(R1,C1)-p(R2-Wo1,C2)", [.01, .01, 100, .01, .05, 100, 1]),
    ("Circuit1_EIS_1.z", lambda: real("Circuit1_EIS_1.z", preprocessing.readZPlot),
     "R0-p(R1,CPE1)-p(R2,CPE2)", [10, 100, 1e-6, 0.9, 100, 1e-5, 0.9]),
    ("Circuit3_EIS_1.z", lambda: real("Circuit3_EIS_1.z", preprocessing.readZPlot),
     "R0-p(R1,CPE1)-p(R2,CPE2)", [10, 100, 1e-6, 0.9, 100, 1e-5, 0.9]),
    ("exampleDataBioLogic.mpt", lambda: real("exampleDataBioLogic.mpt", preprocessing.readBioLogic),
     "R0-p(R1,CPE1)-W1", [1, 1, 1e-3, 0.9, 1]),
    ("synthetic assb-cathode 1 %", lambda: synthetic("R1-p(R2,CPE2)-p(R3,CPE3)", [20, 30, 1e-7, 0.9, 150, 1e-5, 0.8], 0.01, 7),
     "R1-p(R2,CPE2)-p(R3,CPE3)", [10, 10, 1e-6, 0.8, 10, 1e-6, 0.8]),
    ("synthetic randles 0.5 %", lambda: synthetic("R0-p(R1-W1,CPE1)", [5, 80, 12, 2e-5, 0.85], 0.005, 11),
     "R0-p(R1-W1,CPE1)", [10, 10, 10, 1e-6, 0.8]),
]

out = {"generator": f"impedance.py {impedance.__version__}", "cases": []}
for name, load, circuit, guess in cases:
    f, z = load()
    for weighting in ["unit", "modulus"]:
        model = CustomCircuit(circuit, initial_guess=guess)
        t0 = time.perf_counter()
        try:
            model.fit(f, z, weight_by_modulus=(weighting == "modulus"))
        except Exception as e:  # a failed reference is recorded, not hidden
            print(f"{name} {weighting}: impedance.py failed: {e}", file=sys.stderr)
            continue
        seconds = time.perf_counter() - t0
        zfit = model.predict(f)
        d2 = np.abs(z - zfit) ** 2
        chi2 = float(np.sum(d2 if weighting == "unit" else d2 / np.abs(z) ** 2))
        out["cases"].append({
            "name": name, "circuit": circuit, "weighting": weighting, "initial_guess": guess,
            "frequencies_Hz": f.tolist(), "Z_re_Ohm": z.real.tolist(), "Z_im_Ohm": z.imag.tolist(),
            "impedance_py_parameters": [float(v) for v in model.parameters_],
            "impedance_py_chi2": chi2, "impedance_py_seconds": seconds,
        })
print(json.dumps(out, indent=1))
