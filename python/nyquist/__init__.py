"""nyquist: equivalent-circuit fitting of electrochemical impedance spectra, in-process over Nyquist's C API.

Units everywhere: frequency in Hz, impedance in Ω (complex, Z″ negative for a capacitor), parameters in their
physical units (Ω, F, F·s^(n−1), H, Ω·s^(−½)).

    import nyquist
    spectra = nyquist.read("cell.mpt")
    result = nyquist.fit(spectra[0].frequency, spectra[0].impedance, "assb-cathode")
    print(result.values["R3"], result.ci95["R3"])
"""
from ._library import API_VERSION, library
from .errors import CircuitError, DataError, NumericalError, NyquistError, OptionError
from .fitting import FitResult, ValidationResult, circuits, fit, nyquist_svg, simulate, validate
from .series import BatchResult, TrackResult, batch, export, export_json, track
from .spectrum import Spectrum, read

__version__ = "0.1.0"


def engine_version():
    """The engine's version (`nyquist --version`)."""
    from ._library import take_string

    return take_string(library().nyq_version())


__all__ = ["read", "fit", "simulate", "validate", "circuits", "batch", "export", "export_json", "track", "nyquist_svg",
           "Spectrum", "FitResult", "ValidationResult", "BatchResult", "TrackResult", "NyquistError", "OptionError", "CircuitError",
           "DataError", "NumericalError", "engine_version", "API_VERSION"]
