"""Series of spectra: `batch` (refit files into a results store) and `export` (store → DataFrame)."""
import ctypes
import os

from ._library import PROGRESS, check, library, loads, options_json, take_string

_BATCH_KEYS = {"weight": "weight", "method": "method", "seed": "seed", "fmin": "fmin", "fmax": "fmax",
               "random_starts": "randomStarts", "kk": "kk", "refit": "refit", "retry_failed": "retryFailed",
               "cycle_from_name": "cycleFromName", "params": "params", "fix": "fix", "bounds": "bounds"}


class BatchResult:
    """What a batch run did: `summary` (dict of counts: spectra, fitted, skipped, failed, notConverged, aboveNoise,
    warm, global, fallbacks, kramersKronigFailed, …), `fit_set` (id in the store), `store`, `failures` (failed or not
    converged, this run or an earlier one), `ok` (no failure)."""

    def __init__(self, text, status):
        d = loads(text)
        self.json = text
        self.summary = d["summary"]
        self.fit_set = d["fitSet"]
        self.store = d["store"]
        self.series = d["series"]
        self.skipped_inputs = d["skippedInputs"]
        s = self.summary
        self.failures = s["failed"] + s["notConverged"] + s["skippedFailed"] + s["skippedNotConverged"]
        self.ok = status == 0

    def __repr__(self):
        s = self.summary
        return (f"<BatchResult fit set {self.fit_set} in {self.store}: {s['spectra']} spectra, {s['fitted']} fitted, "
                f"{s['skipped']} already stored, {s['failed']} failed, {s['notConverged']} not converged>")


def _progress_callback(progress):
    """A C callback from a callable `progress(done, total, failures)`, or from True (tqdm when installed, else None)."""
    if progress is None or progress is False:
        return None, None
    if progress is True:
        try:
            from tqdm.auto import tqdm
        except ImportError:
            return None, None
        bar = tqdm(unit="spectra")

        def update(done, total, failures):
            bar.total = total
            bar.n = done
            bar.set_postfix(failures=failures, refresh=False)
            bar.refresh()

        return update, bar
    return progress, None


def batch(paths, circuit, store, mode="sequential", jobs=None, *, progress=None, **fit_options):
    """Refits cycle series into a SQLite results store (as `nyquist batch`; resumable: stored spectra are skipped).

    Args:
        paths: a file or folder, or a list of them (spectra grouped into series by file; cycle labels from the data
            or from file names such as cycle_012.csv).
        circuit: named model or circuit string (see `fit`).
        store: path of the SQLite store (created if missing).
        mode: "sequential" (each fit starts from the previous cycle's result) or "independent".
        jobs: parallel series (default: the processor count).
        progress: a callable progress(done, total, failures), called after every spectrum (from worker threads), or
            True for a tqdm bar (when tqdm is installed).
        **fit_options: weight, method, seed, fmin, fmax (Hz), random_starts, kk (lin-KK test, default True), refit,
            retry_failed, cycle_from_name (regex), params, fix, bounds (as in `fit`).

    Returns a `BatchResult`. Failed fits are stored and counted, not raised; bad options raise OptionError, unreadable
    inputs or store DataError.
    """
    from .fitting import _bounds_option, _fix_option

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    opts = {"mode": mode, "jobs": jobs}
    for key, value in fit_options.items():
        if key not in _BATCH_KEYS:
            raise TypeError(f"batch() got an unexpected keyword argument '{key}' (known: {', '.join(sorted(_BATCH_KEYS))})")
        if key == "fix":
            value = _fix_option(value)
        elif key == "bounds":
            value = _bounds_option(value)
        elif key == "params" and value is not None:
            value = {k: float(v) for k, v in value.items()}
        opts[_BATCH_KEYS[key]] = value
    array = (ctypes.c_char_p * len(paths))(*[p.encode("utf-8") for p in paths])
    update, bar = _progress_callback(progress)
    callback = PROGRESS(lambda done, total, failures, _: update(done, total, failures)) if update else PROGRESS()
    out, error = ctypes.c_void_p(), ctypes.c_void_p()
    try:
        status = library().nyq_batch(array, len(paths), os.fspath(store).encode("utf-8"), str(circuit).encode("utf-8"),
                                     options_json(opts), callback, None, ctypes.byref(out), ctypes.byref(error))
    finally:
        if bar is not None:
            bar.close()
    check(status, error)
    return BatchResult(take_string(out.value), status)


def export_json(store, params=None, fit_set=None):
    """The export of a fit set as a dict: the JSON of `nyquist export --format json` (fit_set, parameters, units,
    rows)."""
    if isinstance(params, str):
        params = [p.strip() for p in params.split(",")]
    out, error = ctypes.c_void_p(), ctypes.c_void_p()
    check(library().nyq_export(os.fspath(store).encode("utf-8"), options_json({"params": params, "fitSet": fit_set}),
                               ctypes.byref(out), ctypes.byref(error)), error)
    return loads(take_string(out.value))


def export(store, params=None, fit_set=None):
    """One row per spectrum of a fit set in a results store, as a pandas DataFrame with the columns of
    `nyquist export` (series, position, file, spectrum, cycle, status, start, P and P_se per parameter in its unit,
    chi_square, reduced_chi_square, chi_square_over_modulus, kk, kk_noise_percent, warnings). Missing values are NaN
    (numbers) or None. `params`: names or "R1,R3" (default: all); `fit_set`: id (default: the newest).
    The units are in `df.attrs["units"]`, the fit set in `df.attrs["fit_set"]`."""
    import pandas as pd

    d = export_json(store, params, fit_set)
    columns = ["series", "position", "file", "spectrum", "cycle", "status", "start"]
    columns += [c for p in d["parameters"] for c in (p, p + "_se")]
    columns += ["chi_square", "reduced_chi_square", "chi_square_over_modulus", "kk", "kk_noise_percent", "warnings"]
    frame = pd.DataFrame(d["rows"], columns=columns)
    numeric = [c for p in d["parameters"] for c in (p, p + "_se")]
    numeric += ["chi_square", "reduced_chi_square", "chi_square_over_modulus", "kk_noise_percent"]
    for c in numeric:
        frame[c] = pd.to_numeric(frame[c].replace({"inf": float("inf"), "-inf": float("-inf"), "nan": float("nan")}))
    frame.attrs["units"] = d["units"]
    frame.attrs["fit_set"] = d["fit_set"]
    return frame
