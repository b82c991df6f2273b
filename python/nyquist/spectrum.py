"""Spectra read from instrument files: `nyquist.read(path)`."""
import ctypes
import os

import numpy as np

from ._library import c_double_p, check, library, loads, take_string


class Spectrum:
    """One impedance spectrum.

    Attributes:
        frequency: ndarray of float, Hz, in file order.
        impedance: complex ndarray, Ω (Z = Z′ + jZ″, Z″ negative for a capacitor).
        cycle: the cycle label from the file (`cycle number`, `z cycle`, loop) or None.
        metadata: dict, the `spectra[].metadata` object of `nyquist convert --to json` (index, sourceFile, format,
            rowRange, startTime s, dcPotential V, dcCurrent A, provenance, warnings, …).
    """

    def __init__(self, frequency, impedance, metadata=None):
        self.frequency = np.ascontiguousarray(frequency, dtype=float)
        self.impedance = np.ascontiguousarray(impedance, dtype=complex)
        if self.frequency.shape != self.impedance.shape or self.frequency.ndim != 1:
            raise ValueError("frequency and impedance must be 1-D arrays of one length")
        self.metadata = dict(metadata or {})

    @property
    def cycle(self):
        """The cycle label from the file, or None."""
        return self.metadata.get("cycleLabel")

    @property
    def index(self):
        """0-based index of the spectrum within its file."""
        return self.metadata.get("index", 0)

    @property
    def provenance(self):
        """Every assumption the reader made, one line each."""
        return list(self.metadata.get("provenance", []))

    @property
    def warnings(self):
        """The reader's warnings (inductive points, dropped rows, …)."""
        return list(self.metadata.get("warnings", []))

    def __len__(self):
        return len(self.frequency)

    def __repr__(self):
        f = self.frequency
        span = f"{f.max():g} … {f.min():g} Hz" if len(f) else "empty"
        return f"<Spectrum {self.index} of {self.metadata.get('sourceFile', '?')}: {len(f)} points, {span}, cycle {self.cycle}>"

    def to_frame(self):
        """A pandas DataFrame with columns freq_Hz, Z_re_Ohm, Z_im_Ohm (pandas needed)."""
        import pandas as pd

        return pd.DataFrame({"freq_Hz": self.frequency, "Z_re_Ohm": self.impedance.real, "Z_im_Ohm": self.impedance.imag})


def read(path):
    """Every spectrum of a data file, in any format the CLI reads (`nyquist info`): CSV/TSV, BioLogic .mpt and .mpr,
    Gamry .DTA, ZView .z, Zahner, PalmSens, CH Instruments, VersaStudio, RelaxIS.

    Returns a list of `Spectrum` (frequency in Hz, impedance complex in Ω). Raises `DataError` when the file is
    unreadable or invalid (the message names the file and line).
    """
    lib = library()
    handle, error = ctypes.c_void_p(), ctypes.c_void_p()
    check(lib.nyq_read(os.fspath(path).encode("utf-8"), ctypes.byref(handle), ctypes.byref(error)), error)
    try:
        spectra = []
        for k in range(lib.nyq_spectra_count(handle)):
            n = lib.nyq_spectrum_length(handle, k)
            f, re, im = np.empty(n), np.empty(n), np.empty(n)
            check(lib.nyq_spectrum_copy(handle, k, f.ctypes.data_as(c_double_p), re.ctypes.data_as(c_double_p),
                                        im.ctypes.data_as(c_double_p), ctypes.byref(error)), error)
            out = ctypes.c_void_p()
            check(lib.nyq_spectrum_metadata(handle, k, ctypes.byref(out), ctypes.byref(error)), error)
            spectra.append(Spectrum(f, re + 1j * im, loads(take_string(out.value))))
        return spectra
    finally:
        lib.nyq_spectra_free(handle)


def arrays(frequency, impedance):
    """Contiguous float arrays (frequency Hz, Z′ Ω, Z″ Ω) from a Spectrum or from array-likes."""
    if isinstance(frequency, Spectrum) and impedance is None:
        frequency, impedance = frequency.frequency, frequency.impedance
    f = np.ascontiguousarray(frequency, dtype=float)
    z = np.asarray(impedance, dtype=complex)
    if f.ndim != 1 or z.shape != f.shape:
        raise ValueError(f"frequency and impedance must be 1-D arrays of one length, got {f.shape} and {z.shape}")
    return f, np.ascontiguousarray(z.real), np.ascontiguousarray(z.imag)
