"""Series of spectra: `batch` (refit files into a results store) and `export` (store → DataFrame)."""
import ctypes
import os

from ._library import PROGRESS, check, library, loads, options_json, take_string

_BATCH_KEYS = {"weight": "weight", "method": "method", "seed": "seed", "fmin": "fmin", "fmax": "fmax",
               "random_starts": "randomStarts", "kk": "kk", "refit": "refit", "retry_failed": "retryFailed",
               "cycle_from_name": "cycleFromName", "params": "params", "fix": "fix", "bounds": "bounds",
               "circuits_dirs": "circuitsDirs"}


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


_TRACK_KEYS = {"clock": "clock", "laws": "laws", "floor": "floor", "estimate_scale": "estimateScale",
               "bootstrap": "bootstrap", "profile": "profile", "seed": "seed", "series_name": "seriesName",
               "cell": "cell", "cycling": "cycling", "reference": "reference", "pressure": "pressure",
               "compare": "compare", "compare_series": "compareSeries", "compare_cycling": "compareCycling",
               "compare_cell": "compareCell"}


class TrackResult:
    """Growth laws of a fitted parameter over cycling (`nyquist track --format json`, docs/tracking.md).

    Attributes:
        parameter, clock, clock_unit: what was tracked and against what.
        points: list of dicts (cycle, clock, value, …) — the series analysed.
        laws: the ranked growth laws, best first: list of dicts with law, delta_aicc, akaike_weight, verdict,
            parameters ({name: (value, lower95, upper95, unit)}), fit (the full fit dict) or failure/exclusion.
        best: the best law's name, or None when the comparison was refused (`refusal` says why).
        result: the full dict.
    """

    def __init__(self, text):
        from ._library import number

        d = loads(text)
        self.json = text
        self.result = d
        self.parameter = d["parameter"]
        self.clock = d["clock"]
        self.clock_unit = d["clockUnit"]
        self.points = d["points"]
        comparison = d["comparison"]
        self.refusal = comparison.get("refusal")
        self.laws = []
        for e in comparison["entries"]:
            fit = e.get("fit")
            params = {}
            if fit:
                for p in fit["parameters"]:
                    params[p["name"]] = (number(p["value"]), number(p.get("lower")), number(p.get("upper")), p["unit"])
            self.laws.append({"law": e["law"], "delta_aicc": number(e.get("deltaAICc")),
                              "akaike_weight": number(e.get("akaikeWeight")), "verdict": e.get("verdict"),
                              "parameters": params, "fit": fit, "failure": e.get("failure"),
                              "exclusion": e.get("exclusion")})
        self.best = self.laws[0]["law"] if self.laws and self.refusal is None else None

    def to_dict(self):
        return loads(self.json)

    def to_frame(self):
        """One row per law, ranked: law, delta_aicc, akaike_weight, verdict (pandas needed)."""
        import pandas as pd

        return pd.DataFrame([{k: e[k] for k in ("law", "delta_aicc", "akaike_weight", "verdict", "failure")}
                             for e in self.laws])

    def __repr__(self):
        return f"<TrackResult {self.parameter} over {self.clock}: {len(self.points)} points, best law {self.best}>"


def track(series_or_store, param="R3", *, progress=None, **options):
    """Growth laws for a fitted parameter over cycling, ranked by AICc (as `nyquist track`).

    Args:
        series_or_store: a results store (.sqlite from `batch`) or a parameter-series CSV.
        param: the parameter (default "R3").
        progress: callable progress(done, total, 0) after every bootstrap replicate, or True for tqdm.
        **options: clock ("cycle", "time-above:3.9", "side-charge"), laws ("G1,G2,…"), floor (relative error floor),
            estimate_scale, bootstrap (replicates, default 200), profile, seed, series_name, cell, cycling,
            reference, pressure, compare, compare_series, compare_cycling, compare_cell (docs/tracking.md).

    Returns a `TrackResult`. Raises OptionError, DataError or NumericalError.
    """
    opts = {"param": param}
    for key, value in options.items():
        if key not in _TRACK_KEYS:
            raise TypeError(f"track() got an unexpected keyword argument '{key}' (known: {', '.join(sorted(_TRACK_KEYS))})")
        opts[_TRACK_KEYS[key]] = os.fspath(value) if isinstance(value, os.PathLike) else value
    update, bar = _progress_callback(progress)
    callback = PROGRESS(lambda done, total, failures, _: update(done, total, failures)) if update else PROGRESS()
    out, error = ctypes.c_void_p(), ctypes.c_void_p()
    try:
        status = library().nyq_track(os.fspath(series_or_store).encode("utf-8"), options_json(opts), callback, None,
                                     ctypes.byref(out), ctypes.byref(error))
    finally:
        if bar is not None:
            bar.close()
    check(status, error)
    return TrackResult(take_string(out.value))
