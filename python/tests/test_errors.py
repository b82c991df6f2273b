"""Bad input raises the NyquistError subclass of its exit-code family, with the engine's message naming the cause."""
import numpy as np
import pytest

import nyquist
from conftest import SAMPLE


@pytest.fixture(scope="module")
def sample():
    return nyquist.read(SAMPLE)[0]


def test_missing_file_is_a_data_error(tmp_path):
    path = tmp_path / "nope.mpt"
    with pytest.raises(nyquist.DataError, match="nope.mpt") as e:
        nyquist.read(path)
    assert e.value.status == 3
    assert isinstance(e.value, nyquist.NyquistError)


def test_malformed_file_names_the_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("freq_Hz,Z_re_Ohm,Z_im_Ohm\n1000,1,-1\n100,abc,-2\n10,3,-3\n")
    with pytest.raises(nyquist.DataError, match=r"bad\.csv"):
        nyquist.read(path)


def test_bad_circuit_is_an_option_error_with_the_position(sample):
    with pytest.raises(nyquist.OptionError, match="position") as e:
        nyquist.fit(sample.frequency, sample.impedance, "R1-p(R2,")
    assert e.value.status == 2
    assert nyquist.CircuitError is nyquist.OptionError


def test_unknown_named_model_lists_the_known(sample):
    with pytest.raises(nyquist.OptionError, match="assb-cathode"):
        nyquist.fit(sample, circuit="no-such-model")


def test_unknown_parameter_and_bad_options(sample):
    with pytest.raises(nyquist.OptionError, match="R9"):
        nyquist.fit(sample, circuit="assb-cathode", params={"R9": 1})
    with pytest.raises(nyquist.OptionError, match="weight"):
        nyquist.fit(sample, circuit="assb-cathode", weight="heavy")
    with pytest.raises(nyquist.OptionError, match="fmin"):
        nyquist.fit(sample, circuit="assb-cathode", fmin=1e3, fmax=10)
    with pytest.raises(nyquist.OptionError, match="n2"):
        nyquist.fit(sample, circuit="assb-cathode", fix={"n2": 1.5})  # outside 0 < n ≤ 1
    with pytest.raises(TypeError, match="colour"):
        nyquist.fit(sample, circuit="assb-cathode", colour="red")


def test_too_few_points_is_a_data_error():
    f = np.array([1e3, 1e2, 10.0])
    z = np.array([10 - 1j, 11 - 2j, 12 - 3j])
    with pytest.raises(nyquist.DataError):
        nyquist.fit(f, z, "assb-cathode")


def test_mismatched_arrays_are_refused_before_the_engine():
    with pytest.raises(ValueError):
        nyquist.fit([1e3, 1e2], [1 - 1j], "R1")


def test_simulate_needs_every_value_and_positive_frequencies():
    with pytest.raises(nyquist.OptionError, match="R2"):
        nyquist.simulate("R1-p(R2,C2)", {"R1": 10, "C2": 1e-6}, [1e3])
    with pytest.raises(nyquist.OptionError):
        nyquist.simulate("R1", {"R1": 10}, [1e3, -5])


def test_export_of_a_missing_store_is_a_data_error(tmp_path):
    with pytest.raises(nyquist.DataError, match="missing.sqlite"):
        nyquist.export_json(tmp_path / "missing.sqlite")
