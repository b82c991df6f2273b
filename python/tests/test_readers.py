"""Each reader on the real instrument files of ../shared/eis-data: spectrum counts, points and frequency ranges as
listed in eis-data/MANIFEST.md, where independent readers (galvani, pyimpspec, impedance.py) established them."""
import numpy as np
import pytest

import nyquist

# (file, spectra, points of the first spectrum, lowest Hz, highest Hz) from MANIFEST.md (ranges there have 3 digits).
MANIFEST = [
    ("yadg/peis.mpt", 1, 32, 1, 2e5),                                    # BioLogic .mpt
    ("yadg/geis.mpt", 61, 41, 0.2, 1e6),                                 # .mpt, 61 spectra by cycle number
    ("yadg/mb.mpr", 8, 70, 0.0999, 1e6),                                 # BioLogic .mpr (|Z|, phase only)
    ("yadg/peis.issue_149.mpr", 4, 21, 100, 2e5),                        # .mpr v0, 4 loops
    ("bayes-drt/550C.0.5V.DTA", 1, 61, 0.1, 1e5),                        # Gamry .DTA
    ("hybrid-drt/PEIS_LPSCl_IonBlocking_-25C_RelaxIS.txt", 1, 79, 0.1, 7e6),  # RelaxIS
    ("impedance.py/exampleDataZPlot.z", 1, 21, 3e3, 3e5),                # Scribner ZPlot .z
    ("impedance.py/exampleDataCHInstruments.txt", 1, 73, 0.1, 9.96e4),   # CH Instruments
    ("impedance.py/exampleDataVersaStudio.par", 1, 61, 0.0215, 1e5),     # VersaStudio .par
    ("impedance.py/exampleData.csv", 1, 66, 0.00316, 1e4),               # CSV without header
    ("bayes-drt/DRTtools_LIB_data_qtr.csv", 1, 27, 0.0063, 999),         # CSV with header
    ("pyimpspec/data.pssession", 1, 29, 1, 1e4),                         # PalmSens .pssession (UTF-16 JSON)
    ("zahner-analysis/li-ion-battery.ism", 1, None, None, None),         # Zahner .ism (binary, big-endian)
    ("pyimpspec/case-multiple-spectra.csv", 4, 29, 1, 1e4),              # several spectra in one CSV
]


@pytest.mark.parametrize("file,count,points,fmin,fmax", MANIFEST)
def test_reader_matches_the_manifest(eis_data, file, count, points, fmax, fmin):
    spectra = nyquist.read(eis_data / file)
    assert len(spectra) == count
    s = spectra[0]
    assert isinstance(s, nyquist.Spectrum)
    assert s.frequency.dtype == float and s.impedance.dtype == complex
    assert np.all(s.frequency > 0) and np.all(np.isfinite(s.impedance))
    if points is not None:
        assert len(s) == points
        assert s.frequency.min() == pytest.approx(fmin, rel=6e-3)
        assert s.frequency.max() == pytest.approx(fmax, rel=6e-3)
    else:
        assert len(s) > 10
    assert s.metadata["sourceFile"].endswith(file.split("/")[-1])
    assert s.metadata["format"]
    assert [x.index for x in spectra] == list(range(count))


def test_cycle_labels_from_the_file(eis_data):
    # geis.mpt: 61 spectra split by `cycle number` 1…61 (MANIFEST).
    spectra = nyquist.read(eis_data / "yadg/geis.mpt")
    assert [s.cycle for s in spectra] == list(range(1, 62))
    assert sorted({len(s) for s in spectra}) == [39, 41]


def test_reader_warnings_and_provenance(eis_data):
    # peis.mpt: 6 inductive high-frequency points (MANIFEST: -Im(Z) < 0).
    s = nyquist.read(eis_data / "yadg/peis.mpt")[0]
    assert int(np.sum(s.impedance.imag > 0)) == 6
    assert any("inductive" in w for w in s.warnings)
    assert isinstance(s.provenance, list)


def test_empty_and_corrupt_files_are_data_errors(eis_data):
    for file in ["chemotion/CHD048_CHD050_60C_C01.mpr", "impedance.py/exampleDataBioLogic_MissingFreq.mpt"]:
        try:
            spectra = nyquist.read(eis_data / file)
        except nyquist.DataError as e:
            assert file.split("/")[-1] in str(e)
        else:
            assert spectra == []
