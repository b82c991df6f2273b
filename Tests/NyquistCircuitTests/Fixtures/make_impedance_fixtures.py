"""Reference impedances computed once with impedance.py (ECSHackWeek/impedance.py, MIT).

Run:  pip install impedance==1.7.1 && python3 make_impedance_fixtures.py > impedance_py_circuits.json
The parameter vectors are in impedance.py's order, which is Nyquist's order (elements left to right, slots in order).
impedance.py's La is known to be wrong ((L·jω)^α instead of L·(jω)^α), so La is not used here; it is checked against
hand-derived values in the Swift tests instead.
"""
import json
import numpy as np
import impedance
from impedance.models.circuits import CustomCircuit

freqs = np.logspace(7, -5, 61)  # 10 MHz … 10 µHz, 5 points per decade

cases = [
    ("R1-p(R2,CPE2)-p(R3,CPE3)", [20.0, 30.0, 1e-9, 0.9, 150.0, 1e-5, 0.8]),
    ("R1-p(R2,CPE2)-p(R3,CPE3)-W4", [12.5, 55.0, 3e-10, 0.95, 420.0, 2e-4, 0.7, 35.0]),
    ("R0-p(R1-W1,CPE1)", [5.0, 80.0, 12.0, 2e-5, 0.85]),
    ("R0-p(R1-Wo1,CPE1)", [5.0, 80.0, 250.0, 3.0, 2e-5, 0.85]),
    ("R0-p(R1-Ws1,CPE1)", [5.0, 80.0, 250.0, 3.0, 2e-5, 0.85]),
    ("R0-p(R1,C1)-L1-G2-Zarc3", [2.0, 40.0, 1e-6, 2e-7, 15.0, 1e-3, 60.0, 0.01, 0.75]),
    ("R0-TLMQ1", [1.5, 300.0, 4e-4, 0.9]),
    ("p(R1,C1,L1)-p(Wo2-R2,p(R3,CPE3))", [100.0, 1e-8, 1e-5, 40.0, 0.5, 7.0, 90.0, 1e-6, 0.6]),
]

out = {"generator": f"impedance.py {impedance.__version__}", "frequencies_Hz": freqs.tolist(), "cases": []}
for circuit, params in cases:
    model = CustomCircuit(circuit, initial_guess=params)
    z = model.predict(freqs, use_initial=True)
    out["cases"].append({"circuit": circuit, "parameters": params,
                         "Z_re_Ohm": np.real(z).tolist(), "Z_im_Ohm": np.imag(z).tolist()})
print(json.dumps(out, indent=1))
