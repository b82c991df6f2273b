"""FitResult is filled from the C API's result arrays (nyq_fit_result_...); every field equals the one parsed from the
same result's JSON text (`.json`, the CLI's `fit --format json`), as FitResult read it before API version 2."""
import copy
import json
import math
import pickle

import numpy as np
import pytest

import nyquist
from conftest import SAMPLE


def number(v):
    return float(v) if isinstance(v, str) else v


def from_json(text):
    """The fields of a FitResult parsed from its JSON text (the package's parsing before the result handle)."""
    d = json.loads(text)
    ps = d["parameters"]
    k = len(d["correlationNames"])
    c = d.get("correlation")
    return {
        "circuit": d["circuit"], "names": [p["name"] for p in ps],
        "values": {p["name"]: number(p["value"]) for p in ps},
        "std_errors": {p["name"]: number(p.get("standardError")) for p in ps},
        "ci95": {p["name"]: ((number(p["lower95"]), number(p["upper95"])) if "lower95" in p else None) for p in ps},
        "units": {p["name"]: p["unit"] for p in ps}, "fixed": {p["name"]: p["fixed"] for p in ps},
        "correlation_names": d["correlationNames"],
        "correlation": (np.array([np.nan if v is None else number(v) for v in c], dtype=float).reshape(k, k)
                        if c is not None else np.full((k, k), np.nan)),
        "goodness": {key: number(v) for key, v in d["goodness"].items()},
        "chi_square": number(d["goodness"]["chiSquare"]),
        "reduced_chi_square": number(d["goodness"].get("reducedChiSquare")),
        "aic": number(d["goodness"]["aic"]), "bic": number(d["goodness"]["bic"]),
        "converged": d["convergence"]["converged"], "assessment": d["convergence"]["assessment"],
        "reason": d["convergence"]["reason"], "seconds": d["convergence"]["seconds"],
        "iterations": d["convergence"]["iterations"],
        "warnings": [w["message"] for w in d["warnings"]], "warning_codes": [w["code"] for w in d["warnings"]],
        "residual_frequency": np.array([number(r["frequency"]) for r in d["residuals"]], dtype=float),
        "residuals": np.array([complex(number(r["real"]), number(r["imaginary"])) for r in d["residuals"]]),
    }


def assert_fields_equal(result, expected):
    for name, want in expected.items():
        got = getattr(result, name)
        if isinstance(want, np.ndarray):
            assert got.shape == want.shape and got.dtype == want.dtype, name
            assert np.array_equal(got, want, equal_nan=True), name
        elif isinstance(want, float) and math.isnan(want):
            assert math.isnan(got), name
        else:
            assert got == want, f"{name}: {got!r} vs {want!r}"
            assert type(got) is type(want), f"{name}: {type(got)} vs {type(want)}"
    assert list(result.goodness) == list(expected["goodness"])  # the JSON's key order
    for key, v in result.goodness.items():
        assert type(v) is type(expected["goodness"][key]), key


@pytest.fixture(scope="module")
def sample():
    return nyquist.read(SAMPLE)[0]


@pytest.mark.parametrize("options", [
    {"seed": 3, "fix": {"n2": 0.92}},  # a fixed parameter: no standard error
    {"method": "lm", "bounds": {"R1": (25, 100)}},  # R1 ends on its bound: no SE, a correlation row of nan
    {"method": "lm", "max_iterations": 1},  # not converged
    {"weight": "estimated"},
])
def test_fields_from_arrays_equal_the_json(sample, options):
    result = nyquist.fit(sample, circuit="assb-cathode", **options)
    assert_fields_equal(result, from_json(result.json))


def test_fields_of_real_files_equal_the_json(eis_data):
    for path, circuit in [("impedance.py/exampleDataBioLogic.mpt", "R1-p(R2,CPE2)-W3"),
                          ("bayes-drt/550C.0.5V.DTA", "L0-R1-p(R2,CPE2)-p(R3,CPE3)")]:
        s = nyquist.read(eis_data / path)[0]
        result = nyquist.fit(s, circuit=circuit)
        assert_fields_equal(result, from_json(result.json))


def test_the_cases_above_cover_what_they_claim(sample):
    bound = nyquist.fit(sample, circuit="assb-cathode", method="lm", bounds={"R1": (25, 100)})
    assert bound.values["R1"] == 25 and bound.std_errors["R1"] is None and bound.ci95["R1"] is None
    assert np.isnan(bound.correlation[0]).all() and not np.isnan(bound.correlation[1, 1])
    stopped = nyquist.fit(sample, circuit="assb-cathode", method="lm", max_iterations=1)
    assert stopped.assessment == "not-converged" and stopped.converged is False
    fixed = nyquist.fit(sample, circuit="assb-cathode", fix={"n2": 0.92})
    assert fixed.fixed["n2"] is True and fixed.std_errors["n2"] is None and fixed.correlation.shape == (6, 6)


def test_json_is_built_on_first_use_and_survives_pickling(sample):
    result = nyquist.fit(sample, circuit="assb-cathode")
    assert result._json is None  # nothing was encoded by the fit
    text = result.json
    assert result.to_dict() == json.loads(text)
    for clone in (pickle.loads(pickle.dumps(result)), copy.deepcopy(result)):
        assert clone._handle is None and clone.json == text
        assert_fields_equal(clone, from_json(text))
