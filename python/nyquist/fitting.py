"""Analysis of one spectrum: fit, simulate, validate (lin-KK), the named circuits."""
import ctypes
import html
import json
import math

import numpy as np

from . import _plans
from ._library import c_double_p, check, library, loads, number, options_json, take_string
from .spectrum import arrays

# Snake-case keyword → the C API's option key (the CLI's long option names).
_FIT_KEYS = {"starts": "starts", "refine": "refine", "points": "points", "max_iterations": "maxIterations",
             "stop_chi2_modulus": "stopChi2Modulus", "geodesic": "geodesic", "cholesky": "cholesky",
             "order_arcs": "orderArcs", "circuits_dirs": "circuitsDirs"}


def _fix_option(fix):
    """`fix` as the C API's {"name": value | null}: a dict, a list of names (fixed at their start) or one name."""
    if fix is None:
        return None
    if isinstance(fix, str):
        return {fix: None}
    if isinstance(fix, dict):
        return {k: (None if v is None else float(v)) for k, v in fix.items()}
    return {name: None for name in fix}


def _bounds_option(bounds):
    if bounds is None:
        return None
    out = {}
    for name, pair in bounds.items():
        lo, hi = pair
        out[name] = [_finite_or_text(lo), _finite_or_text(hi)]
    return out


def _finite_or_text(v):
    v = float(v)
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


# Indices of nyq_fit_result_goodness's array (NYQ_GOODNESS_... in include/nyquist.h) → the JSON's `goodness` keys,
# and nyq_fit_result_convergence's assessment codes (NYQ_ASSESSMENT_...).
_GOODNESS = ["chiSquare", "reducedChiSquare", "chiSquareOverModulus", "pseudoChiSquare", "aic", "bic", "residualCount",
             "degreesOfFreedom", "noiseLevel", "noiseRatio"]
_GOODNESS_ORDER = sorted(range(len(_GOODNESS)), key=lambda k: _GOODNESS[k])  # the JSON's sorted key order
_COUNTS = {"residualCount", "degreesOfFreedom"}
_ASSESSMENTS = ["converged", "not-converged", "above-noise"]


class FitResult:
    """The result of `nyquist.fit`: the library's FitResult, as `nyquist fit --format json` prints it.

    Attributes (parameter values in their physical units: Ω, F, F·s^(n−1), H, Ω·s^(−½), 1):
        values, std_errors: dict name → float (std_errors: None where not estimable: fixed, on a bound,
            not identifiable).
        ci95: dict name → (low, high), the 95 % t interval value ± t₀.₉₇₅(ν)·SE, or None.
        correlation: ndarray (P × P, nan where not estimable) over `correlation_names`.
        chi_square, reduced_chi_square, aic, bic: goodness of fit (χ² in the chosen weighting); `goodness` all of
            `goodness` of the JSON.
        converged: a convergence test was met; `assessment` is "converged", "not-converged" or "above-noise".
        seconds, iterations: the optimisation's wall-clock time in s and its iterations (`convergence` of the JSON).
        library_seconds: the wall time in s of the Swift library call `Fitter.fit(...)` that made this result (the
            optimisation plus covariance, intervals, noise gauge and warnings), timed inside the C call; not in the
            JSON.
        warnings: list of str (messages); `warning_codes` the machine codes (docs/warnings.md).
        residuals: complex ndarray, (Z − Ẑ)/|Z| per point used; `residual_frequency` their frequencies (Hz).
        circuit: the fitted circuit (named models expanded); `json` the engine's JSON text (built on first use).

    The numbers are copied from the C API's result handle into one array (nyq_fit_result_numbers), the strings from
    one small JSON object (nyq_fit_result_labels); the handle is kept, and freed with this object, so that
    `json`/`to_dict()` can ask for the JSON text only when used.
    """

    def __init__(self, handle, frequency=None, z_real=None, z_imag=None):
        lib = library()
        self._handle, self._free, self._json = handle, lib.nyq_fit_result_free, None
        text, error, count = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_size_t()
        status = lib.nyq_fit_result_labels(handle, ctypes.byref(text), ctypes.byref(error))
        if status:
            check(status, error)
        labels = loads(take_string(text.value))
        names = self.names = labels["names"]
        self.correlation_names = labels["correlationNames"]
        p, k, g = len(names), len(self.correlation_names), len(_GOODNESS)
        # nyq_fit_result_numbers's layout: values, SE, CI low, CI high, fixed (p each) | correlation (k²) | goodness
        # (g), present (g) | 7 convergence figures | residual frequency, real, imaginary (m each, m ≤ the points given).
        corr, good, res = 5 * p, 5 * p + k * k, 5 * p + k * k + 2 * g + 7
        points = lib.nyq_fit_result_residual_count(handle) if frequency is None else len(frequency)
        d = np.empty(res + 3 * points)
        status = lib.nyq_fit_result_numbers(handle, d.ctypes.data, len(d), ctypes.byref(count), ctypes.byref(error))
        if status:
            check(status, error)
        m = (count.value - res) // 3
        values, se, lo, hi, fixed = d[:corr].reshape(5, p).tolist()
        self.circuit = labels["circuit"]
        self.values = dict(zip(names, values))
        self.std_errors = {n: (None if e != e else e) for n, e in zip(names, se)}
        self.ci95 = {n: (None if e != e else (l, h)) for n, e, l, h in zip(names, se, lo, hi)}
        self.units = dict(zip(names, labels["units"]))
        self.fixed = {n: f == 1 for n, f in zip(names, fixed)}
        self.correlation = d[corr:good].reshape(k, k)
        self.residual_frequency = d[res:res + m]
        self.residuals = d[res + m:res + 2 * m] + 1j * d[res + 2 * m:res + 3 * m]
        tail = d[good:res].tolist()
        gv, present = tail[:g], tail[g:2 * g]
        self.goodness = {_GOODNESS[j]: (int(gv[j]) if _GOODNESS[j] in _COUNTS else gv[j])
                         for j in _GOODNESS_ORDER if present[j]}
        self.chi_square = self.goodness["chiSquare"]
        self.reduced_chi_square = self.goodness.get("reducedChiSquare")
        self.aic = self.goodness["aic"]
        self.bic = self.goodness["bic"]
        assessment, converged, iterations, _, _, self.seconds, self.library_seconds = tail[2 * g:]
        self.converged = converged == 1
        self.assessment = _ASSESSMENTS[int(assessment)]
        self.reason = labels["reason"]
        self.iterations = int(iterations)
        self.warnings = [w["message"] for w in labels["warnings"]]
        self.warning_codes = [w["code"] for w in labels["warnings"]]
        self._data = (frequency, z_real, z_imag)

    def __del__(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            self._free(handle)

    def __getstate__(self):  # pickle/copy: the JSON text instead of the handle, which stays with this object
        state = self.__dict__.copy()
        state.update(_json=self.json, _handle=None, _free=None)
        return state

    @property
    def json(self):
        """The engine's JSON text, exactly `nyquist fit --format json` (docs/outputs.md); built on first use."""
        if self._json is None:
            out, error = ctypes.c_void_p(), ctypes.c_void_p()
            check(library().nyq_fit_result_json(self._handle, ctypes.byref(out), ctypes.byref(error)), error)
            self._json = take_string(out.value)
        return self._json

    def to_dict(self):
        """The full result as a dict (the JSON schema of `nyquist fit --format json`, docs/outputs.md)."""
        return json.loads(self.json)

    def to_frame(self):
        """One row per parameter: value, std_error, ci95_low, ci95_high, unit, fixed (pandas needed)."""
        import pandas as pd

        rows = []
        for n in self.names:
            ci = self.ci95[n] or (None, None)
            rows.append({"parameter": n, "value": self.values[n], "std_error": self.std_errors[n],
                         "ci95_low": ci[0], "ci95_high": ci[1], "unit": self.units[n], "fixed": self.fixed[n]})
        return pd.DataFrame(rows).set_index("parameter")

    def svg(self):
        """The Nyquist plot of the data with the fitted model (SVG text), drawn by the library (NyquistReport)."""
        f, re, im = self._data
        if f is None:
            return None
        return nyquist_svg(f, re + 1j * im, circuit=self.circuit, params=[self.values[n] for n in self.names],
                           title=self.circuit)

    def __repr__(self):
        body = ", ".join(f"{n}={self.values[n]:.6g}" for n in self.names)
        return f"<FitResult {self.circuit}: {body}; χ²={self.chi_square:.6g}, {self.assessment}>"

    def _repr_html_(self):
        def fmt(v):
            return "—" if v is None else f"{v:.6g}"

        rows = "".join(
            f"<tr><td>{html.escape(n)}</td><td>{fmt(self.values[n])}</td><td>{fmt(self.std_errors[n])}</td>"
            f"<td>{'—' if self.ci95[n] is None else '[' + fmt(self.ci95[n][0]) + ', ' + fmt(self.ci95[n][1]) + ']'}</td>"
            f"<td>{html.escape(self.units[n])}</td></tr>" for n in self.names)
        table = ("<table><tr><th>parameter</th><th>value</th><th>std. error</th><th>95 % CI</th><th>unit</th></tr>"
                 + rows + "</table>")
        head = (f"<p><b>{html.escape(self.circuit)}</b> — {html.escape(self.reason)}; χ² {fmt(self.chi_square)}, "
                f"reduced χ² {fmt(self.reduced_chi_square)}, AIC {fmt(self.aic)}, BIC {fmt(self.bic)}</p>")
        warnings = "".join(f"<p>warning: {html.escape(w)}</p>" for w in self.warnings)
        svg = self.svg() or ""
        return f"<div>{head}{table}{warnings}<div style='max-width:720px'>{svg}</div></div>"


def fit(frequency, impedance=None, circuit=None, *, params=None, fix=None, bounds=None, weight="modulus",
        method="auto", seed=1, fmin=None, fmax=None, **options):
    """Fits an equivalent circuit to a spectrum (complex nonlinear least squares; GSL trust-region
    Levenberg–Marquardt, with a seeded randomize + simplex global start for method "auto"/"randomize-simplex").

    Args:
        frequency: frequencies in Hz (array-like), or a `Spectrum` (then leave `impedance` out).
        impedance: complex impedances in Ω (Z″ negative for a capacitor).
        circuit: a named model ("assb-cathode", see `circuits()`), a .circuit file, or a circuit string in
            impedance.py ("R1-p(R2,CPE2)"), CDC ("R(RQ)") or EC-Lab ("R1+R2/Q2") syntax.
        params: dict name → start value in its unit (Ω, F·s^(n−1), …).
        fix: dict name → value (None: fixed at its start), or a list of names.
        bounds: dict name → (lower, upper); ±inf allowed.
        weight: "unit", "modulus" (1/|Z|²), "proportional", "boukamp", "sigma", "estimated".
        method: "lm", "randomize-simplex" or "auto".
        seed: seed of the random starts (same seed, same result).
        fmin, fmax: frequency window in Hz.
        **options: starts, refine, points (1-based [first, last]), max_iterations, stop_chi2_modulus, geodesic,
            cholesky, order_arcs, circuits_dirs (folders of user .circuit models, searched before
            $NYQUIST_CIRCUITS).

    The circuit is resolved and the options decoded once per (circuit, options, model files) and kept in a small
    cache of prepared fits (nyquist._plans), so a loop fitting many spectra the same way pays for it once.

    Returns a `FitResult` (also when the fit did not converge: see `.converged` and `.assessment`).
    Raises OptionError (bad circuit, parameter, option), DataError (too few points, …), NumericalError.
    """
    if circuit is None and isinstance(impedance, str):
        circuit, impedance = impedance, None
    if circuit is None:
        raise TypeError("fit() needs a circuit")
    f, re, im = arrays(frequency, impedance)
    opts = {"params": None if params is None else {k: float(v) for k, v in params.items()},
            "fix": _fix_option(fix), "bounds": _bounds_option(bounds), "weight": weight, "method": method,
            "seed": int(seed), "fmin": fmin, "fmax": fmax}
    for key, value in options.items():
        if key not in _FIT_KEYS:
            raise TypeError(f"fit() got an unexpected keyword argument '{key}' (known: {', '.join(sorted(_FIT_KEYS))})")
        opts[_FIT_KEYS[key]] = value
    plan = _plans.plan(str(circuit), options_json(opts), opts.get("circuitsDirs"))
    out, error = ctypes.c_void_p(), ctypes.c_void_p()
    status = library().nyq_fit_plan_fit(plan.handle, f.ctypes.data, re.ctypes.data, im.ctypes.data, len(f),
                                        ctypes.byref(out), ctypes.byref(error))
    check(status, error)
    return FitResult(out.value, f, re, im)


def simulate(circuit, params=None, frequency=None, *, noise=0.0, seed=1, circuits_dirs=None):
    """The impedance of a circuit (complex ndarray, Ω) at `frequency` (Hz; default 1 MHz … 10 mHz, 20 per decade).

    `params`: dict name → value in its unit (Ω, F·s^(n−1), …); every parameter needs a value (from `params`, inline
    CDC values or the named model). `noise`: relative Gaussian noise added to Z′ and Z″ (0.005 = 0.5 % of |Z|).
    """
    if frequency is None:
        frequency = np.logspace(6, -2, 161)
    f = np.ascontiguousarray(frequency, dtype=float)
    re, im = np.empty_like(f), np.empty_like(f)
    opts = {"params": None if params is None else {k: float(v) for k, v in params.items()},
            "noise": float(noise) if noise else None, "seed": int(seed), "circuitsDirs": circuits_dirs}
    error = ctypes.c_void_p()
    check(library().nyq_simulate(str(circuit).encode("utf-8"), options_json(opts), f.ctypes.data_as(c_double_p), len(f),
                                 re.ctypes.data_as(c_double_p), im.ctypes.data_as(c_double_p), ctypes.byref(error)), error)
    return re + 1j * im


class ValidationResult:
    """The lin-KK test of a spectrum: `passed`, `failures` (list of str), `noise` (relative, 0.005 = 0.5 %),
    `mu`, `element_count`, `pseudo_chi_square`, and `result` (the full dict of `validate --format json`)."""

    def __init__(self, text):
        d = loads(text)
        self.json = text
        self.passed = bool(d["passed"])
        self.failures = list(d["failures"])
        self.result = d["result"]
        self.noise = number(self.result["noiseEstimate"])
        self.mu = number(self.result["mu"])
        self.element_count = self.result["elementCount"]
        self.pseudo_chi_square = number(self.result["pseudoChiSquare"])

    def to_dict(self):
        return json.loads(self.json)

    def __repr__(self):
        verdict = "pass" if self.passed else "FAIL: " + "; ".join(self.failures)
        return f"<ValidationResult {verdict}, M={self.element_count}, noise {100 * self.noise:.3g} %>"


def validate(frequency, impedance=None, *, representation=None, fit_type=None, elements=None, capacitance=None,
             extension=None, max_noise=None):
    """The lin-KK Kramers–Kronig test (Schönleber et al. 2014) of a spectrum (frequency in Hz, complex impedance in
    Ω, or a `Spectrum`). `max_noise` in % (default 1); `extension` in decades. Returns a `ValidationResult`; a failed
    test is a result with `passed` False, not an exception."""
    f, re, im = arrays(frequency, impedance)
    opts = {"representation": representation, "fitType": fit_type, "elements": elements, "capacitance": capacitance,
            "extension": extension, "maxNoise": max_noise}
    out, error = ctypes.c_void_p(), ctypes.c_void_p()
    check(library().nyq_validate(f.ctypes.data_as(c_double_p), re.ctypes.data_as(c_double_p),
                                 im.ctypes.data_as(c_double_p), len(f), options_json(opts), ctypes.byref(out),
                                 ctypes.byref(error)), error)
    return ValidationResult(take_string(out.value))


def circuits(circuits_dirs=None):
    """The named circuit models, shipped and user ones (from `circuits_dirs`, then $NYQUIST_CIRCUITS), as
    `nyquist circuits` lists them: a list of dicts with name, description, file (user models), syntaxes
    (impedance.py, cdc, ec-lab) and parameters (name, start, lower, upper, unit, meaning)."""
    out, error = ctypes.c_void_p(), ctypes.c_void_p()
    check(library().nyq_circuits(options_json({"circuitsDirs": circuits_dirs}), ctypes.byref(out), ctypes.byref(error)),
          error)
    models = loads(take_string(out.value))
    for m in models:
        for p in m["parameters"]:
            for key in ("start", "lower", "upper"):
                p[key] = number(p[key])
    return models


def nyquist_svg(frequency, impedance=None, *, circuit=None, params=None, title=None):
    """The Nyquist plot (SVG text) of a spectrum, with `circuit` at `params` (a list in circuit order) drawn over it."""
    f, re, im = arrays(frequency, impedance)
    p = np.ascontiguousarray(params if params is not None else [], dtype=float)
    out, error = ctypes.c_void_p(), ctypes.c_void_p()
    check(library().nyq_nyquist_svg(f.ctypes.data_as(c_double_p), re.ctypes.data_as(c_double_p),
                                    im.ctypes.data_as(c_double_p), len(f),
                                    None if circuit is None else circuit.encode("utf-8"), p.ctypes.data_as(c_double_p),
                                    len(p), None if title is None else title.encode("utf-8"), ctypes.byref(out),
                                    ctypes.byref(error)), error)
    return take_string(out.value)
