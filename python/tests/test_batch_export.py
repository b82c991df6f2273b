"""batch + export round trip on a simulated cycle series of known truth; the export equals the CLI's export."""
import json
import math

import numpy as np
import pytest

import nyquist

CIRCUIT = "R1-p(R2,CPE2)-p(R3,CPE3)"


def truth(cycle):
    return {"R1": 21.0, "R2": 35.0, "Q2": 4e-8, "n2": 0.92, "R3": 200.0 + 10 * cycle, "Q3": 2.3e-5, "n3": 0.78}


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    folder = tmp_path_factory.mktemp("series")
    f = np.logspace(6, -2, 81)
    for cycle in (1, 2, 3, 4):
        z = nyquist.simulate(CIRCUIT, truth(cycle), f, noise=0.003, seed=cycle)
        lines = ["freq_Hz,Z_re_Ohm,Z_im_Ohm"] + [f"{float(a)!r},{float(b.real)!r},{float(b.imag)!r}" for a, b in zip(f, z)]
        (folder / f"cycle_{cycle:03d}.csv").write_text("\n".join(lines) + "\n")
    return folder


def test_batch_then_export(series, tmp_path, cli):
    store = tmp_path / "results.sqlite"
    calls = []
    result = nyquist.batch(sorted(series.glob("*.csv")), "assb-cathode", store, jobs=2,
                           progress=lambda done, total, failures: calls.append((done, total, failures)))
    assert result.ok and result.failures == 0
    assert result.summary["spectra"] == 4 and result.summary["fitted"] == 4
    assert calls[-1] == (4, 4, 0) and [c[0] for c in calls] == [1, 2, 3, 4]

    frame = nyquist.export(store)
    assert len(frame) == 4
    assert list(frame["cycle"]) == [1, 2, 3, 4]
    assert frame.attrs["units"]["R3"] == "Ω"
    for _, row in frame.iterrows():
        t = truth(row["cycle"])["R3"]
        assert abs(row["R3"] - t) < 5 * row["R3_se"], (row["cycle"], row["R3"], row["R3_se"])
        assert row["status"] == "converged"

    # The same numbers as the CLI's export of the same store.
    expected = json.loads(cli("export", store, "--format", "json").stdout)
    got = nyquist.export_json(store)
    assert got == expected
    subset = nyquist.export(store, params="R1,R3")
    assert [c for c in subset.columns if c.startswith("R")] == ["R1", "R1_se", "R3", "R3_se"]
    assert np.array_equal(subset["R3"].to_numpy(), frame["R3"].to_numpy())

    # Resumable: a second run fits nothing.
    again = nyquist.batch(series, "assb-cathode", store, jobs=1)
    assert again.summary["fitted"] == 0 and again.summary["skipped"] == 4
    assert again.fit_set == result.fit_set


def test_batch_errors(series, tmp_path):
    with pytest.raises(nyquist.OptionError, match="mode"):
        nyquist.batch(series, "assb-cathode", tmp_path / "s.sqlite", mode="random")
    with pytest.raises(nyquist.OptionError):
        nyquist.batch(series, "R1-p(", tmp_path / "s.sqlite")
    with pytest.raises(nyquist.DataError):
        nyquist.batch(tmp_path / "no-such-folder", "assb-cathode", tmp_path / "s.sqlite")
    with pytest.raises(nyquist.OptionError, match="R7"):
        nyquist.export(tmp_path / "s.sqlite" if (tmp_path / "s.sqlite").exists() else _store(series, tmp_path), params="R7")


def _store(series, tmp_path):
    store = tmp_path / "t.sqlite"
    nyquist.batch(series, "assb-cathode", store, jobs=1, kk=False)
    return store


def test_track_equals_the_cli(tmp_path, cli):
    """track on a batch store: the JSON of `nyquist track --format json` on the same store, and the tracked points
    are the exported R3 values."""
    folder = tmp_path / "growth"
    folder.mkdir()
    f = np.logspace(6, -2, 61)
    for cycle in range(1, 9):
        t = truth(cycle)
        t["R3"] = 150.0 * (1 + 0.08 * cycle) ** 0.5 * (1 + 0.01 * cycle)
        z = nyquist.simulate(CIRCUIT, t, f, noise=0.003, seed=100 + cycle)
        lines = ["freq_Hz,Z_re_Ohm,Z_im_Ohm"] + [f"{float(a)!r},{float(b.real)!r},{float(b.imag)!r}" for a, b in zip(f, z)]
        (folder / f"cycle_{cycle:03d}.csv").write_text("\n".join(lines) + "\n")
    store = tmp_path / "growth.sqlite"
    nyquist.batch(folder, "assb-cathode", store, jobs=1, kk=False)
    calls = []
    result = nyquist.track(store, "R3", bootstrap=20, seed=3, progress=lambda d, t, _: calls.append((d, t)))
    expected = json.loads(cli("track", store, "--param", "R3", "--bootstrap", 20, "--seed", 3, "--format", "json",
                              "--progress", "none").stdout)
    from conftest import assert_same_json

    assert_same_json(expected, result.to_dict())
    assert calls and calls[-1][0] == calls[-1][1]
    assert result.best == result.laws[0]["law"]
    exported = nyquist.export(store, params="R3")
    assert [p["value"] for p in result.points] == pytest.approx(list(exported["R3"]), rel=1e-12)
    with pytest.raises(nyquist.OptionError):
        nyquist.track(store, "R3", clock="sundial")
