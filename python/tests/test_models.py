"""simulate against closed forms; circuits() against the shipped circuits/*.circuit files; the Jupyter display."""
import numpy as np
import pytest

import nyquist
from conftest import ROOT, SAMPLE


def test_simulate_matches_the_closed_form():
    f = np.logspace(5, -2, 36)
    w = 2 * np.pi * f
    R1, R2, Q, n = 12.0, 150.0, 3e-5, 0.85
    expected = R1 + R2 / (1 + R2 * Q * (1j * w) ** n)  # R1 + R2 ‖ CPE, Z_CPE = 1/(Q (jω)ⁿ)
    z = nyquist.simulate("R1-p(R2,CPE2)", {"R1": R1, "R2": R2, "Q2": Q, "n2": n}, f)
    assert np.allclose(z, expected, rtol=1e-13, atol=0)


def test_fit_recovers_a_noise_free_simulation():
    truth = {"R1": 21.3, "R2": 34.8, "Q2": 4.2e-8, "n2": 0.92, "R3": 212.0, "Q3": 2.3e-5, "n3": 0.78}
    f = np.logspace(6, -2, 161)
    z = nyquist.simulate("R1-p(R2,CPE2)-p(R3,CPE3)", truth, f)
    r = nyquist.fit(f, z, "assb-cathode")
    assert r.converged
    for name, v in truth.items():
        assert r.values[name] == pytest.approx(v, rel=1e-6)


def test_circuits_are_the_shipped_files():
    models = {m["name"]: m for m in nyquist.circuits()}
    shipped = sorted(p.stem for p in (ROOT / "circuits").glob("*.circuit"))
    assert sorted(models) == shipped
    m = models["assb-cathode"]
    assert [p["name"] for p in m["parameters"]] == ["R1", "R2", "Q2", "n2", "R3", "Q3", "n3"]
    assert m["syntaxes"]["impedance.py"] == "R1-p(R2,CPE2)-p(R3,CPE3)"
    assert {p["name"]: p["unit"] for p in m["parameters"]}["Q2"] == "F·s^(n−1)"


def test_repr_html_holds_the_table_and_the_svg():
    s = nyquist.read(SAMPLE)[0]
    r = nyquist.fit(s, circuit="assb-cathode")
    page = r._repr_html_()
    assert "<table>" in page and "R3" in page and "<svg" in page
    frame = r.to_frame()
    assert list(frame.index) == r.names
    assert frame.loc["R3", "value"] == r.values["R3"]
    assert frame.loc["R3", "ci95_low"] == r.ci95["R3"][0]
