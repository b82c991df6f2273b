"""The Python package returns what the CLI prints: `fit --format json`, `validate --format json`, `convert --to json`
on the same files, every number to 1e-12 relative (the wall-clock `seconds` excepted)."""
import json

import numpy as np
import pytest

import nyquist
from conftest import SAMPLE, assert_same_json

# (file under eis-data, spectrum, circuit, extra CLI options, the same as fit() keywords)
REAL_FITS = [
    ("impedance.py/exampleDataBioLogic.mpt", 0, "R1-p(R2,CPE2)-W3", [], {}),
    ("yadg/peis.mpt", 0, "R1-p(R2,CPE2)-CPE3", ["--fmax", "1e5"], {"fmax": 1e5}),
    ("bayes-drt/550C.0.5V.DTA", 0, "L0-R1-p(R2,CPE2)-p(R3,CPE3)", ["--method", "lm"], {"method": "lm"}),
]


def fit_both(cli, path, index, circuit, cli_options, options):
    spectra = nyquist.read(path)
    args = ["fit", path, "--circuit", circuit, "--format", "json", *cli_options]
    if len(spectra) > 1:
        args += ["--spectrum", index]
    expected = json.loads(cli(*args).stdout)
    s = spectra[index]
    result = nyquist.fit(s.frequency, s.impedance, circuit, **options)
    return expected, result


def test_fit_of_the_sample_equals_the_cli(cli):
    expected, result = fit_both(cli, str(SAMPLE), 0, "assb-cathode", ["--seed", "3", "--fix", "n2=0.92"],
                                {"seed": 3, "fix": {"n2": 0.92}})
    assert_same_json(expected, result.to_dict())
    # The attributes are views of the same numbers.
    assert result.values["R3"] == pytest.approx(expected["parameters"][4]["value"], rel=1e-12)
    r3 = expected["parameters"][4]
    assert result.ci95["R3"] == pytest.approx((r3["lower95"], r3["upper95"]), rel=1e-12)
    assert result.std_errors["n2"] is None  # fixed: no standard error
    assert result.chi_square == pytest.approx(expected["goodness"]["chiSquare"], rel=1e-12)
    assert result.converged is expected["convergence"]["converged"]
    assert [w for w in result.warnings] == [w["message"] for w in expected["warnings"]]
    names = expected["correlationNames"]
    assert result.correlation_names == names
    assert result.correlation.shape == (len(names), len(names))


@pytest.mark.parametrize("file,index,circuit,cli_options,options", REAL_FITS)
def test_fit_of_real_files_equals_the_cli(cli, eis_data, file, index, circuit, cli_options, options):
    expected, result = fit_both(cli, str(eis_data / file), index, circuit, cli_options, options)
    assert_same_json(expected, result.to_dict())


def test_fit_of_a_spectrum_of_a_multi_spectrum_file(cli, eis_data):
    expected, result = fit_both(cli, str(eis_data / "yadg/geis.mpt"), 7, "R1-p(R2,CPE2)", ["--fmax", "1e5"], {"fmax": 1e5})
    assert_same_json(expected, result.to_dict())


def test_validate_equals_the_cli(cli, eis_data):
    for path in [SAMPLE, eis_data / "impedance.py/exampleDataGamry.DTA"]:
        expected = json.loads(cli("validate", path, "--format", "json").stdout)
        assert len(expected) == 1
        got = nyquist.validate(nyquist.read(path)[0]).to_dict()
        row = {k: v for k, v in expected[0].items() if k not in ("file", "spectrum")}
        assert_same_json(row, got)


def test_read_equals_convert(cli, eis_data):
    for path in [eis_data / "yadg/mb.mpr", eis_data / "zahner-analysis/li-ion-battery.ism", SAMPLE]:
        expected = json.loads(cli("convert", path, "--to", "json").stdout)["spectra"]
        spectra = nyquist.read(path)
        assert len(spectra) == len(expected)
        for s, e in zip(spectra, expected):
            assert_same_json(e["metadata"], s.metadata, rel=0)
            assert np.array_equal(s.frequency, np.array(e["frequency_Hz"]))
            assert np.array_equal(s.impedance.real, np.array(e["Z_re_Ohm"]))
            assert np.array_equal(s.impedance.imag, np.array(e["Z_im_Ohm"]))
