"""`nyquist.fit` reuses a prepared fit (nyq_fit_plan) per (circuit, options, model files): a cache hit gives exactly
the result of a cold call, and a changed model file or `$NYQUIST_CIRCUITS` is never served from a stale plan."""
import os

import pytest

import nyquist
from nyquist import _plans
from conftest import SAMPLE
from test_fit_arrays import assert_fields_equal, from_json

MODEL = """description  test model
circuit      R1-p(R2,CPE2)-p(R3,CPE3)
param R1    {r1}      0      inf    fixed
"""


@pytest.fixture(scope="module")
def sample():
    return nyquist.read(SAMPLE)[0]


def fields_without_time(result):
    fields = from_json(result.json)
    fields.pop("seconds")
    return fields


def test_a_cache_hit_gives_exactly_the_cold_result(sample):
    _plans.clear()
    options = {"fix": {"n2": 0.92}, "bounds": {"R1": (1, 100)}, "seed": 5}
    cold = nyquist.fit(sample, circuit="assb-cathode", **options)
    assert len(_plans._cache) == 1
    (plan,) = _plans._cache.values()
    hot = nyquist.fit(sample, circuit="assb-cathode", **options)
    assert list(_plans._cache.values()) == [plan]  # served from the cache, not made again
    assert_fields_equal(hot, fields_without_time(cold))
    assert_fields_equal(cold, fields_without_time(hot))
    nyquist.fit(sample, circuit="assb-cathode", **dict(options, seed=6))  # other options: another plan
    assert len(_plans._cache) == 2


def test_the_cache_keeps_at_most_its_size(sample):
    _plans.clear()
    for seed in range(_plans.CACHE_SIZE + 3):
        nyquist.fit(sample, circuit="R1-p(R2,CPE2)", method="lm", seed=seed, max_iterations=1)
    assert len(_plans._cache) == _plans.CACHE_SIZE
    assert [key[1] for key in _plans._cache][0].count(b'"seed": 3')  # seeds 0, 1, 2 were dropped first


def test_an_edited_circuit_file_is_not_served_from_a_stale_plan(sample, tmp_path):
    path = tmp_path / "model.circuit"
    path.write_text(MODEL.format(r1="20"))
    first = nyquist.fit(sample, circuit=str(path), method="lm", max_iterations=1)
    stat = os.stat(path)
    path.write_text(MODEL.format(r1="90"))  # same size; the same times restored below: only the content differs
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = nyquist.fit(sample, circuit=str(path), method="lm", max_iterations=1)
    _plans.clear()
    cold = nyquist.fit(sample, circuit=str(path), method="lm", max_iterations=1)
    assert first.values["R1"] == 20 and second.values["R1"] == 90  # R1 is fixed at the file's value
    assert_fields_equal(second, fields_without_time(cold))


def test_a_user_model_folder_or_variable_change_makes_a_new_plan(sample, tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (second / "cell.circuit").write_text(MODEL.format(r1="90"))
    monkeypatch.setenv("NYQUIST_CIRCUITS", str(second))
    via_env = nyquist.fit(sample, circuit="cell", method="lm", max_iterations=1)
    # A model added to a folder searched earlier wins, as in a cold call.
    (first / "cell.circuit").write_text(MODEL.format(r1="20"))
    via_dir = nyquist.fit(sample, circuit="cell", method="lm", max_iterations=1, circuits_dirs=[str(first)])
    assert via_env.values["R1"] == 90 and via_dir.values["R1"] == 20
    monkeypatch.setenv("NYQUIST_CIRCUITS", str(first))
    assert nyquist.fit(sample, circuit="cell", method="lm", max_iterations=1).values["R1"] == 20
    (first / "cell.circuit").unlink()
    with pytest.raises(nyquist.OptionError, match="cell"):  # the model is gone: not served from the cache
        nyquist.fit(sample, circuit="cell", method="lm", max_iterations=1)
