"""Loading libNyquistC and calling it through ctypes (which releases the GIL around every call).

Lookup order: $NYQUIST_LIBRARY (a path to the library, for development), the copy installed inside this package by
`pip install ./python`, then the repository's `.build/release` and `.build/debug` when the package is used from a
clone without installing.
"""
import ctypes
import json
import os
import sys
import threading

from .errors import error_for

API_VERSION = 3
_NAME = "libNyquistC.dylib" if sys.platform == "darwin" else "libNyquistC.so"
_lock = threading.Lock()
_lib = None

c_double_p = ctypes.POINTER(ctypes.c_double)
c_char_pp = ctypes.POINTER(ctypes.c_char_p)
PROGRESS = ctypes.CFUNCTYPE(None, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_void_p)


def _candidates():
    env = os.environ.get("NYQUIST_LIBRARY")
    if env:
        return [env]
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    return [os.path.join(here, _NAME), os.path.join(root, ".build", "release", _NAME),
            os.path.join(root, ".build", "debug", _NAME)]


def _declare(lib):
    size, i32, s = ctypes.c_size_t, ctypes.c_int32, ctypes.c_char_p
    vp = ctypes.c_void_p
    sig = {
        "nyq_api_version": (i32, []),
        "nyq_version": (vp, []),
        "nyq_free_string": (None, [vp]),
        "nyq_read": (i32, [s, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        "nyq_spectra_free": (None, [vp]),
        "nyq_spectra_count": (size, [vp]),
        "nyq_spectrum_length": (size, [vp, size]),
        "nyq_spectrum_copy": (i32, [vp, size, c_double_p, c_double_p, c_double_p, ctypes.POINTER(vp)]),
        "nyq_spectrum_metadata": (i32, [vp, size, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        "nyq_fit": (i32, [c_double_p, c_double_p, c_double_p, size, s, s, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        # API version 2: the fit-result handle (arrays passed as addresses: c_void_p is the cheapest ctypes argument).
        "nyq_fit_handle": (i32, [vp, vp, vp, size, s, s, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        "nyq_fit_result_free": (None, [vp]),
        "nyq_fit_result_json": (i32, [vp, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        "nyq_fit_result_parameter_count": (size, [vp]),
        "nyq_fit_result_free_count": (size, [vp]),
        "nyq_fit_result_residual_count": (size, [vp]),
        "nyq_fit_result_parameters": (i32, [vp, vp, vp, vp, vp, vp, ctypes.POINTER(vp)]),
        "nyq_fit_result_correlation": (i32, [vp, vp, ctypes.POINTER(vp)]),
        "nyq_fit_result_goodness": (i32, [vp, vp, vp, ctypes.POINTER(vp)]),
        "nyq_fit_result_convergence": (i32, [vp, vp, vp, vp, vp, vp, vp, vp, ctypes.POINTER(vp)]),
        "nyq_fit_result_residuals": (i32, [vp, vp, vp, vp, ctypes.POINTER(vp)]),
        "nyq_fit_result_labels": (i32, [vp, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        # API version 3: every number in one buffer; the prepared fit.
        "nyq_fit_result_numbers": (i32, [vp, vp, size, vp, ctypes.POINTER(vp)]),
        "nyq_fit_plan_create": (i32, [s, s, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        "nyq_fit_plan_fit": (i32, [vp, vp, vp, vp, size, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        "nyq_fit_plan_free": (None, [vp]),
        "nyq_simulate": (i32, [s, s, c_double_p, size, c_double_p, c_double_p, ctypes.POINTER(vp)]),
        "nyq_validate": (i32, [c_double_p, c_double_p, c_double_p, size, s, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        "nyq_circuits": (i32, [s, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        "nyq_nyquist_svg": (i32, [c_double_p, c_double_p, c_double_p, size, s, c_double_p, size, s,
                                  ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        "nyq_batch": (i32, [ctypes.POINTER(s), size, s, s, s, PROGRESS, vp, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        "nyq_export": (i32, [s, s, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
        "nyq_track": (i32, [s, s, PROGRESS, vp, ctypes.POINTER(vp), ctypes.POINTER(vp)]),
    }
    for name, (res, args) in sig.items():
        f = getattr(lib, name)
        f.restype = res
        f.argtypes = args


def library():
    """The loaded C library (loaded once; the library itself holds no state)."""
    global _lib
    with _lock:
        if _lib is None:
            tried = []
            for path in _candidates():
                if os.path.exists(path):
                    lib = ctypes.CDLL(path)
                    _declare(lib)
                    if lib.nyq_api_version() != API_VERSION:
                        raise ImportError(f"{path}: C API version {lib.nyq_api_version()}, this package needs {API_VERSION}")
                    _lib = lib
                    break
                tried.append(path)
            else:
                raise ImportError("nyquist: libNyquistC not found (looked at " + ", ".join(tried)
                                  + "); install with `pip install ./python` or set NYQUIST_LIBRARY")
        return _lib


def take_string(pointer):
    """The text of a returned string (void* value or None), freed."""
    if not pointer:
        return None
    try:
        return ctypes.string_at(pointer).decode("utf-8")
    finally:
        library().nyq_free_string(pointer)


def check(status, error):
    """Raises the NyquistError subclass for status >= 2, with the engine's message (freed)."""
    message = take_string(error.value)
    if status >= 2:
        raise error_for(status, message or f"nyquist: status {status}")


def options_json(options):
    """Options as the JSON the C API reads (None values dropped)."""
    return json.dumps({k: v for k, v in options.items() if v is not None}, allow_nan=True).encode("utf-8")


def loads(text):
    """JSON text from the library; "inf", "-inf" and "nan" strings stay strings here (see `number`)."""
    return json.loads(text)


def number(v):
    """A JSON number of the output schema: the strings "inf", "-inf", "nan" as floats, None as None."""
    if v is None:
        return None
    if isinstance(v, str):
        return float(v)
    return v
